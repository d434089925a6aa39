// The HTTP+JSON API (cpp-httplib) over the engine and the live views. Every request but
// /healthz carries a bearer token; the token's holder is the caller every command records.
//
// Routes so far: /healthz; the action board, one action, and its updates; a meeting's
// summary and follow-up report; the registers; round coverage and committee report; the
// event log by position. Commands on meetings and registers, the live event stream,
// metrics and OpenAPI are still to come (see the API issue).
#pragma once

#include <memory>
#include <string>

#include "engine/engine.h"
#include "events/log.h"
#include "projections/live_model.h"

namespace jem::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  size_t max_body_bytes = 1 << 20;
  double requests_per_second = 50;  // per caller, after a burst of
  double request_burst = 200;       // requests at once (429 past them)
  size_t threads = 64;              // workers: one per open connection
};

class Server {
 public:
  // None is owned; all must outlive the server.
  Server(Log& log, const Clock& clock, LiveModel& views, ServerOptions options);
  ~Server();

  // Binds the listening socket; returns the port.
  Result<int> Bind();
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jem::api
