// Sessions of the web pages: a browser signs in once with an access token (never put in a
// URL: it would reach logs and histories) and then carries only a random session id in an
// HttpOnly, SameSite=Strict cookie. The server keeps each session's caller, token and CSRF
// token; a session ends when its holder signs out, after 30 minutes idle or 12 hours in
// all, or as soon as its token is revoked. A token holds at most a few sessions (signing in
// again ends its own oldest), so that no one's sign-ins can end another's session; past the
// server's total, sign-ins are refused rather than anyone signed out. The sign-in form's CSRF
// token is made and signed by the server. Time comes from the injected clock. Thread-safe.
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

namespace jem::api {

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
    size_t per_token = 5;         // past it, the token's own least recently seen session ends
    size_t max_sessions = 10000;  // past it, sign-ins are refused until sessions end
    std::chrono::seconds sign_in_form{60 * 60};  // how long a sign-in form may be left open
    std::chrono::seconds remember_ended{30 * 60};  // how long an ended session is known as one
  };
  // Draws the key that signs sign-in forms' tokens (kept in memory only: a restart makes
  // forms already open expire, nothing else).
  Sessions(const Clock& clock, Limits limits);

  // Opens a session for `caller`, signed in with token `token_id`. Errors: kBusy when the
  // server holds its most sessions already.
  Result<Session> Open(const Caller& caller, const std::string& token_id);

  // A CSRF token for a sign-in form, which only this server can make: when it was made and a
  // random nonce, signed with HMAC-SHA256 under the server's key.
  Result<std::string> SignInFormToken() const;
  // Whether `token` is one SignInFormToken made, no older than `Limits::sign_in_form`.
  bool IsSignInFormToken(const std::string& token) const;

  // The live session with cookie value `id`, marked as seen now; nullopt if there is none,
  // it has expired, or `token_active(token_id)` says its token no longer is (then it ends).
  template <typename TokenActive>
  std::optional<Session> Find(const std::string& id, TokenActive&& token_active) {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    const bool revoked = !token_active(it->second.token_id);
    if (revoked || Expired(it->second)) {
      if (!revoked) Remember(it->second);  // a revoked token's session holds nothing
      sessions_.erase(it);
      return std::nullopt;
    }
    it->second.last_seen = clock_.Now();
    return it->second;
  }

  // The session whose CSRF token is `csrf` if it ended (idle, in all, or signed out, perhaps
  // in another tab: its cookie may be gone) within Limits::remember_ended: whose it was, so
  // that a form it sent can be held across signing in again. Not one whose token was revoked.
  std::optional<Session> EndedWith(const std::string& csrf) const;

  // Ends the session with cookie value `id`, if there is one.
  void Close(const std::string& id);

  size_t size() const;
  const Limits& limits() const { return limits_; }

 private:
  bool Expired(const Session& s) const;
  // Notes that `s` ended, forgetting those that ended longer ago than remember_ended (and the
  // oldest, past max_sessions). Called with mu_ held.
  void Remember(const Session& s);

  const Clock& clock_;
  const Limits limits_;
  std::string form_key_;  // 256 random bits; empty if OpenSSL gave none (forms then refused)
  mutable std::mutex mu_;
  std::map<std::string, Session> sessions_;
  // By the SHA-256 of their CSRF token (a secret, so not compared as a map key); when each ended.
  std::map<std::string, std::pair<Session, Timestamp>> ended_;
};

// 256 random bits from OpenSSL, as 64 hex digits: session ids, CSRF tokens.
Result<std::string> RandomHex();

// Whether two secrets are equal, in time that does not depend on where they differ.
bool SameSecret(const std::string& a, const std::string& b);

}  // namespace jem::api
