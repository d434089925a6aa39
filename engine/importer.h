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

// Parses `text`. Errors name the line: "line 12: an action needs 'lead'".
Result<std::vector<ImportStep>> ParseJemDocument(std::string_view text);

}  // namespace jem
