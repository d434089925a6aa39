#include "engine/reminders/schedule.h"

#include <algorithm>
#include <map>

#include "projections/reference.h"

namespace jem::reminders {
namespace {

std::string Days(int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// The reminders whose policy day is `on`, for a send on `sent`.
void FallingOn(const ReadModel& model, const DueIndex& index, const Policy& p, Day on, Day sent,
               std::vector<Reminder>& out) {
  auto add = [&](const std::string& ref, const char* rule, Day due, int occurrence) {
    out.push_back(ActionReminder(model, p, ref, rule, due, occurrence, on, sent));
  };
  const Day soon = on + std::chrono::days(p.due_soon_days);
  for (const auto& ref : index.DueOn(soon)) add(ref, "due-soon", soon, 0);
  for (const auto& ref : index.DueOn(on)) add(ref, "due-today", on, 0);
  // Overdue: the day after the due date, then every `overdue_every_days`: one lookup a period
  // back to the earliest open due date, not a look at every open action.
  const auto earliest = index.Earliest();
  for (int k = 1; earliest; ++k) {
    const Day due = on - std::chrono::days(1 + int64_t(p.overdue_every_days) * (k - 1));
    if (due < *earliest) break;
    for (const auto& ref : index.DueOn(due)) add(ref, "overdue", due, k);
  }
  for (const auto& [id, record] : model.meetings) {
    const MeetingState& m = record.state;
    if (m.status != MeetingState::Status::kHeld || m.follow_up_published) continue;
    auto follow_up = reference::ParseDate(m.FollowUpDue(), "follow-up");
    if (!follow_up.ok() || *follow_up - std::chrono::days(p.follow_up_notice_days) != on) continue;
    out.push_back({id + "/follow-up/" + reference::FormatDate(*follow_up), id, "follow-up",
                   "follow-up report due in " + Days((*follow_up - sent).count()),
                   "Six-month follow-up report of " + id, *follow_up, on, "MPA", {"officer"}});
  }
}

}  // namespace

Reminder ActionReminder(const ReadModel& model, const Policy& p, const std::string& ref, std::string_view rule, Day due,
                        int occurrence, Day on, Day sent) {
  const ActionState& a = model.actions.at(ref).state;
  std::string window = rule == "due-soon"    ? "due in " + Days((due - sent).count())
                       : rule == "due-today" ? (sent == on ? "due today" : "due on " + reference::FormatDate(due))
                                             : "overdue by " + Days((sent - due).count());
  Reminder r{ref + "/" + std::string(rule) + "/" + reference::FormatDate(due) +
                 (occurrence > 0 ? "/" + std::to_string(occurrence) : ""),
             ref, std::string(rule), std::move(window), a.text, due, on, a.lead_agency, {}};
  if (rule == "overdue" && occurrence > p.escalate_after_overdue) r.escalated_to = {"chair", "officer"};
  if (rule == "overdue" && (on - due).count() >= p.secretary_after_days) r.escalated_to.push_back("secretary");
  return r;
}

std::vector<Reminder> DueOn(const ReadModel& model, const DueIndex& due, const Policy& policy,
                            const SendCalendar& calendar, Day day) {
  std::vector<Reminder> out;
  if (!calendar.IsWorkingDay(day)) return out;
  for (Day on = calendar.PreviousWorkingDay(day) + std::chrono::days(1); on <= day; on += std::chrono::days(1)) {
    FallingOn(model, due, policy, on, day, out);
  }
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) { return a.id < b.id; });
  return out;
}

std::vector<Digest> Digests(const std::vector<Reminder>& reminders) {
  std::map<std::string, std::vector<Reminder>> by_agency;
  for (const Reminder& r : reminders) by_agency[r.agency].push_back(r);
  std::vector<Digest> out;
  for (auto& [agency, list] : by_agency) out.push_back({agency, std::move(list)});
  return out;
}

}  // namespace jem::reminders
