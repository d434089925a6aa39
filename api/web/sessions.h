// Sessions of the web pages: a browser signs in once with an access token (never put in a
// URL: it would reach logs and histories) and then carries only a random session id in an
// HttpOnly, SameSite=Strict cookie. The server keeps each session's caller, token and CSRF
// token; a session ends when its holder signs out, after 30 minutes idle or 12 hours in
// all, or as soon as its token is revoked. Time comes from the injected clock. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "engine/caller.h"
#include "events/clock.h"
#include "events/status.h"

namespace jem::api::web {

// The cookie that names a browser's session.
inline constexpr char kSessionCookie[] = "jem_session";

struct Session {
  std::string id;        // the cookie's value: 256 random bits, hex
  std::string csrf;      // every form of this session carries it: 256 random bits, hex
  Caller caller;
  std::string token_id;  // the token it was opened with; revoking it ends the session
  Timestamp opened, last_seen;
};

class Sessions {
 public:
  struct Limits {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds absolute{12 * 60 * 60};
    size_t max_sessions = 10000;  // past it, the least recently seen session ends
  };
  Sessions(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // Opens a session for `caller`, signed in with token `token_id`.
  Result<Session> Open(const Caller& caller, const std::string& token_id);

  // The live session with cookie value `id`, marked as seen now; nullopt if there is none,
  // it has expired, or `token_active(token_id)` says its token no longer is (then it ends).
  template <typename TokenActive>
  std::optional<Session> Find(const std::string& id, TokenActive&& token_active) {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (Expired(it->second) || !token_active(it->second.token_id)) {
      sessions_.erase(it);
      return std::nullopt;
    }
    it->second.last_seen = clock_.Now();
    return it->second;
  }

  // Ends the session with cookie value `id`, if there is one.
  void Close(const std::string& id);

  size_t size() const;

 private:
  bool Expired(const Session& s) const;

  const Clock& clock_;
  const Limits limits_;
  mutable std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

// 256 random bits from OpenSSL, as 64 hex digits: session ids, CSRF tokens.
Result<std::string> RandomHex();

// Whether two secrets are equal, in time that does not depend on where they differ.
bool SameSecret(const std::string& a, const std::string& b);

}  // namespace jem::api::web
