// Every text a command carries, with the name its field has in forms and the API, and
// whether it may span lines: one table, so that every front end (API, pages, imports, CLI)
// has its texts refused by one rule (projections/plain_text.h) before any rule of the engine
// reads them. Internal to engine/.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"
#include "projections/plain_text.h"

namespace jem {

struct CommandText {
  std::string field;  // as forms and the API name it: "text", "attendees.2.name"
  const std::string* text;
  text::Lines lines;
};

// The texts of `command`. Pointers into it: valid while it is.
std::vector<CommandText> TextsOf(const AnyCommand& command);

// InvalidArgument naming the first field whose text holds what text::Problem() names, e.g.
// "'text' holds a control character (U+001B) at character 12"; OK otherwise.
Status CheckTexts(const AnyCommand& command);

}  // namespace jem
