// The brief (data pack) of a JEM (brief::BriefOf) for people: Markdown to paste or send, and
// the data its HTML paper and page are drawn from (the brief template of api/web/).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "projections/brief/brief.h"

namespace jem::papers {

// The whole brief, every value from the record made safe for Markdown.
std::string BriefMarkdown(const brief::Brief& brief);
// The brief as the brief template reads it: days, boroughs, themes and states in words.
nlohmann::json BriefPaper(const brief::Brief& brief);

}  // namespace jem::papers
