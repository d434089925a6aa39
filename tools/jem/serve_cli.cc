// `jem serve`: the HTTP API on the data directory, until SIGTERM or SIGINT, which stop it
// gracefully: no new connections, in-flight requests finished, views checkpointed, log closed.
#include <csignal>
#include <iostream>
#include <thread>

#include "api/client_address.h"
#include "api/server.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

int Serve(const Globals& g, api::ServerOptions options) {
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
  api::Server server(*log, RealClock(), **views, options);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status());
  std::cout << "jem is serving the log in " << g.data_dir << " at http://" << options.host << ":" << *bound << "/"
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
  auto f = std::make_shared<api::ServerOptions>();
  auto* serve = app.add_subcommand("serve", "serve the HTTP API until SIGTERM or SIGINT");
  serve->add_option("--host", f->host, "address to listen on")->capture_default_str();
  serve->add_option("--port", f->port, "port to listen on (0: any free one)")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  serve->add_option("--rate", f->requests_per_second, "requests per second allowed per token")
      ->capture_default_str()->check(CLI::PositiveNumber);
  serve->add_option("--burst", f->request_burst, "requests a token may make at once")
      ->capture_default_str()->check(CLI::PositiveNumber);
  serve->add_option("--trusted-proxy", f->trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For is believed (repeatable)")
      ->check(CLI::Validator(
          [](std::string& s) { return api::IsIpAddress(s) ? "" : s + " is not an IP address"; }, "ADDRESS"));
  serve->add_option("--assets", f->assets_dir, "directory of the pages' static files (the build's by default)")
      ->check(CLI::ExistingDirectory);
  serve->add_option("--max-connections", f->connections.max_workers,
                    "connections served at once; past them, idle ones are closed to make room")
      ->capture_default_str()->check(CLI::Range(1, 4096));
  serve->add_option("--max-streams", f->streams.total, "event streams open at once")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  serve->add_option("--max-streams-per-token", f->streams.per_token, "event streams one token may hold open")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  serve->callback([&g, f] { g.exit_code = Serve(g, *f); });
}

}  // namespace jem::cli
