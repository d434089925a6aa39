#include "engine/token.h"

#include <openssl/rand.h>

namespace jem {

Result<NewToken> GenerateToken() {
  uint8_t bytes[36];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return Status::IOError("the system's random source failed; no token was made");
  }
  const std::string id = ToHex({bytes, 4});
  return NewToken{id, "jem_" + id + "_" + ToHex({bytes + 4, 32})};
}

std::string TokenIdOf(std::string_view text) {
  if (text.starts_with("jem_") && text.size() > 13 && text[12] == '_') return std::string(text.substr(4, 8));
  return std::string(text);
}

Result<Caller> CallerOf(const TokenState& holder) {
  return ParseCaller(holder.user_id + ":" + holder.role + (holder.agency.empty() ? "" : ":" + holder.agency));
}

}  // namespace jem
