// The committee progress report across a round: actions by status, agency and theme, the
// overdue list, and each partner agency's completion rate.
#include <map>
#include <set>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

Result<CommitteeFigures> CommitteeReport(const ReadModel& model, uint32_t round, Day today) {
  JEM_RETURN_IF_ERROR(KnownRound(model, round));
  CommitteeFigures report{.round = round, .as_of = reference::FormatDate(today)};
  std::map<std::string, AgencyProgress> by_agency;
  std::vector<const ActionRecord*> overdue;
  std::set<std::string> meetings;
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    const MeetingRecord* meeting = model.MeetingOf(a);
    if (!meeting || meeting->state.round != round) continue;
    ++report.actions;
    meetings.insert(a.meeting_id);
    ++report.by_status[std::string(StatusName(a.status))];
    ++report.by_theme[std::string(reference::ThemeName(a.theme))];
    AgencyProgress& c = by_agency[a.lead_agency];
    c.agency = a.lead_agency;
    ++c.actions;
    c.completed += a.status == ActionState::Status::kCompleted;
    c.dropped += a.status == ActionState::Status::kDropped;
    if (DaysOverdue(a, today) > 0) {
      ++c.overdue;
      overdue.push_back(&record);
    }
  }
  report.meetings = int64_t(meetings.size());
  std::stable_sort(overdue.begin(), overdue.end(), [&](const ActionRecord* x, const ActionRecord* y) {
    return DaysOverdue(x->state, today) > DaysOverdue(y->state, today);
  });
  for (size_t i = 0; i < std::min(overdue.size(), kOverdueShown); ++i) {
    report.overdue.push_back(ActionRowOf(model, *overdue[i], today));
  }
  report.overdue_count = overdue.size();
  for (auto& [agency, c] : by_agency) {
    const int64_t expected = c.actions - c.dropped;
    c.completion_rate = expected > 0 ? double(c.completed) / double(expected) : 0.0;
    report.by_agency.push_back(std::move(c));
  }
  return report;
}

}  // namespace jem::views
