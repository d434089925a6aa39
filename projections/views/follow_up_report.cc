// The six-month follow-up report of a meeting: what became of everything it produced.
#include <sstream>

#include "projections/plain_text.h"

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

Result<Json> FollowUpReport(const ReadModel& model, const std::string& meeting_id, Day as_of) {
  JEM_ASSIGN_OR_RETURN(auto found, FindMeeting(model, meeting_id));
  const MeetingRecord& meeting = *found;
  const MeetingState& m = meeting.state;
  if (m.status != MeetingState::Status::kHeld) {
    return Status::FailedPrecondition("meeting " + meeting_id + " is " + std::string(StatusName(m.status)) +
                                      "; a follow-up report needs a held meeting");
  }
  Json actions = Json::array();
  Json totals = {{"agreed", 0}, {"completed", 0}, {"in_progress", 0}, {"open", 0},
                 {"dropped", 0}, {"overdue", 0}, {"blocked", 0}};
  for (const auto& ref : meeting.actions) {
    const ActionRecord& record = model.actions.at(ref);
    const ActionState& a = record.state;
    Json row = ActionRow(model, record, as_of);
    Json progress = Json::array(), slipped = Json::array();
    std::string evidence;
    for (const auto& h : record.history) {
      if (h.kind == "progress") {
        progress.push_back({{"day", h.day},
                            {"text", h.text},
                            {"percent", h.percent < 0 ? Json() : Json(h.percent)},
                            {"withheld", h.withheld.empty() ? Json() : Json(h.withheld)}});
      } else if (h.kind == "completed") {
        evidence = h.text;
      } else if (h.kind == "due date changed") {
        slipped.push_back({{"day", h.day}, {"from", h.from}, {"to", h.to}, {"reason", h.text}});
      }
    }
    row["progress"] = progress;
    row["evidence"] = evidence;
    row["slipped"] = slipped;
    actions.push_back(row);
    totals["agreed"] = totals["agreed"].get<int>() + 1;
    const char* key = a.status == ActionState::Status::kCompleted    ? "completed"
                      : a.status == ActionState::Status::kInProgress ? "in_progress"
                      : a.status == ActionState::Status::kDropped    ? "dropped"
                                                                     : "open";
    totals[key] = totals[key].get<int>() + 1;
    if (DaysOverdue(a, as_of) > 0) totals["overdue"] = totals["overdue"].get<int>() + 1;
    if (a.blocked) totals["blocked"] = totals["blocked"].get<int>() + 1;
  }
  Json practices = Json::array();
  for (const auto& id : meeting.practices) {
    const PracticeState& p = model.practices.at(id);
    practices.push_back({{"id", p.id}, {"title", p.title}, {"scope", p.borough}, {"status", StatusName(p.status)}});
  }
  Json issues = Json::array();
  for (const auto& id : meeting.issues) {
    const IssueState& i = model.issues.at(id);
    issues.push_back({{"id", i.id}, {"title", i.title}, {"lead", i.lead_agency}, {"status", StatusName(i.status)},
                      {"latest", i.status == IssueState::Status::kResolved ? i.resolution
                                 : i.updates.empty()                       ? ""
                                                                           : i.updates.back()}});
  }
  return Json{{"meeting", m.id},
              {"borough", m.borough},
              {"round", m.round},
              {"theme", reference::ThemeName(m.theme)},
              {"held", m.held_date},
              {"follow_up_due", m.FollowUpDue()},
              {"as_of", reference::FormatDate(as_of)},
              {"totals", totals},
              {"actions", actions},
              {"good_practice", practices},
              {"pan_london_issues", issues}};
}

namespace {

std::string Join(const Json& list, const std::string& sep) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : sep) + v.get<std::string>();
  return out;
}

std::string Str(const Json& v) { return v.get<std::string>(); }
std::string Same(std::string_view s) { return std::string(s); }

std::string Html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

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

std::string Title(const Json& r) {
  return "Six-month follow-up: " + r["meeting"].get<std::string>() + " (round " +
         std::to_string(r["round"].get<int>()) + ", " + r["theme"].get<std::string>() + ")";
}

}  // namespace

std::string FollowUpCsv(const Json& r) {
  std::ostringstream out;
  out << "reference,text,lead,supporting,original_due,due,status,rag,days_overdue,what_was_done,due_date_changes\n";
  for (const auto& a : r["actions"]) {
    std::string done, slips;
    for (const auto& l : WhatWasDone(a)) done += (done.empty() ? "" : "; ") + l;
    for (const auto& l : Slips(a)) slips += (slips.empty() ? "" : "; ") + l;
    using text::CsvField;
    out << CsvField(Str(a["reference"])) << ',' << CsvField(Str(a["text"])) << ',' << CsvField(Str(a["lead"])) << ','
        << CsvField(Join(a["supporting"], " ")) << ',' << CsvField(Str(a["original_due"])) << ','
        << CsvField(Str(a["due"])) << ',' << CsvField(Str(a["status"])) << ',' << CsvField(Str(a["rag"])) << ','
        << a["days_overdue"] << ',' << CsvField(done) << ',' << CsvField(slips) << "\n";
  }
  return out.str();
}

std::string FollowUpMarkdown(const Json& r) {
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

std::string FollowUpHtml(const Json& r) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << Html(Title(r))
      << "</title>\n<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
         "th,td{border:1px solid #555;padding:4px;vertical-align:top;text-align:left}"
         ".red{background:#f4c7c3}.amber{background:#fce8b2}.green{background:#b7e1cd}.grey{background:#ddd}"
         "@media print{body{margin:0}}</style>\n</head>\n<body>\n";
  out << "<h1>" << Html(Title(r)) << "</h1>\n<p>Held " << Html(r["held"]) << "; follow-up due "
      << Html(r["follow_up_due"]) << "; status as of " << Html(r["as_of"]) << ".</p>\n<p>"
      << Html(TotalsLine(r["totals"])) << ".</p>\n";
  out << "<table>\n<tr><th>Action</th><th>Lead (supporting)</th><th>Due</th><th>Status</th>"
         "<th>What was done</th><th>Due date changes</th></tr>\n";
  for (const auto& a : r["actions"]) {
    out << "<tr class=\"" << Html(a["rag"]) << "\"><td>" << Html(a["reference"]) << ": " << Html(a["text"])
        << "</td><td>" << Html(a["lead"]);
    if (!a["supporting"].empty()) out << " (" << Html(Join(a["supporting"], ", ")) << ")";
    out << "</td><td>" << Html(a["due"]) << "</td><td>" << Html(a["status"]) << " (" << Html(a["rag"]) << ")</td><td>";
    for (const auto& l : WhatWasDone(a)) out << Html(l) << "<br>";
    out << "</td><td>";
    for (const auto& l : Slips(a)) out << Html(l) << "<br>";
    out << "</td></tr>\n";
  }
  out << "</table>\n<h2>Good practice</h2>\n<ul>\n";
  for (const auto& p : r["good_practice"]) {
    out << "<li>" << Html(p["id"]) << " " << Html(p["title"]) << " (" << Html(p["scope"]) << "): "
        << Html(p["status"]) << "</li>\n";
  }
  out << "</ul>\n<h2>Pan-London issues</h2>\n<ul>\n";
  for (const auto& i : r["pan_london_issues"]) {
    out << "<li>" << Html(i["id"]) << " " << Html(i["title"]) << " (lead " << Html(i["lead"]) << "): "
        << Html(i["status"]) << "</li>\n";
  }
  out << "</ul>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace jem::views
