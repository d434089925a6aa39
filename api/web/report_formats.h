// The six-month follow-up report (views::FollowUpReport) as a committee paper: CSV for
// spreadsheets, Markdown, and standalone HTML that prints on A4; and the data the report's
// page and paper are drawn from.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "projections/views.h"

namespace jem::api::web {

// One row per action: what was agreed, by whom, due when, its status, what was done.
std::string FollowUpCsv(const views::Json& report);
// The whole report, for pasting into a paper.
std::string FollowUpMarkdown(const views::Json& report);
// The whole report as one HTML document with its own print styles (no script, no assets).
std::string FollowUpHtml(const views::Json& report);
// The report as the follow_up template reads it: totals in words, each action's lines.
nlohmann::json FollowUpPaper(const views::Json& report);

}  // namespace jem::api::web
