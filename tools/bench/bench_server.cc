#include "tools/bench/bench_server.h"

namespace jem::bench {

Result<std::unique_ptr<BenchServer>> BenchServer::Start(Log& log, bool record_access) {
  JEM_ASSIGN_OR_RETURN(auto views, LiveModel::Start(log));
  api::ServerOptions options;
  options.port = 0;
  options.requests_per_second = options.request_burst = 1e9;
  options.record_access = record_access;
  auto server = std::make_unique<api::Server>(log, RealClock(), *views, options);
  JEM_ASSIGN_OR_RETURN(int port, server->Bind());
  return std::unique_ptr<BenchServer>(new BenchServer(std::move(views), std::move(server), port));
}

BenchServer::BenchServer(std::unique_ptr<LiveModel> views, std::unique_ptr<api::Server> server, int port)
    : views_(std::move(views)), server_(std::move(server)), port_(port), serving_([this] { server_->Run(); }) {}

BenchServer::~BenchServer() {
  server_->Stop();
  serving_.join();
}

}  // namespace jem::bench
