#include "projections/views.h"

namespace jem::views {

ReadModel ForPartner(const ReadModel& model, const std::string& meeting_id, const std::string& agency) {
  ReadModel scoped;
  scoped.position = model.position;
  scoped.rounds = model.rounds;
  auto meeting = model.meetings.find(meeting_id);
  if (meeting == model.meetings.end()) return scoped;
  MeetingRecord& m = scoped.meetings[meeting_id] = meeting->second;
  m.actions.clear();
  for (const std::string& ref : meeting->second.actions) {
    auto action = model.actions.find(ref);
    if (action == model.actions.end() || !action->second.state.Involves(agency)) continue;
    m.actions.push_back(ref);
    ActionRecord& a = scoped.actions[ref] = action->second;
    for (ActionHistoryEntry& h : a.history) {
      if (!h.partner_agency.empty() && h.partner_agency != agency) h.text = "(withheld: written by " + h.partner_agency + ")";
    }
  }
  for (const std::string& id : m.practices) {
    if (auto p = model.practices.find(id); p != model.practices.end()) scoped.practices.insert(*p);
  }
  for (const std::string& id : m.issues) {
    if (auto i = model.issues.find(id); i != model.issues.end()) scoped.issues.insert(*i);
  }
  return scoped;
}

}  // namespace jem::views
