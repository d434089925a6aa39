// What the server is told: where it listens, each caller's allowance, the limits on
// connections, streams and sessions, and what it signs. jem serve's flags set them
// (tools/jem/serve_cli.cc).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/connection.h"
#include "api/event_streams.h"
#include "api/held_forms.h"
#include "api/sessions.h"
#include "engine/reminders/policy.h"
#include "events/proofs/note.h"

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
  Sessions::Limits sessions;     // the pages' signed-in browsers
  HeldForms::Limits held_forms;  // forms sent after their session ended
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

}  // namespace jem::api
