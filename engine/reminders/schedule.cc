#include "engine/reminders/schedule.h"

#include <algorithm>
#include <map>

#include "projections/reference.h"

namespace jem::reminders {
namespace {

std::string Days(int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

const char* RuleName(Due::Rule rule) {
  switch (rule) {
    case Due::Rule::kDueSoon: return "due-soon";
    case Due::Rule::kDueToday: return "due-today";
    case Due::Rule::kOverdue: return "overdue";
    case Due::Rule::kFollowUp: return "follow-up";
  }
  return "";
}

// What falls on the policy's day `on`.
void FallingOn(const ReadModel& model, const Policy& p, Day on, std::vector<Due>& out) {
  const DueIndex& index = model.due;
  const Day soon = on + std::chrono::days(p.due_soon_days);
  for (const auto& ref : index.DueOn(soon)) out.push_back({&ref, Due::Rule::kDueSoon, soon, 0, on});
  for (const auto& ref : index.DueOn(on)) out.push_back({&ref, Due::Rule::kDueToday, on, 0, on});
  // Overdue: the day after the due date, then every `overdue_every_days`: one lookup a period
  // back to the earliest open due date, not a look at every open action.
  const auto earliest = index.Earliest();
  for (int k = 1; earliest; ++k) {
    const Day due = on - std::chrono::days(1 + int64_t(p.overdue_every_days) * (k - 1));
    if (due < *earliest) break;
    for (const auto& ref : index.DueOn(due)) out.push_back({&ref, Due::Rule::kOverdue, due, k, on});
  }
  // Follow-ups: a few meetings a day at most, each held meeting looked at.
  for (const auto& [id, record] : model.meetings) {
    const MeetingState& m = record.state;
    if (m.status != MeetingState::Status::kHeld || m.follow_up_published) continue;
    auto follow_up = reference::ParseDate(m.FollowUpDue(), "follow-up");
    if (follow_up.ok() && *follow_up - std::chrono::days(p.follow_up_notice_days) == on) {
      out.push_back({&id, Due::Rule::kFollowUp, *follow_up, 0, on});
    }
  }
}

}  // namespace

std::vector<Due> DueOn(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day) {
  std::vector<Due> out;
  if (!calendar.IsWorkingDay(day)) return out;
  for (Day on = calendar.PreviousWorkingDay(day) + std::chrono::days(1); on <= day; on += std::chrono::days(1)) {
    FallingOn(model, policy, on, out);
  }
  return out;
}

Reminder Describe(const ReadModel& model, const Policy& p, const Due& d, Day sent) {
  const std::string& subject = *d.subject;
  const std::string rule = RuleName(d.rule);
  const std::string day = reference::FormatDate(d.due);
  if (d.rule == Due::Rule::kFollowUp) {
    return {subject + "/" + rule + "/" + day, subject, rule,
            "follow-up report due in " + Days((d.due - sent).count()),
            "Six-month follow-up report of " + subject, d.due, d.falls_on, "MPA", {"officer"}};
  }
  const ActionState& a = model.actions.at(subject).state;
  std::string window = d.rule == Due::Rule::kDueSoon    ? "due in " + Days((d.due - sent).count())
                       : d.rule == Due::Rule::kDueToday ? (sent == d.due ? "due today" : "due on " + day)
                                                        : "overdue by " + Days((sent - d.due).count());
  Reminder r{subject + "/" + rule + "/" + day + (d.occurrence > 0 ? "/" + std::to_string(d.occurrence) : ""),
             subject, rule, std::move(window), a.text, d.due, d.falls_on, a.lead_agency, {}};
  if (d.rule == Due::Rule::kOverdue && d.occurrence > p.escalate_after_overdue) r.escalated_to = {"chair", "officer"};
  if (d.rule == Due::Rule::kOverdue && (d.falls_on - d.due).count() >= p.secretary_after_days) {
    r.escalated_to.push_back("secretary");
  }
  return r;
}

std::vector<Reminder> RemindersOn(const ReadModel& model, const Policy& policy, const SendCalendar& calendar,
                                  Day day) {
  std::vector<Reminder> out;
  for (const Due& d : DueOn(model, policy, calendar, day)) out.push_back(Describe(model, policy, d, day));
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

ReminderPreview Preview(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day,
                        size_t most) {
  ReminderPreview out{reference::FormatDate(day), calendar.IsWorkingDay(day), FormatTimestamp(calendar.SendTime(day))};
  for (const Digest& d : Digests(RemindersOn(model, policy, calendar, day))) {
    PreviewDigest& digest = out.digests.emplace_back(PreviewDigest{d.agency, d.reminders.size()});
    for (const Reminder& r : d.reminders) {
      if (digest.reminders.size() == most) break;
      digest.reminders.push_back({r.id, r.subject, r.rule, r.window, reference::FormatDate(r.due),
                                  reference::FormatDate(r.falls_on), r.escalated_to, r.text});
    }
  }
  return out;
}

}  // namespace jem::reminders
