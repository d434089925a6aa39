// The HTTP+JSON API over the engine and the live views: the routes of api/routes.h, on
// connections hardened against slow and hostile clients (api/connection.h). Every route
// but /healthz and /api/v1/openapi.json takes a bearer token; the token's holder is the
// caller every command records.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/connection.h"
#include "api/event_streams.h"
#include "api/web/sessions.h"
#include "engine/engine.h"
#include "engine/reminders/policy.h"
#include "events/log.h"
#include "events/proofs/note.h"
#include "projections/live_model.h"

namespace jem::api {

// How many requests a caller may make: `burst` at once, then `per_second` (429 past them).
struct Allowance {
  double per_second;
  double burst;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0: any free port
  double requests_per_second = 50;    // per token, after a burst of
  double request_burst = 200;         // requests at once (429 past them)
  // Requests without a token (sign-in, the pages' files, proofs, calendars), per client address.
  Allowance per_address{100, 400};
  // Sign-ins: per client address (a script trying tokens) and per token (one token signed in
  // again and again). A person signs in a few times a day.
  Allowance sign_ins_per_address{0.5, 30};
  Allowance sign_ins_per_token{0.1, 10};
  web::Sessions::Limits sessions;     // the pages' signed-in browsers
  size_t max_headers = 64;            // header fields in one request (431 past them)
  // Reverse proxies whose X-Forwarded-For is believed (api/client_address.h); none by default.
  std::vector<std::string> trusted_proxies;
  std::string assets_dir = JEM_WEB_ASSETS_DIR;  // the pages' static files (the build copies them)
  ConnectionLimits connections;
  EventStreams::Limits streams;
  reminders::Policy reminder_policy;  // the reminder engine's, for the preview
  std::string site;                   // the pages' public address, for links in calendar feeds ("": as reached)
  // Records partners' and auditors' reads of actions, meetings and rounds in the log
  // (engine/audit/access_log.h): batched, at most a second behind.
  bool record_access = true;
  // Signs checkpoints of the log's Merkle tree with this log key (events/proofs/note.h) when
  // the log has grown, every `checkpoint_every`, and serves them at /checkpoint beside the
  // hash tiles. None: no checkpoints are signed (the tiles and proofs are still served).
  std::optional<proofs::Signer> checkpoint_key;
  std::chrono::microseconds checkpoint_every = std::chrono::seconds(10);
  // The witnesses whose cosignatures on those checkpoints the server keeps.
  std::vector<proofs::Verifier> witnesses;
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
  // Stops within the connections' grace period, however slow the clients (see HardenedServer).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jem::api
