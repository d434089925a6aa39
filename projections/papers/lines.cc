#include "projections/papers/lines.h"

#include <sstream>

#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::papers {

std::string Same(std::string_view s) { return std::string(s); }

std::string Join(const std::vector<std::string>& list, const std::string& sep) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : sep) + v;
  return out;
}

std::string TotalsLine(const views::FollowUpTotals& t) {
  std::ostringstream out;
  out << "Completed " << t.completed << ", in progress " << t.in_progress << ", open " << t.open << ", dropped "
      << t.dropped << "; overdue " << t.overdue << ", blocked " << t.blocked << " (of " << t.agreed << " agreed)";
  return out.str();
}

std::vector<std::string> SlipLines(const std::vector<views::Slip>& slips, Rewrite show, Rewrite day) {
  std::vector<std::string> lines;
  for (const auto& s : slips) lines.push_back(show(day(s.from)) + " -> " + show(day(s.to)) + " (" + show(s.reason) + ")");
  return lines;
}

std::vector<std::string> StoryLines(const views::Story& story, Rewrite show, Rewrite day) {
  auto reason = [&](const views::StoryStep& step) {
    return step.reason ? show(*step.reason) : "(withheld: " + show(step.withheld.value_or("")) + ")";
  };
  std::vector<std::string> lines;
  if (story.blocked) lines.push_back("Blocked since " + show(day(story.blocked->on)) + ": " + reason(*story.blocked));
  for (const auto& r : story.reassignments) {
    lines.push_back("Reassigned " + show(day(r.on)) + " from " + show(r.from) + " to " + show(r.to) + ": " + reason(r));
  }
  if (story.dropped) lines.push_back("Dropped " + show(day(story.dropped->on)) + ": " + reason(*story.dropped));
  if (story.reopened) lines.push_back("Reopened " + show(day(story.reopened->on)) + ": " + reason(*story.reopened));
  for (const auto& c : story.corrections) {
    lines.push_back("Corrected " + show(day(c.on)) + ": " + reason(c) + (c.fields.empty() ? "" : " (" + show(c.fields) + ")"));
  }
  return lines;
}

nlohmann::json ActionItem(const views::ActionRow& a, const std::vector<views::Slip>& slipped) {
  const auto written = [](std::string_view day) { return reference::WrittenDay(day); };
  return {{"reference", a.reference},
          {"text", a.text},
          {"lead", a.lead},
          {"supporting", a.supporting.empty() ? nlohmann::json(false) : nlohmann::json(Join(a.supporting, ", "))},
          {"due", reference::WrittenDay(a.due)},
          {"original_due", a.due == a.original_due ? nlohmann::json(false) : nlohmann::json(reference::WrittenDay(a.original_due))},
          {"standing", a.standing},
          {"rag", a.rag},
          {"slips", SlipLines(slipped, Same, written)},
          {"why", StoryLines(a.story, Same, written)}};
}

std::string ActionMarkdown(const views::ActionRow& a, const std::vector<views::Slip>& slipped) {
  const auto M = [](std::string_view v) { return text::Markdown(v); };
  std::ostringstream out;
  out << "### " << M(a.reference) << ": " << M(a.text) << "\n\n";
  out << "- Lead: " << M(a.lead);
  if (!a.supporting.empty()) out << "; supporting: " << M(Join(a.supporting, ", "));
  out << "\n- Status: " << M(a.status) << " (" << M(a.rag) << ")";
  if (a.days_overdue > 0) out << ", " << a.days_overdue << " days overdue";
  out << "\n- Due: " << M(a.due);
  if (a.due != a.original_due) out << " (originally " << M(a.original_due) << ")";
  out << "\n";
  for (const auto& l : StoryLines(a.story, text::Markdown)) out << "- " << l << "\n";
  for (const auto& l : SlipLines(slipped, text::Markdown)) out << "- Due date changed: " << l << "\n";
  return out.str();
}

}  // namespace jem::papers
