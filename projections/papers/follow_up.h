// The six-month follow-up report (views::FollowUpReport) as a committee paper: CSV for
// spreadsheets, Markdown, and the data its HTML paper and page are drawn from. Below the API
// and the CLI, which both answer in these formats; the HTML itself is the pages' template
// (api/web/follow_up.h).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "projections/views.h"

namespace jem::papers {

// One row per action: what was agreed, by whom, due when, its status, what was done.
std::string FollowUpCsv(const views::FollowUp& report);
// The whole report, for pasting into a paper.
std::string FollowUpMarkdown(const views::FollowUp& report);
// The report as the follow_up template reads it: totals in words, each action's lines.
nlohmann::json FollowUpPaper(const views::FollowUp& report);

}  // namespace jem::papers
