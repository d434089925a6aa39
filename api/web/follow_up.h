// The six-month follow-up report as the pages draw it: the paper's data (papers::FollowUpPaper)
// with each RAG rating's GOV.UK tag colour, and the paper as one HTML document.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "projections/views.h"

namespace jem::api::web {

// The data the follow_up template reads: papers::FollowUpPaper, each action with its tag_class.
nlohmann::json FollowUpPaper(const views::FollowUp& report);
// The whole report as one HTML document with its own print styles (no script, no assets).
std::string FollowUpHtml(const views::FollowUp& report);

}  // namespace jem::api::web
