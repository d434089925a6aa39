#include "api/sessions.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>

#include "events/event.h"

namespace jem::api {
namespace {

// HMAC-SHA256 of `text` under `key`, as hex.
std::string Mac(const std::string& key, std::string_view text) {
  uint8_t mac[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const uint8_t*>(text.data()), text.size(), mac,
       &size);
  return ToHex({mac, size});
}

// How an ended session is found by its CSRF token: the token's SHA-256, as hex.
std::string EndedKey(const std::string& csrf) {
  return ToHex(Sha256({reinterpret_cast<const uint8_t*>(csrf.data()), csrf.size()}));
}

}  // namespace

Result<std::string> RandomHex() {
  uint8_t bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Status::IOError("no random bytes from OpenSSL");
  return ToHex(bytes);
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Sessions::Sessions(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {
  if (auto key = RandomHex(); key.ok()) form_key_ = *key;
}

Result<Session> Sessions::Open(const Caller& caller, const std::string& token_id) {
  JEM_ASSIGN_OR_RETURN(auto id, RandomHex());
  JEM_ASSIGN_OR_RETURN(auto csrf, RandomHex());
  const Timestamp now = clock_.Now();
  Session session{id, csrf, caller, token_id, now, now};
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& entry) {
    const bool expired = Expired(entry.second);
    if (expired) Remember(entry.second);
    return expired;
  });
  // The token's own sessions make room for this one; nobody else's ever do.
  auto oldest = sessions_.end();
  size_t own = 0;
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->second.token_id != token_id) continue;
    ++own;
    if (oldest == sessions_.end() || it->second.last_seen < oldest->second.last_seen) oldest = it;
  }
  if (own >= limits_.per_token) {
    sessions_.erase(oldest);
  } else if (sessions_.size() >= limits_.max_sessions) {
    return Status::Busy("the service has as many people signed in as it can hold; try again in a few minutes");
  }
  sessions_[id] = session;
  return session;
}

Result<std::string> Sessions::SignInFormToken() const {
  if (form_key_.empty()) return Status::IOError("no random bytes from OpenSSL for the sign-in form's key");
  JEM_ASSIGN_OR_RETURN(auto nonce, RandomHex());
  const std::string made = std::to_string(ToMicros(clock_.Now())) + "." + nonce.substr(0, 32);
  return made + "." + Mac(form_key_, made);
}

bool Sessions::IsSignInFormToken(const std::string& token) const {
  const size_t dot = token.rfind('.');
  if (form_key_.empty() || dot == std::string::npos || token.size() > 128) return false;
  const std::string made = token.substr(0, dot);
  if (!SameSecret(Mac(form_key_, made), token.substr(dot + 1))) return false;
  int64_t micros = 0;
  const auto [end, error] = std::from_chars(made.data(), made.data() + made.size(), micros);
  if (error != std::errc() || *end != '.') return false;
  const auto age = clock_.Now() - FromMicros(micros);
  return age >= Timestamp::duration::zero() && age < limits_.sign_in_form;
}

std::optional<Session> Sessions::EndedWith(const std::string& csrf) const {
  const std::string key = EndedKey(csrf);
  std::lock_guard lock(mu_);
  auto it = ended_.find(key);
  if (it == ended_.end() || clock_.Now() - it->second.second >= limits_.remember_ended) return std::nullopt;
  return it->second.first;
}

void Sessions::Remember(const Session& s) {
  const Timestamp now = clock_.Now();
  std::erase_if(ended_, [&](const auto& entry) { return now - entry.second.second >= limits_.remember_ended; });
  if (ended_.size() >= limits_.max_sessions) {
    ended_.erase(std::min_element(ended_.begin(), ended_.end(), [](const auto& a, const auto& b) {
      return a.second.second < b.second.second;
    }));
  }
  ended_[EndedKey(s.csrf)] = {s, now};
}

void Sessions::Close(const std::string& id) {
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(id); it != sessions_.end()) Remember(it->second);
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

}  // namespace jem::api
