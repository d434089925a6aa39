// The six-month follow-up report of a meeting: what became of everything it produced.
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
    FollowUpAction row{ActionRowOf(model, record, as_of)};
    for (const auto& h : record.history) {
      if (h.kind == "progress") {
        row.progress.push_back({.day = h.day,
                                .text = h.text,
                                .percent = h.percent < 0 ? std::nullopt : std::optional<int64_t>(h.percent),
                                .withheld = h.withheld.empty() ? std::nullopt : std::optional(h.withheld)});
      } else if (h.kind == "completed") {
        row.evidence = h.text;
      } else if (h.kind == "due date changed") {
        row.slipped.push_back({h.day, h.from, h.to, h.text});
      }
    }
    // The latest notes of progress: an action may gather thousands (its history has them all).
    row.progress_count = row.progress.size();
    if (row.progress.size() > kProgressShown) row.progress.erase(row.progress.begin(), row.progress.end() - long(kProgressShown));
    actions.push_back(ToJson(row));
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

}  // namespace jem::views
