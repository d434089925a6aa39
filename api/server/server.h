// The HTTP+JSON API over the engine and the live views: the routes of api/server/routes.h, on
// connections hardened against slow and hostile clients (api/connection.h). Every route
// but /healthz and /api/v1/openapi.json takes a bearer token; the token's holder is the
// caller every command records.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/server_options.h"
#include "events/log.h"
#include "projections/live_model.h"

namespace jem::api {

class Server {
 public:
  // None is owned; all must outlive the server.
  Server(Log& log, const Clock& clock, LiveModel& views, ServerOptions options);
  ~Server();

  // Binds the listening socket; returns the port.
  Result<int> Bind();
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Run();
  // Stops within the connections' grace period, however slow the clients (see HardenedServer).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jem::api
