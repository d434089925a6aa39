// Standard base64 (RFC 4648, section 4), by OpenSSL: the C2SP text formats, the Standard
// Webhooks signatures and secrets, and the pages' Content-Security-Policy hashes all use it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jem {

std::string Base64(std::span<const uint8_t> bytes);
// The bytes of `text`, or nullopt unless it is canonical padded base64 (so one value has one
// spelling, and what a reader sees is what was signed).
std::optional<std::vector<uint8_t>> FromBase64(std::string_view text);

}  // namespace jem
