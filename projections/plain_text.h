// Text from the record, and text coming into it, as text: nothing in it may act on where it
// is shown. Commands refuse what Problem() names; every output escapes by its own rules (CSV,
// Markdown, HTML, iCalendar, e-mail, the terminal) and, for what the log held before the rule,
// shows Printable() text. A note "line1\n### CAM-2009-99: FORGED" must not make a heading in
// a Markdown report, a cell "=HYPERLINK(...)" must not run as a spreadsheet formula, an escape
// sequence must not reach a terminal, a right-to-left override must not reverse a page's text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jem::text {

// Whether a text may span lines (a note, a description) or is one line (a name, a title).
enum class Lines { kOne, kMany };

// What is wrong with `text` as the text of a field, in words ("holds a control character,
// U+001B, at character 12"), or nullopt: control characters (C0, DEL, C1) other than a new
// line (LF, or CR LF) and a tab in a text that may span lines; the Unicode characters that
// reorder what is shown (bidirectional embeddings, overrides and isolates); line and
// paragraph separators.
std::optional<std::string> Problem(std::string_view text, Lines lines);

// `text` with every character Problem() names replaced: a line break by a space where the
// text is one line, anything else by U+FFFD, which shows that something was there.
std::string Printable(std::string_view text, Lines lines);

// Printable(text, Lines::kOne): one line of text for a terminal, a table cell or a log line.
std::string OneLine(std::string_view text);

// OneLine, with every character that can make Markdown structure inline (emphasis, code,
// links, images, raw HTML, tables, headings) escaped with a backslash.
std::string Markdown(std::string_view text);

// One CSV field (RFC 4180) of Printable(text, kMany): quoted when it holds a comma, quote or
// line break; a field starting with = + - @ or a tab or carriage return is prefixed with '
// so that no spreadsheet takes it for a formula.
std::string CsvField(std::string_view text);

}  // namespace jem::text
