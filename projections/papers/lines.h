// Lines the papers share (internal to projections/papers/): an action's story and slips, a
// meeting's totals, in words. Each value from the record goes through `show` (as it is, or made
// safe for Markdown) and each day through `day` (as recorded, or written as people read it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "projections/views.h"

namespace jem::papers {

using Rewrite = std::string (*)(std::string_view);

// `s` as it is: the rewrite of a value that needs none.
std::string Same(std::string_view s);
// The items of `list` with `sep` between them.
std::string Join(const std::vector<std::string>& list, const std::string& sep);
// "Completed 2, in progress 1, open 0, dropped 1; overdue 1, blocked 0 (of 4 agreed)".
std::string TotalsLine(const views::FollowUpTotals& totals);
// "2009-09-29 -> 2009-11-28 (reason)", one per change of the due date.
std::vector<std::string> SlipLines(const std::vector<views::Slip>& slips, Rewrite show = Same, Rewrite day = Same);
// Why an action stands as it does: blocked since when and why, reassigned from whom and why,
// dropped or reopened and why, corrected.
std::vector<std::string> StoryLines(const views::Story& story, Rewrite show = Same, Rewrite day = Same);

// An action as a paper's table row reads it, days in words: reference, text, lead,
// supporting (false: none), due, original_due (false: unchanged), standing, rag, slips, why.
nlohmann::json ActionItem(const views::ActionRow& action, const std::vector<views::Slip>& slipped);

// An action as a Markdown paper writes it: a heading, then its lead, status, due date, story
// and slips as a list; every value from the record made safe for Markdown.
std::string ActionMarkdown(const views::ActionRow& action, const std::vector<views::Slip>& slipped);

}  // namespace jem::papers
