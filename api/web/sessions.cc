#include "api/web/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>

#include "events/event.h"

namespace jem::api::web {

Result<std::string> RandomHex() {
  uint8_t bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Status::IOError("no random bytes from OpenSSL");
  return ToHex(bytes);
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<Session> Sessions::Open(const Caller& caller, const std::string& token_id) {
  JEM_ASSIGN_OR_RETURN(auto id, RandomHex());
  JEM_ASSIGN_OR_RETURN(auto csrf, RandomHex());
  const Timestamp now = clock_.Now();
  Session session{id, csrf, caller, token_id, now, now};
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& entry) { return Expired(entry.second); });
  if (sessions_.size() >= limits_.max_sessions) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.last_seen < b.second.last_seen;
    });
    sessions_.erase(oldest);
  }
  sessions_[id] = session;
  return session;
}

void Sessions::Close(const std::string& id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
}

size_t Sessions::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

bool Sessions::Expired(const Session& s) const {
  const Timestamp now = clock_.Now();
  return now - s.last_seen >= limits_.idle || now - s.opened >= limits_.absolute;
}

}  // namespace jem::api::web
