#include "projections/plain_text.h"

namespace jem::text {
namespace {

// The length of a control sequence starting at `s[i]` that must not be shown: an ASCII or
// C1 control, or a bidirectional formatting character (U+202A-U+202E, U+2066-U+2069).
size_t ControlAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7f) return 1;
  const auto next = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  if (c == 0xc2 && next(1) >= 0x80 && next(1) <= 0x9f) return 2;
  if (c == 0xe2 && next(1) == 0x80 && next(2) >= 0xaa && next(2) <= 0xae) return 3;
  if (c == 0xe2 && next(1) == 0x81 && next(2) >= 0xa6 && next(2) <= 0xa9) return 3;
  return 0;
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (const size_t n = ControlAt(text, i)) {
      out += ' ';
      i += n;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string Markdown(std::string_view text) {
  std::string out;
  for (char c : OneLine(text)) {
    if (std::string_view("\\`*_[]<>!|~#&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string CsvField(std::string_view text) {
  std::string field(text);
  if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    field.insert(0, "'");
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace jem::text
