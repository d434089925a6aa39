// How the actions stand, counted per agency and per borough.
#include <bit>
#include <map>

#include "projections/reference.h"
#include "projections/views.h"

namespace jem::views {

namespace {

// The counts' rows, a row for every agency and every borough in reference order.
ActionCounts EmptyCounts() {
  ActionCounts counts;
  counts.all = {"all", "All actions"};
  counts.agencies.reserve(reference::Agencies().size());
  for (std::string_view a : reference::Agencies()) counts.agencies.push_back({std::string(a), std::string(a)});
  counts.boroughs.reserve(reference::Boroughs().size());
  for (const reference::Borough& b : reference::Boroughs()) {
    counts.boroughs.push_back({std::string(b.code), std::string(b.name)});
  }
  return counts;
}

// An open action counted into `row`: overdue, blocked and due this month as it is.
void Add(StandingCounts* row, bool overdue, bool blocked, bool due_this_month) {
  ++row->open;
  row->overdue += overdue;
  row->blocked += blocked;
  row->due_this_month += due_this_month;
}

// Every open action, from the due-date index's array of them: what the figures of every
// action cost is one pass over contiguous memory, not a walk of every action's node.
ActionCounts CountEveryAction(const ReadModel& model, Day today) {
  ActionCounts counts = EmptyCounts();
  const std::chrono::year_month_day t(today);
  const int32_t first = int32_t(today.time_since_epoch().count());
  const int32_t last = int32_t(Day(t.year() / t.month() / std::chrono::last).time_since_epoch().count());
  for (const DueIndex::Open& a : model.due.open()) {
    const bool overdue = a.due < first, due_this_month = a.due >= first && a.due <= last;
    Add(&counts.all, overdue, a.blocked, due_this_month);
    if (a.lead != DueIndex::Open::kUnknown) Add(&counts.agencies[a.lead], overdue, a.blocked, due_this_month);
    for (uint32_t rest = a.supporting; rest != 0; rest &= rest - 1) {
      Add(&counts.agencies[std::countr_zero(rest)], overdue, a.blocked, due_this_month);
    }
    if (a.borough != DueIndex::Open::kUnknown) Add(&counts.boroughs[a.borough], overdue, a.blocked, due_this_month);
  }
  return counts;
}

}  // namespace

ActionCounts CountActions(const ReadModel& model, Day today, const std::function<bool(const ActionState&)>& visible) {
  if (!visible) return CountEveryAction(model, today);
  // A reader who sees some actions: those it may see, each asked of the access policy.
  ActionCounts counts = EmptyCounts();
  std::map<std::string_view, StandingCounts*> agencies, boroughs;
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
    if (a.closed() || a.status == ActionState::Status::kNone || !visible(a)) continue;
    const bool overdue = DaysOverdue(a, today) > 0;
    const bool due_soon = DueThisMonth(a, today);
    auto add = [&](StandingCounts* c) {
      if (c != nullptr) Add(c, overdue, a.blocked, due_soon);
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
