// The committee progress report across a round: actions by status, agency and theme, the
// overdue list, and each partner agency's completion rate.
#include <map>
#include <set>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

Result<Json> CommitteeReport(const ReadModel& model, uint32_t round, Day today) {
  if (round == 0) return Status::InvalidArgument("rounds are numbered from 1");
  std::map<std::string, int> by_status, by_theme;
  struct AgencyCount {
    int actions = 0, completed = 0, overdue = 0, dropped = 0;
  };
  std::map<std::string, AgencyCount> by_agency;
  std::vector<const ActionRecord*> overdue;
  int total = 0;
  std::set<std::string> meetings;
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    const MeetingRecord* meeting = model.MeetingOf(a);
    if (!meeting || meeting->state.round != round) continue;
    ++total;
    meetings.insert(a.meeting_id);
    ++by_status[std::string(StatusName(a.status))];
    ++by_theme[std::string(reference::ThemeName(a.theme))];
    AgencyCount& c = by_agency[a.lead_agency];
    ++c.actions;
    c.completed += a.status == ActionState::Status::kCompleted;
    c.dropped += a.status == ActionState::Status::kDropped;
    if (DaysOverdue(a, today) > 0) {
      ++c.overdue;
      overdue.push_back(&record);
    }
  }
  std::stable_sort(overdue.begin(), overdue.end(), [&](const ActionRecord* x, const ActionRecord* y) {
    return DaysOverdue(x->state, today) > DaysOverdue(y->state, today);
  });
  Json overdue_rows = Json::array();
  for (size_t i = 0; i < std::min(overdue.size(), kOverdueShown); ++i) {
    overdue_rows.push_back(ActionRow(model, *overdue[i], today));
  }
  Json agencies = Json::array();
  for (const auto& [agency, c] : by_agency) {
    // Completion rate over the actions still expected: dropped ones are not counted.
    const int expected = c.actions - c.dropped;
    agencies.push_back({{"agency", agency}, {"actions", c.actions}, {"completed", c.completed},
                        {"overdue", c.overdue}, {"dropped", c.dropped},
                        {"completion_rate", expected > 0 ? double(c.completed) / expected : 0.0}});
  }
  return Json{{"round", round},
              {"as_of", reference::FormatDate(today)},
              {"meetings", meetings.size()},
              {"actions", total},
              {"by_status", by_status},
              {"by_theme", by_theme},
              {"by_agency", agencies},
              {"overdue", std::move(overdue_rows)},
              {"overdue_count", overdue.size()}};
}

}  // namespace jem::views
