// Reads a JEM typed up as a YAML or JSON document (meeting, attendees, decisions, actions,
// good practice, pan-London issues, feedback) into the commands that record it, each with
// the line it came from. The engine then runs them all at once, or none.
#pragma once

#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace jem {

struct ImportStep {
  Step step;
  int line = 0;  // 1-based line of the document the command comes from
};

// What one import may hold: a JEM's notes are a few kilobytes and a few dozen changes.
// YAML aliases repeat text without repeating it in the document, so the steps and the
// bytes of what they record are bounded too (the engine bounds a command's bytes).
inline constexpr size_t kMaxImportBytes = 256 << 10;
inline constexpr size_t kMaxImportSteps = 500;

// Parses `text`. Errors name the line: "line 12: unknown field 'leed' in an action".
Result<std::vector<ImportStep>> ParseJemDocument(std::string_view text);

}  // namespace jem
