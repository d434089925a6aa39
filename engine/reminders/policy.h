// When reminders go out: the windows (due soon, due today, overdue and then every so many
// days), when chasing escalates, and the working days and local time they are sent on. Read
// from a YAML policy file; every setting has a default, so an empty file is a policy.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <string_view>

#include "events/status.h"
#include "events/clock.h"

namespace jem::reminders {

using Day = std::chrono::sys_days;

struct Policy {
  int due_soon_days = 7;               // "due in 7 days"
  int overdue_every_days = 7;          // overdue the day after, then every 7 days while open
  int escalate_after_overdue = 2;      // after this many overdue reminders: the chair and the officer too
  int secretary_after_days = 28;       // overdue this long: the committee secretary too
  int follow_up_notice_days = 14;      // the officer, this long before a meeting's follow-up is due
  int send_minutes = 8 * 60;           // local time of day it is sent, in minutes ("08:00")
  std::string time_zone = "Europe/London";
  std::set<Day> bank_holidays;         // no sending on these, nor at weekends
};

// Reads a policy file. Errors name the line: "line 4: 'overdue_every_days' must be a whole
// number from 1 to 365". Unknown settings are refused, not ignored.
Result<Policy> ParsePolicy(std::string_view yaml);
// Reads the policy file at `path`; its errors start with the path. An empty path: the defaults.
Result<Policy> ReadPolicyFile(const std::string& path);

// The text of the configuration file at `path`; `what` names it in the error ("the reminder
// policy").
Result<std::string> ReadConfigFile(const std::string& path, std::string_view what);

// The working days and sending times of a policy, in its time zone (summer time included).
class SendCalendar {
 public:
  // Fails when the policy's time zone is not in the system's time-zone database.
  static Result<SendCalendar> Of(const Policy& policy);

  // Monday to Friday, and not a bank holiday.
  bool IsWorkingDay(Day day) const;
  // The last working day before `day`.
  Day PreviousWorkingDay(Day day) const;
  // The instant reminders of `day` are sent: the policy's local time on that day.
  Timestamp SendTime(Day day) const;
  // The local day of instant `t` in the policy's time zone.
  Day LocalDay(Timestamp t) const;

 private:
  SendCalendar(const Policy& policy, const void* zone) : policy_(policy), zone_(zone) {}
  Policy policy_;
  const void* zone_;  // a date::time_zone, kept out of this header
};

}  // namespace jem::reminders
