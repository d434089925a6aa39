// The HTTP+JSON API (cpp-httplib) over the engine and the live views. Every request but
// /healthz carries a bearer token; the token's holder is the caller every command records.
//
// This is the core of the API issue: authentication, the error shape, the action board
// and action routes, and action updates. Meetings, registers, reports, events, metrics and
// OpenAPI routes are still to come (see the issue).
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
