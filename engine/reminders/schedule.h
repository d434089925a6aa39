// Which reminders fall due on a working day, by the policy: each open action due soon, due
// today, or overdue (then every so many days while it stays open), escalated when chasing
// has not worked; and each held meeting whose six-month follow-up is near. A reminder's id
// names its subject, its rule and the due date it was computed for (and which overdue
// reminder it is), so the same reminder is never sent twice, and a new due date makes new
// ones. Pure: it reads the model and the due index and writes nothing.
#pragma once

#include <string>
#include <vector>

#include "engine/reminders/policy.h"
#include "projections/due_index.h"
#include "projections/read_model.h"

namespace jem::reminders {

struct Reminder {
  std::string id;       // "CAM-2009-01/overdue/2009-08-30/3"
  std::string subject;  // an action's reference, or a meeting's id
  std::string rule;     // "due-soon", "due-today", "overdue", "follow-up"
  std::string window;   // in words, on the day it is sent: "due in 7 days", "overdue by 14 days"
  std::string text;     // what the action (or meeting) is
  Day due;              // the date the reminder is about
  Day falls_on;         // the day the policy puts it on; sent on the first working day from it
  std::string agency;   // who is chased: the lead agency; the MPA for follow-ups
  std::vector<std::string> escalated_to;  // "chair", "officer", "secretary" once chasing has not worked
};

// The reminders to send on `day`, a working day: those falling on it, and on the days since
// the previous working day (a weekend's or a bank holiday's are sent the next working day).
// Nothing on a day that is not a working day. In id order.
std::vector<Reminder> DueOn(const ReadModel& model, const DueIndex& due, const Policy& policy,
                            const SendCalendar& calendar, Day day);

// The reminder of `rule` ("due-soon", "due-today", "overdue") for action `ref` due on `due`
// (its `occurrence`-th, counting overdue ones), falling on `on` and sent on `sent`.
Reminder ActionReminder(const ReadModel& model, const Policy& policy, const std::string& ref, std::string_view rule,
                        Day due, int occurrence, Day on, Day sent);

// One message per agency with something to say: its reminders, in id order.
struct Digest {
  std::string agency;
  std::vector<Reminder> reminders;
};
std::vector<Digest> Digests(const std::vector<Reminder>& reminders);

}  // namespace jem::reminders
