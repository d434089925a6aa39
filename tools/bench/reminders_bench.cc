// jem-bench reminders: one scheduler tick (deciding which reminders fall due on a working
// day, from the due-date index) against a naive peer in the same run that looks at every
// open action and applies the same rules; both must find the same reminders. Putting the
// reminders in words, the same work whichever found them, is timed apart. Also the memory the index
// takes per open action, and the whole day's plan as the scheduler makes it (decided, put in
// words, routed to one contact per agency, built into the events that record it). The actions are put straight into a read model (the log is not
// what is measured): most due in the next two years, a share already overdue.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <random>
#include <set>

#include "engine/reminders/plan.h"
#include "engine/reminders/schedule.h"
#include "projections/due_index.h"
#include "projections/reference.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

using reminders::Day;

// Resident memory of this process, in bytes (Linux /proc).
size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * size_t(sysconf(_SC_PAGESIZE));
}

// The peer: every open action, each policy day since the last working day, the same rules.
std::vector<reminders::Due> NaiveTick(const ReadModel& model, const reminders::Policy& p,
                                      const reminders::SendCalendar& calendar, Day day) {
  using Rule = reminders::Due::Rule;
  std::vector<reminders::Due> out;
  const Day first = calendar.PreviousWorkingDay(day) + std::chrono::days(1);
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    if (a.closed()) continue;
    auto due = reference::ParseDate(a.due, "due");
    if (!due.ok()) continue;
    for (Day on = first; on <= day; on += std::chrono::days(1)) {
      if (*due == on + std::chrono::days(p.due_soon_days)) out.push_back({&ref, Rule::kDueSoon, *due, 0, on});
      if (*due == on) out.push_back({&ref, Rule::kDueToday, *due, 0, on});
      const int64_t late = (on - *due).count() - 1;
      if (late >= 0 && late % p.overdue_every_days == 0) {
        out.push_back({&ref, Rule::kOverdue, *due, int(late / p.overdue_every_days + 1), on});
      }
    }
  }
  return out;
}

// The reminders' ids: what both must agree on.
std::set<std::string> Ids(const ReadModel& model, const reminders::Policy& p, const std::vector<reminders::Due>& list,
                          Day day) {
  std::set<std::string> ids;
  for (const auto& d : list) ids.insert(reminders::Describe(model, p, d, day).id);
  return ids;
}

}  // namespace

int RemindersBench(uint64_t open_actions, double overdue_share, int rounds, bool json) {
  const Day day = std::chrono::sys_days(std::chrono::year(2010) / 6 / 14);  // a Monday: Saturday's and Sunday's too
  const size_t before = ResidentBytes();
  ReadModel model;
  std::mt19937_64 rng(42);
  for (uint64_t i = 0; i < open_actions; ++i) {
    ActionState a;
    a.status = ActionState::Status::kOpen;
    a.reference = "CAM-" + std::to_string(2009 + i % 2) + "-" + std::to_string(10 + i);
    // Most open actions are due in the next two years; `overdue_share` of them are late, by up to a year.
    const bool late = double(rng() % 1000000) / 1e6 < overdue_share;
    a.due = reference::FormatDate(day + std::chrono::days(late ? -1 - int64_t(rng() % 365) : int64_t(rng() % 730)));
    a.lead_agency = "MPS";
    a.meeting_id = "CAM-20090616";
    model.actions[a.reference].state = std::move(a);
  }
  const size_t with_model = ResidentBytes();
  for (const auto& [ref, record] : model.actions) model.due.Put(record.state);
  const size_t with_index = ResidentBytes();
  const reminders::Policy policy;
  auto calendar = reminders::SendCalendar::Of(policy);
  if (!calendar.ok()) {
    std::cerr << "jem-bench: " << calendar.status().ToString() << "\n";
    return 1;
  }
  double tick_ms = 1e18, naive_ms = 1e18;
  std::vector<reminders::Due> ticked, naive;
  for (int r = 0; r < rounds; ++r) {  // the best of each, alternating
    tick_ms = std::min(tick_ms, 1000 * TimeSeconds([&] { ticked = reminders::DueOn(model, policy, *calendar, day); }));
    naive_ms = std::min(naive_ms, 1000 * TimeSeconds([&] { naive = NaiveTick(model, policy, *calendar, day); }));
  }
  // Putting them in words is the same work whichever found them; timed apart.
  std::vector<reminders::Reminder> described;
  const double describe_ms = 1000 * TimeSeconds([&] {
    for (const auto& d : ticked) described.push_back(reminders::Describe(model, policy, d, day));
  });
  if (Ids(model, policy, ticked, day) != Ids(model, policy, naive, day)) {
    std::cerr << "jem-bench: the tick found " << ticked.size() << " reminders, the scan " << naive.size() << "\n";
    return 1;
  }
  for (std::string_view agency : reference::Agencies()) {
    const std::string id(agency);
    model.reminders.contacts[id] = {id, "agency", id, id + "@example.org", id, "", "", false};
  }
  size_t messages = 0, event_bytes = 0;
  const double plan_ms = 1000 * TimeSeconds([&] {
    const reminders::DayPlan plan = reminders::PlanDay(model, policy, *calendar, day, {}, day);
    messages = plan.messages.size();
    for (const EventBody& body : reminders::RecordOf(plan)) event_bytes += body.size_bytes();
  });
  Print({{"benchmark", "reminders"},
         {"open_actions", open_actions},
         {"overdue_share", overdue_share},
         {"rounds", rounds},
         {"day", reference::FormatDate(day)},
         {"reminders", ticked.size()},
         {"tick_ms", tick_ms},
         {"naive_ms", naive_ms},
         {"ratio_vs_naive", naive_ms / tick_ms},
         {"describe_ms", describe_ms},
         {"plan_ms", plan_ms},
         {"plan_messages", messages},
         {"plan_event_bytes", event_bytes},
         {"model_bytes_per_open_action", double(with_model - before) / double(std::max<uint64_t>(open_actions, 1))},
         {"index_bytes_per_open_action", double(with_index - with_model) / double(std::max<uint64_t>(open_actions, 1))}},
        json);
  return 0;
}

}  // namespace jem::bench
