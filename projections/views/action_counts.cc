// How the actions stand, counted per agency and per borough.
#include <map>

#include "projections/reference.h"
#include "projections/views.h"

namespace jem::views {

ActionCounts CountActions(const ReadModel& model, Day today, const std::function<bool(const ActionState&)>& visible) {
  ActionCounts counts;
  counts.all = {"all", "All actions"};
  std::map<std::string_view, StandingCounts*> agencies, boroughs;
  counts.agencies.reserve(reference::Agencies().size());
  for (std::string_view a : reference::Agencies()) counts.agencies.push_back({std::string(a), std::string(a)});
  counts.boroughs.reserve(reference::Boroughs().size());
  for (const reference::Borough& b : reference::Boroughs()) {
    counts.boroughs.push_back({std::string(b.code), std::string(b.name)});
  }
  for (StandingCounts& c : counts.agencies) agencies[c.key] = &c;
  for (StandingCounts& c : counts.boroughs) boroughs[c.key] = &c;
  auto find = [](const auto& index, std::string_view key) -> StandingCounts* {
    auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
  };
  std::string_view last_meeting;
  StandingCounts* borough = nullptr;
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    if (a.closed() || (visible && !visible(a))) continue;
    const bool overdue = DaysOverdue(a, today) > 0;
    const bool due_soon = DueThisMonth(a, today);
    auto add = [&](StandingCounts* c) {
      if (c == nullptr) return;
      ++c->open;
      c->overdue += overdue;
      c->blocked += a.blocked;
      c->due_this_month += due_soon;
    };
    add(&counts.all);
    add(find(agencies, a.lead_agency));
    for (const std::string& s : a.supporting_agencies) {
      if (s != a.lead_agency) add(find(agencies, s));  // an agency counts an action once
    }
    // A meeting's actions are mostly next to each other: its borough is looked up once for them.
    if (a.meeting_id != last_meeting) {
      last_meeting = a.meeting_id;
      const MeetingRecord* meeting = model.MeetingOf(a);
      borough = meeting != nullptr ? find(boroughs, meeting->state.borough) : nullptr;
    }
    add(borough);
  }
  return counts;
}

}  // namespace jem::views
