#include "projections/plain_text.h"

#include <cstdio>

namespace jem::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// A character Problem() names: its length in bytes at `s[i]`, the code point, and whether it
// is a line break (LF, CR LF) or tab that a text spanning lines may hold.
struct Found {
  size_t length = 0;  // 0: nothing to name here
  unsigned code = 0;
  bool line_break = false, tab = false;
};

Found At(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = byte(0);
  if (c == '\n') return {1, c, true};
  if (c == '\r' && byte(1) == '\n') return {2, c, true};
  if (c == '\t') return {1, c, false, true};
  if (c < 0x20 || c == 0x7f) return {1, c};
  if (c == 0xc2 && byte(1) >= 0x80 && byte(1) <= 0x9f) return {2, byte(1)};  // C1: U+0080-U+009F
  if (c == 0xe2 && byte(1) == 0x80 && (byte(2) == 0xa8 || byte(2) == 0xa9)) {
    return {3, 0x2000u + (byte(2) - 0x80)};  // U+2028 line, U+2029 paragraph separator
  }
  if (c == 0xe2 && byte(1) == 0x80 && byte(2) >= 0xaa && byte(2) <= 0xae) {
    return {3, 0x2000u + (byte(2) - 0x80)};  // U+202A-U+202E: embeddings and overrides
  }
  if (c == 0xe2 && byte(1) == 0x81 && byte(2) >= 0xa6 && byte(2) <= 0xa9) {
    return {3, 0x2040u + (byte(2) - 0x80)};  // U+2066-U+2069: isolates
  }
  return {};
}

bool Allowed(const Found& f, Lines lines) { return lines == Lines::kMany && (f.line_break || f.tab); }

std::string CodePoint(unsigned code) {
  char out[16];
  std::snprintf(out, sizeof out, "U+%04X", code);
  return out;
}

}  // namespace

std::optional<std::string> Problem(std::string_view text, Lines lines) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++characters) {
    const Found f = At(text, i);
    if (f.length == 0) {
      // Past one character: a UTF-8 lead byte and its continuation bytes.
      do ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80);
      continue;
    }
    if (!Allowed(f, lines)) {
      const std::string where = " at character " + std::to_string(characters + 1);
      if (f.line_break || f.tab) return "is one line: it holds a " + std::string(f.tab ? "tab" : "line break") + where;
      if (f.code >= 0x2028 && f.code <= 0x2029) return "holds a line or paragraph separator (" + CodePoint(f.code) + ")" + where;
      if (f.code >= 0x202a) {
        return "holds a character that reorders text (" + CodePoint(f.code) + ", bidirectional formatting)" + where;
      }
      return "holds a control character (" + CodePoint(f.code) + ")" + where;
    }
    i += f.length;
  }
  return std::nullopt;
}

std::string Printable(std::string_view text, Lines lines) {
  // Only bytes that can start a character Problem() names need a look: copied in runs between them.
  const auto may_start = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t run = i;
    while (run < text.size() && !may_start(text[run])) ++run;
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    i = run;
    const Found f = At(text, i);
    if (f.length == 0 || Allowed(f, lines)) {
      out.append(text.substr(i, f.length == 0 ? 1 : f.length));
      i += f.length == 0 ? 1 : f.length;
    } else {
      out += f.line_break || f.tab ? std::string_view(" ") : kReplacement;
      i += f.length;
    }
  }
  return out;
}

std::string OneLine(std::string_view text) { return Printable(text, Lines::kOne); }

std::string Markdown(std::string_view text) {
  std::string out;
  for (char c : OneLine(text)) {
    if (std::string_view("\\`*_[]<>!|~#&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string CsvField(std::string_view text) {
  std::string field = Printable(text, Lines::kMany);
  if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    field.insert(0, "'");
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace jem::text
