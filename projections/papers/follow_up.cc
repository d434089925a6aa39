// The follow-up report's formats for people and spreadsheets. Every value from the record
// is made safe for where it lands (projections/plain_text.h): it cannot forge a heading, a
// formula or markup.
#include "projections/papers/follow_up.h"

#include <sstream>

#include "projections/papers/lines.h"
#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::papers {
namespace {

using views::FollowUpAction;

// What was done: progress notes, then the completion evidence; each value from the record
// passed through `show`, each day through `day` (as recorded, or written as people read it).
std::vector<std::string> WhatWasDone(const FollowUpAction& action, Rewrite show = Same, Rewrite day = Same) {
  std::vector<std::string> lines;
  if (action.progress_count > action.progress.size()) {
    lines.push_back("The latest " + std::to_string(action.progress.size()) + " of " +
                    std::to_string(action.progress_count) + " notes of progress (the action's history has them all):");
  }
  for (const auto& p : action.progress) {
    const std::string text = p.withheld ? "(withheld: " + show(*p.withheld) + ")" : show(p.text);
    lines.push_back(show(day(p.day)) + ": " + text + (p.percent ? " (" + std::to_string(*p.percent) + "%)" : ""));
  }
  if (!action.evidence.empty()) lines.push_back("Completed: " + show(action.evidence));
  return lines;
}

std::string Title(const views::FollowUp& r) {
  return "Six-month follow-up: " + r.meeting + " (round " + std::to_string(r.round) + ", " + r.theme + ")";
}

}  // namespace

std::string FollowUpCsv(const views::FollowUp& r) {
  std::ostringstream out;
  out << "reference,text,lead,supporting,original_due,due,status,rag,days_overdue,what_was_done,due_date_changes,why\n";
  for (const auto& a : r.actions) {
    std::string done, slips, why;
    for (const auto& l : WhatWasDone(a)) done += (done.empty() ? "" : "; ") + l;
    for (const auto& l : SlipLines(a.slipped)) slips += (slips.empty() ? "" : "; ") + l;
    for (const auto& l : StoryLines(a.story)) why += (why.empty() ? "" : "; ") + l;
    using text::CsvField;
    out << CsvField(a.reference) << ',' << CsvField(a.text) << ',' << CsvField(a.lead) << ','
        << CsvField(Join(a.supporting, " ")) << ',' << CsvField(a.original_due) << ',' << CsvField(a.due) << ','
        << CsvField(a.status) << ',' << CsvField(a.rag) << ',' << a.days_overdue << ',' << CsvField(done) << ','
        << CsvField(slips) << ',' << CsvField(why) << "\n";
  }
  return out.str();
}

std::string FollowUpMarkdown(const views::FollowUp& r) {
  // Every value from the record goes through M: it cannot break a line or make structure.
  const auto M = [](std::string_view v) { return text::Markdown(v); };
  std::ostringstream out;
  out << "# " << M(Title(r)) << "\n\n";
  out << "Held " << M(r.held) << "; follow-up due " << M(r.follow_up_due) << "; status as of " << M(r.as_of) << ".\n\n";
  out << TotalsLine(r.totals) << ".\n\n## Actions\n\n";
  for (const auto& a : r.actions) {
    out << ActionMarkdown(a, a.slipped);
    for (const auto& l : WhatWasDone(a, text::Markdown)) out << "- " << l << "\n";
    out << "\n";
  }
  out << "## Good practice\n\n";
  if (r.good_practice.empty()) out << "None identified.\n";
  for (const auto& p : r.good_practice) {
    out << "- " << M(p.id) << " " << M(p.title) << " (" << M(p.scope) << "): " << M(p.status) << "\n";
  }
  out << "\n## Pan-London issues\n\n";
  if (r.pan_london_issues.empty()) out << "None raised.\n";
  for (const auto& i : r.pan_london_issues) {
    out << "- " << M(i.id) << " " << M(i.title) << " (lead " << M(i.lead) << "): " << M(i.status);
    if (!i.latest.empty()) out << " — " << M(i.latest);
    out << "\n";
  }
  return out.str();
}

nlohmann::json FollowUpPaper(const views::FollowUp& r) {
  // A paper for people: days, themes, boroughs and states in words; the record's text as it is.
  const auto written = [](std::string_view day) { return reference::WrittenDay(day); };
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : r.actions) {
    nlohmann::json& item = actions.emplace_back(ActionItem(a, a.slipped));
    item["done"] = WhatWasDone(a, Same, written);
  }
  nlohmann::json practices = views::ToJson(r.good_practice), issues = views::ToJson(r.pan_london_issues);
  for (nlohmann::json& p : practices) {
    p["scope"] = reference::BoroughWords(p["scope"].get<std::string>());
    p["status"] = reference::Sentence(p["status"].get<std::string>());
  }
  for (nlohmann::json& i : issues) i["status"] = reference::Sentence(i["status"].get<std::string>());
  const std::string title = "Six-month follow-up: " + reference::BoroughWords(r.borough) + " JEM of " +
                            reference::WrittenDay(r.held) + " (round " + std::to_string(r.round) + ", " +
                            reference::ThemeWordsOf(r.theme) + ")";
  return {{"title", title}, {"meeting", r.meeting}, {"held", reference::WrittenDay(r.held)},
          {"follow_up_due", reference::WrittenDay(r.follow_up_due)}, {"as_of", reference::WrittenDay(r.as_of)}, {"totals", TotalsLine(r.totals)}, {"actions", actions},
          {"good_practice", practices}, {"has_practice", !practices.empty()},
          {"issues", issues}, {"has_issues", !issues.empty()}};
}

}  // namespace jem::papers
