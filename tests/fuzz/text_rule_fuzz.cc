// libFuzzer: the rule on texts (projections/plain_text.h) against code points decoded by
// another decoder (Cap'n Proto's kj): a text is refused exactly when it holds a character
// the rule names; what Printable() makes of any text is accepted, and leaves an accepted
// text as it was.
#include <kj/encoding.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "projections/plain_text.h"

namespace {

using jem::text::Lines;

// Whether code point `c` (at `i` of `points`) is one no text may hold where `lines` says.
bool Forbidden(const kj::Array<char32_t>& points, size_t i, Lines lines) {
  const char32_t c = points[i];
  if (c == U'\n' || c == U'\t') return lines == Lines::kOne;
  if (c == U'\r') return lines == Lines::kOne || i + 1 >= points.size() || points[i + 1] != U'\n';
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

void Check(bool holds) {
  if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto decoded = kj::encodeUtf32(kj::ArrayPtr<const char>(text.data(), text.size()));
  for (Lines lines : {Lines::kOne, Lines::kMany}) {
    const bool refused = jem::text::Problem(text, lines).has_value();
    if (!decoded.hadErrors) {  // UTF-8 itself is the engine's other check
      bool forbidden = false;
      for (size_t i = 0; i < decoded.size(); ++i) forbidden = forbidden || Forbidden(decoded, i, lines);
      Check(refused == forbidden);
    }
    const std::string shown = jem::text::Printable(text, lines);
    Check(!jem::text::Problem(shown, lines).has_value());
    if (!refused) Check(shown == text);
  }
  return 0;
}
