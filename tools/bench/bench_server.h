// `jem serve` inside jem-bench: the live views and the API on a loopback port of its own,
// with the rate limit off (the benchmarks measure the server, not the limit), until destroyed.
#pragma once

#include <memory>
#include <thread>

#include "api/server/server.h"
#include "projections/live_model.h"

namespace jem::bench {

class BenchServer {
 public:
  // Starts serving `log`, which must outlive the server; `record_access`: partners' and
  // auditors' reads are recorded (the server's default).
  static Result<std::unique_ptr<BenchServer>> Start(Log& log, bool record_access = true);
  ~BenchServer();

  int port() const { return port_; }

 private:
  BenchServer(std::unique_ptr<LiveModel> views, std::unique_ptr<api::Server> server, int port);

  std::unique_ptr<LiveModel> views_;
  std::unique_ptr<api::Server> server_;
  int port_;
  std::thread serving_;
};

}  // namespace jem::bench
