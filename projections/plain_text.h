// Text from the record made safe for the place it is shown: input must never forge output.
// A note "line1\n### CAM-2009-99: FORGED" must not make a heading in a Markdown report, a
// cell "=HYPERLINK(...)" must not run as a spreadsheet formula, and escape sequences must
// not reach a terminal.
#pragma once

#include <string>
#include <string_view>

namespace jem::text {

// One line of text for a terminal or a table cell: control characters (C0, DEL, C1) and
// the Unicode controls that reorder what is shown (bidirectional overrides and isolates)
// become spaces; line breaks too.
std::string OneLine(std::string_view text);

// OneLine, with every character that can make Markdown structure inline (emphasis, code,
// links, images, raw HTML, tables, headings) escaped with a backslash.
std::string Markdown(std::string_view text);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a field
// starting with = + - @ or a tab or carriage return is prefixed with ' so that no
// spreadsheet takes it for a formula.
std::string CsvField(std::string_view text);

}  // namespace jem::text
