// The follow-up report's formats for people and spreadsheets. Every value from the record
// is made safe for where it lands (projections/plain_text.h): it cannot forge a heading, a
// formula or markup.
#include "projections/papers/follow_up.h"

#include <sstream>

#include "projections/plain_text.h"

namespace jem::papers {
namespace {

using Json = views::Json;

std::string Join(const Json& list, const std::string& sep) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : sep) + v.get<std::string>();
  return out;
}

std::string Str(const Json& v) { return v.get<std::string>(); }
std::string Same(std::string_view s) { return std::string(s); }

// "Completed 2, in progress 1, open 0, dropped 1; overdue 1, blocked 0 (of 4 agreed)".
std::string TotalsLine(const Json& t) {
  std::ostringstream out;
  out << "Completed " << t["completed"] << ", in progress " << t["in_progress"] << ", open " << t["open"]
      << ", dropped " << t["dropped"] << "; overdue " << t["overdue"] << ", blocked " << t["blocked"]
      << " (of " << t["agreed"] << " agreed)";
  return out.str();
}

// What was done: progress notes, then the completion evidence; each value from the record
// passed through `show`.
std::vector<std::string> WhatWasDone(const Json& action, std::string (*show)(std::string_view) = Same) {
  std::vector<std::string> lines;
  const size_t all = action.value("progress_count", action["progress"].size());
  if (all > action["progress"].size()) {
    lines.push_back("The latest " + std::to_string(action["progress"].size()) + " of " + std::to_string(all) +
                    " notes of progress (the action's history has them all):");
  }
  for (const auto& p : action["progress"]) {
    const std::string text = p["withheld"].is_null() ? show(Str(p["text"])) : "(withheld: " + show(Str(p["withheld"])) + ")";
    lines.push_back(show(Str(p["day"])) + ": " + text +
                    (p["percent"].is_null() ? "" : " (" + std::to_string(p["percent"].get<int>()) + "%)"));
  }
  if (!Str(action["evidence"]).empty()) lines.push_back("Completed: " + show(Str(action["evidence"])));
  return lines;
}

// "2009-09-29 -> 2009-11-28 (reason)", each value from the record passed through `show`.
std::vector<std::string> Slips(const Json& action, std::string (*show)(std::string_view) = Same) {
  std::vector<std::string> lines;
  for (const auto& s : action["slipped"]) {
    lines.push_back(show(Str(s["from"])) + " -> " + show(Str(s["to"])) + " (" + show(Str(s["reason"])) + ")");
  }
  return lines;
}

// Why the action stands as it does (its story): blocked since when and why, reassigned from
// whom and why, dropped or reopened and why, corrected; each value passed through `show`.
std::vector<std::string> Why(const Json& action, std::string (*show)(std::string_view) = Same) {
  const Json& story = action["story"];
  auto reason = [&](const Json& step) {
    return step["reason"].is_null() ? "(withheld: " + show(Str(step["withheld"])) + ")" : show(Str(step["reason"]));
  };
  std::vector<std::string> lines;
  if (!story["blocked"].is_null()) lines.push_back("Blocked since " + show(Str(story["blocked"]["on"])) + ": " + reason(story["blocked"]));
  for (const auto& r : story["reassignments"]) {
    lines.push_back("Reassigned " + show(Str(r["on"])) + " from " + show(Str(r["from"])) + " to " + show(Str(r["to"])) +
                    ": " + reason(r));
  }
  if (!story["dropped"].is_null()) lines.push_back("Dropped " + show(Str(story["dropped"]["on"])) + ": " + reason(story["dropped"]));
  if (!story["reopened"].is_null()) lines.push_back("Reopened " + show(Str(story["reopened"]["on"])) + ": " + reason(story["reopened"]));
  for (const auto& c : story["corrections"]) {
    lines.push_back("Corrected " + show(Str(c["on"])) + ": " + reason(c) +
                    (Str(c["fields"]).empty() ? "" : " (" + show(Str(c["fields"])) + ")"));
  }
  return lines;
}

std::string Title(const Json& r) {
  return "Six-month follow-up: " + r["meeting"].get<std::string>() + " (round " +
         std::to_string(r["round"].get<int>()) + ", " + r["theme"].get<std::string>() + ")";
}

}  // namespace

std::string FollowUpCsv(const views::Json& r) {
  std::ostringstream out;
  out << "reference,text,lead,supporting,original_due,due,status,rag,days_overdue,what_was_done,due_date_changes,why\n";
  for (const auto& a : r["actions"]) {
    std::string done, slips, why;
    for (const auto& l : WhatWasDone(a)) done += (done.empty() ? "" : "; ") + l;
    for (const auto& l : Slips(a)) slips += (slips.empty() ? "" : "; ") + l;
    for (const auto& l : Why(a)) why += (why.empty() ? "" : "; ") + l;
    using text::CsvField;
    out << CsvField(Str(a["reference"])) << ',' << CsvField(Str(a["text"])) << ',' << CsvField(Str(a["lead"])) << ','
        << CsvField(Join(a["supporting"], " ")) << ',' << CsvField(Str(a["original_due"])) << ','
        << CsvField(Str(a["due"])) << ',' << CsvField(Str(a["status"])) << ',' << CsvField(Str(a["rag"])) << ','
        << a["days_overdue"] << ',' << CsvField(done) << ',' << CsvField(slips) << ',' << CsvField(why) << "\n";
  }
  return out.str();
}

std::string FollowUpMarkdown(const views::Json& r) {
  // Every value from the record goes through M: it cannot break a line or make structure.
  const auto M = [](const Json& v) { return text::Markdown(v.is_string() ? Str(v) : v.dump()); };
  std::ostringstream out;
  out << "# " << text::Markdown(Title(r)) << "\n\n";
  out << "Held " << M(r["held"]) << "; follow-up due " << M(r["follow_up_due"]) << "; status as of " << M(r["as_of"])
      << ".\n\n";
  out << TotalsLine(r["totals"]) << ".\n\n## Actions\n\n";
  for (const auto& a : r["actions"]) {
    out << "### " << M(a["reference"]) << ": " << M(a["text"]) << "\n\n";
    out << "- Lead: " << M(a["lead"]);
    if (!a["supporting"].empty()) out << "; supporting: " << text::Markdown(Join(a["supporting"], ", "));
    out << "\n- Status: " << M(a["status"]) << " (" << M(a["rag"]) << ")";
    if (a["days_overdue"].get<int>() > 0) out << ", " << a["days_overdue"] << " days overdue";
    out << "\n- Due: " << M(a["due"]);
    if (a["due"] != a["original_due"]) out << " (originally " << M(a["original_due"]) << ")";
    out << "\n";
    for (const auto& l : Why(a, text::Markdown)) out << "- " << l << "\n";
    for (const auto& l : Slips(a, text::Markdown)) out << "- Due date changed: " << l << "\n";
    for (const auto& l : WhatWasDone(a, text::Markdown)) out << "- " << l << "\n";
    out << "\n";
  }
  out << "## Good practice\n\n";
  if (r["good_practice"].empty()) out << "None identified.\n";
  for (const auto& p : r["good_practice"]) {
    out << "- " << M(p["id"]) << " " << M(p["title"]) << " (" << M(p["scope"]) << "): " << M(p["status"]) << "\n";
  }
  out << "\n## Pan-London issues\n\n";
  if (r["pan_london_issues"].empty()) out << "None raised.\n";
  for (const auto& i : r["pan_london_issues"]) {
    out << "- " << M(i["id"]) << " " << M(i["title"]) << " (lead " << M(i["lead"]) << "): " << M(i["status"]);
    if (!Str(i["latest"]).empty()) out << " — " << M(i["latest"]);
    out << "\n";
  }
  return out.str();
}

nlohmann::json FollowUpPaper(const views::Json& r) {
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : r["actions"]) {
    actions.push_back({{"reference", a["reference"]}, {"text", a["text"]}, {"lead", a["lead"]},
                       {"supporting", a["supporting"].empty() ? nlohmann::json(false) : nlohmann::json(Join(a["supporting"], ", "))}, {"due", a["due"]},
                       {"original_due", a["due"] == a["original_due"] ? nlohmann::json(false) : nlohmann::json(a["original_due"])},
                       {"status", a["status"]}, {"rag", a["rag"]},
                       {"overdue", a["days_overdue"].get<int>() > 0 ? nlohmann::json(a["days_overdue"].dump()) : nlohmann::json(false)},
                       {"done", WhatWasDone(a)}, {"slips", Slips(a)}, {"why", Why(a)}});
  }
  nlohmann::json practices = nlohmann::json::array();
  for (const auto& p : r["good_practice"]) practices.push_back(nlohmann::json(p));
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : r["pan_london_issues"]) issues.push_back(nlohmann::json(i));
  return {{"title", Title(r)}, {"meeting", r["meeting"]}, {"held", r["held"]}, {"follow_up_due", r["follow_up_due"]},
          {"as_of", r["as_of"]}, {"totals", TotalsLine(r["totals"])}, {"actions", actions},
          {"good_practice", practices}, {"has_practice", !practices.empty()},
          {"issues", issues}, {"has_issues", !issues.empty()}};
}

}  // namespace jem::papers
