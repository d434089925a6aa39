// The follow-up report's formats for people and spreadsheets. Every value from the record
// is made safe for where it lands (projections/plain_text.h): it cannot forge a heading, a
// formula or markup.
#include "projections/papers/follow_up.h"

#include <sstream>

#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::papers {
namespace {

using views::FollowUpAction;

std::string Join(const std::vector<std::string>& list, const std::string& sep) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : sep) + v;
  return out;
}

std::string Same(std::string_view s) { return std::string(s); }

// "Completed 2, in progress 1, open 0, dropped 1; overdue 1, blocked 0 (of 4 agreed)".
std::string TotalsLine(const views::FollowUpTotals& t) {
  std::ostringstream out;
  out << "Completed " << t.completed << ", in progress " << t.in_progress << ", open " << t.open << ", dropped "
      << t.dropped << "; overdue " << t.overdue << ", blocked " << t.blocked << " (of " << t.agreed << " agreed)";
  return out.str();
}

// What was done: progress notes, then the completion evidence; each value from the record
// passed through `show`, each day through `day` (as recorded, or written as people read it).
std::vector<std::string> WhatWasDone(const FollowUpAction& action, std::string (*show)(std::string_view) = Same,
                                     std::string (*day)(std::string_view) = Same) {
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

// "2009-09-29 -> 2009-11-28 (reason)", each value from the record passed through `show`, each
// day through `day`.
std::vector<std::string> Slips(const FollowUpAction& action, std::string (*show)(std::string_view) = Same,
                               std::string (*day)(std::string_view) = Same) {
  std::vector<std::string> lines;
  for (const auto& s : action.slipped) {
    lines.push_back(show(day(s.from)) + " -> " + show(day(s.to)) + " (" + show(s.reason) + ")");
  }
  return lines;
}

// Why the action stands as it does (its story): blocked since when and why, reassigned from
// whom and why, dropped or reopened and why, corrected; each value passed through `show`, each
// day through `day`.
std::vector<std::string> Why(const FollowUpAction& action, std::string (*show)(std::string_view) = Same,
                             std::string (*day)(std::string_view) = Same) {
  const views::Story& story = action.story;
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
    for (const auto& l : Slips(a)) slips += (slips.empty() ? "" : "; ") + l;
    for (const auto& l : Why(a)) why += (why.empty() ? "" : "; ") + l;
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
    out << "### " << M(a.reference) << ": " << M(a.text) << "\n\n";
    out << "- Lead: " << M(a.lead);
    if (!a.supporting.empty()) out << "; supporting: " << M(Join(a.supporting, ", "));
    out << "\n- Status: " << M(a.status) << " (" << M(a.rag) << ")";
    if (a.days_overdue > 0) out << ", " << a.days_overdue << " days overdue";
    out << "\n- Due: " << M(a.due);
    if (a.due != a.original_due) out << " (originally " << M(a.original_due) << ")";
    out << "\n";
    for (const auto& l : Why(a, text::Markdown)) out << "- " << l << "\n";
    for (const auto& l : Slips(a, text::Markdown)) out << "- Due date changed: " << l << "\n";
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
    actions.push_back({{"reference", a.reference}, {"text", a.text}, {"lead", a.lead},
                       {"supporting", a.supporting.empty() ? nlohmann::json(false) : nlohmann::json(Join(a.supporting, ", "))},
                       {"due", reference::WrittenDay(a.due)},
                       {"original_due", a.due == a.original_due ? nlohmann::json(false)
                                                                : nlohmann::json(reference::WrittenDay(a.original_due))},
                       {"standing", a.standing}, {"rag", a.rag},
                       {"done", WhatWasDone(a, Same, written)}, {"slips", Slips(a, Same, written)},
                       {"why", Why(a, Same, written)}});
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
