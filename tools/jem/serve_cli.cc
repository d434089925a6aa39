// `jem serve`: the HTTP API on the data directory, until SIGTERM or SIGINT, which stop it
// gracefully: no new connections, in-flight requests finished, views checkpointed, log closed.
#include <csignal>
#include <iostream>
#include <thread>

#include "api/server.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

int Serve(const Globals& g, const std::string& host, int port) {
  // Block the stop signals in every thread; one thread waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto log = OpenLog(g, true);
  if (!log) return kExitError;
  auto views = LiveModel::Start(*log);
  if (!views.ok()) return Fail(views.status());
  api::ServerOptions options;
  options.host = host;
  options.port = port;
  api::Server server(*log, RealClock(), **views, options);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status());
  std::cout << "jem is serving the log in " << g.data_dir << " at http://" << host << ":" << *bound << "/"
            << std::endl;
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cerr << "jem: stopping (signal " << signal << ")\n";
    server.Stop();
  });
  server.Run();
  // Run returned on its own (not through a signal): wake the stopper so it can be joined.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g) {
  struct Flags {
    std::string host = "127.0.0.1";
    int port = 8080;
  };
  auto f = std::make_shared<Flags>();
  auto* serve = app.add_subcommand("serve", "serve the HTTP API until SIGTERM or SIGINT");
  serve->add_option("--host", f->host, "address to listen on")->capture_default_str();
  serve->add_option("--port", f->port, "port to listen on (0: any free one)")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  serve->callback([&g, f] { g.exit_code = Serve(g, f->host, f->port); });
}

}  // namespace jem::cli
