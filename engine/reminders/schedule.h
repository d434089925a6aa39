// Which reminders fall due on a working day, by the policy: each open action due soon, due
// today, or overdue (then every so many days while it stays open), escalated when chasing
// has not worked; and each held meeting whose six-month follow-up is near. Deciding what is
// due (DueOn) reads only the due-date index's days that the policy points at; describing a
// reminder in words (Describe) is done for those alone. The index is the model's own (kept
// by folding events), so a tick never scans every open action. A reminder's id names its subject,
// its rule and the due date it was computed for (and which overdue reminder it is), so the
// same reminder is never sent twice, and a new due date makes new ones. Pure: nothing is
// written.
#pragma once

#include <string>
#include <vector>

#include "engine/reminders/policy.h"
#include "projections/read_model.h"

namespace jem::reminders {

// A reminder decided but not yet put in words.
struct Due {
  enum class Rule { kDueSoon, kDueToday, kOverdue, kFollowUp };
  const std::string* subject;  // the action's reference (as the index holds it), or the meeting's id
  Rule rule;
  Day due;          // the date it is about
  int occurrence;   // overdue: the first, second, ... overdue reminder; 0 otherwise
  Day falls_on;     // the day the policy puts it on; sent on the first working day from it
};

// What falls due to be sent on `day`: on it, and on the days since the previous working day
// (a weekend's or a bank holiday's go the next working day). Nothing on a day that is not a
// working day. In no particular order. `model` and `due` must not change while it is used.
std::vector<Due> DueOn(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day);

struct Reminder {
  std::string id;       // "CAM-2009-01/overdue/2009-08-30/3"
  std::string subject;  // an action's reference, or a meeting's id
  std::string rule;     // "due-soon", "due-today", "overdue", "follow-up"
  std::string window;   // in words, on the day it is sent: "due in 7 days", "overdue by 14 days"
  std::string text;     // what the action (or meeting) is
  Day due;              // the date the reminder is about
  Day falls_on;         // the day the policy puts it on
  std::string agency;   // who is chased: the lead agency; the MPA for follow-ups
  std::vector<std::string> escalated_to;  // "chair", "officer", "secretary" once chasing has not worked
};

// `due` in words, as sent on `sent`.
Reminder Describe(const ReadModel& model, const Policy& policy, const Due& due, Day sent);

// Every reminder to send on `day`, described, in id order.
std::vector<Reminder> RemindersOn(const ReadModel& model, const Policy& policy, const SendCalendar& calendar,
                                  Day day);

// One message per agency with something to say: its reminders, in id order.
struct Digest {
  std::string agency;
  std::vector<Reminder> reminders;
};
std::vector<Digest> Digests(const std::vector<Reminder>& reminders);

// What would go out on `day`, as the CLI and the API show it: {"date", "working_day",
// "sent_at", "digests": [{"agency", "count", "reminders": [{id, subject, rule, window, due,
// falls_on, escalated_to, text}]}]}, each digest's first `most` reminders listed.
inline constexpr size_t kPreviewShown = 500;
nlohmann::ordered_json Preview(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day,
                               size_t most = kPreviewShown);

}  // namespace jem::reminders
