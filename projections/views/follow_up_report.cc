// The six-month follow-up report of a meeting: what became of everything it produced.
#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

void CountAgreed(const ActionState& a, Day today, FollowUpTotals* totals) {
  ++totals->agreed;
  ++(a.status == ActionState::Status::kCompleted    ? totals->completed
     : a.status == ActionState::Status::kInProgress ? totals->in_progress
     : a.status == ActionState::Status::kDropped    ? totals->dropped
                                                    : totals->open);
  if (DaysOverdue(a, today) > 0) ++totals->overdue;
  if (a.blocked) ++totals->blocked;
}

std::vector<Slip> SlipsOf(const ActionRecord& record) {
  std::vector<Slip> slips;
  for (const auto& h : record.history) {
    if (h.kind == "due date changed") slips.push_back({h.day, h.from, h.to, h.text});
  }
  return slips;
}

Result<FollowUp> FollowUpReport(const ReadModel& model, const std::string& meeting_id, Day as_of) {
  JEM_ASSIGN_OR_RETURN(auto found, FindMeeting(model, meeting_id));
  const MeetingRecord& meeting = *found;
  const MeetingState& m = meeting.state;
  if (m.status != MeetingState::Status::kHeld) {
    return Status::FailedPrecondition("meeting " + meeting_id + " is " + std::string(StatusName(m.status)) +
                                      "; a follow-up report needs a held meeting");
  }
  FollowUp report{.meeting = m.id,
                  .borough = m.borough,
                  .round = m.round,
                  .theme = std::string(reference::ThemeName(m.theme)),
                  .held = m.held_date,
                  .follow_up_due = m.FollowUpDue(),
                  .as_of = reference::FormatDate(as_of)};
  FollowUpTotals& totals = report.totals;
  for (const auto& ref : meeting.actions) {
    const ActionRecord& record = model.actions.at(ref);
    FollowUpAction row{ActionRowOf(model, record, as_of)};
    for (const auto& h : record.history) {
      if (h.kind == "progress") {
        row.progress.push_back({.day = h.day,
                                .text = h.text,
                                .percent = h.percent < 0 ? std::nullopt : std::optional<int64_t>(h.percent),
                                .withheld = h.withheld.empty() ? std::nullopt : std::optional(h.withheld)});
      } else if (h.kind == "completed") {
        row.evidence = h.text;
      }
    }
    row.slipped = SlipsOf(record);
    // The latest notes of progress: an action may gather thousands (its history has them all).
    row.progress_count = row.progress.size();
    if (row.progress.size() > kProgressShown) row.progress.erase(row.progress.begin(), row.progress.end() - long(kProgressShown));
    report.actions.push_back(std::move(row));
    CountAgreed(record.state, as_of, &totals);
  }
  for (const auto& id : meeting.practices) {
    const PracticeState& p = model.practices.at(id);
    report.good_practice.push_back({p.id, p.title, p.borough, std::string(StatusName(p.status))});
  }
  for (const auto& id : meeting.issues) {
    const IssueState& i = model.issues.at(id);
    report.pan_london_issues.push_back({i.id, i.title, i.lead_agency, std::string(StatusName(i.status)),
                                        i.status == IssueState::Status::kResolved ? i.resolution
                                        : i.updates.empty()                       ? ""
                                                                                  : i.updates.back()});
  }
  return report;
}

}  // namespace jem::views
