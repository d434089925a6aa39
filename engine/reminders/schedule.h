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
#include "projections/described.h"
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

// A reminder as the preview shows it.
struct PreviewReminder {
  std::string id, subject, rule, window, due, falls_on;  // days YYYY-MM-DD
  std::vector<std::string> escalated_to;
  std::string text;
  static constexpr std::string_view kName = "PreviewReminder";
  static constexpr auto kFields = std::tuple{
      views::Field{"id", &PreviewReminder::id},           views::Field{"subject", &PreviewReminder::subject},
      views::Field{"rule", &PreviewReminder::rule},       views::Field{"window", &PreviewReminder::window},
      views::Field{"due", &PreviewReminder::due},         views::Field{"falls_on", &PreviewReminder::falls_on},
      views::Field{"escalated_to", &PreviewReminder::escalated_to}, views::Field{"text", &PreviewReminder::text}};
};

// One agency's digest: how many reminders, and the first of them.
struct PreviewDigest {
  std::string agency;
  size_t count = 0;
  std::vector<PreviewReminder> reminders;
  static constexpr std::string_view kName = "PreviewDigest";
  static constexpr auto kFields =
      std::tuple{views::Field{"agency", &PreviewDigest::agency},
                 views::Field{"count", &PreviewDigest::count, "reminders in the digest, listed or not"},
                 views::Field{"reminders", &PreviewDigest::reminders}};
};

// What would go out on a day, as the CLI and the API show it.
struct ReminderPreview {
  std::string date;
  bool working_day = false;
  std::string sent_at;  // RFC 3339, UTC
  std::vector<PreviewDigest> digests;
  static constexpr std::string_view kName = "ReminderPreview";
  static constexpr auto kFields =
      std::tuple{views::Field{"date", &ReminderPreview::date}, views::Field{"working_day", &ReminderPreview::working_day},
                 views::Field{"sent_at", &ReminderPreview::sent_at}, views::Field{"digests", &ReminderPreview::digests}};
};

// What would go out on `day`: each digest with its first `most` reminders listed.
inline constexpr size_t kPreviewShown = 500;
ReminderPreview Preview(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day,
                        size_t most = kPreviewShown);

}  // namespace jem::reminders
