// Bearer tokens for the HTTP API: opaque, random, and recorded only as a hash.
#pragma once

#include <string>
#include <string_view>

#include "engine/caller.h"
#include "events/event.h"
#include "events/status.h"
#include "projections/stream_state.h"

namespace jem {

// "jem_<id>_<secret>": the id (8 hex digits) names the token in lists and revocations;
// the secret is 32 random bytes from OpenSSL, in hex.
struct NewToken {
  std::string id;
  std::string token;
};

// A fresh token. Fails only if the system's random source does.
Result<NewToken> GenerateToken();

// SHA-256 of the whole token: what the log keeps.
inline Hash TokenHash(std::string_view token) {
  return Sha256({reinterpret_cast<const uint8_t*>(token.data()), token.size()});
}

// The caller a token's holder acts as (user, role, and agency for partners).
Result<Caller> CallerOf(const TokenState& holder);

// The id in a token ("jem_1a2b3c4d_..." -> "1a2b3c4d"), or the text itself if it is an id.
std::string TokenIdOf(std::string_view token_or_id);

}  // namespace jem
