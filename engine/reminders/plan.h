// What the reminder engine sends for a working day, decided before anything is sent: the
// day's reminders (schedule.h) not sent before, put into one message per recipient — each
// contact's digest by e-mail and each webhook endpoint's — with every escalation, and the
// summary of agreed actions of each meeting newly held. Recording the plan (RecordOf) is the
// outbox's intent; delivery comes after. Pure: the plan depends only on the model and the day.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/reminders/policy.h"
#include "events/event.h"
#include "projections/read_model.h"

namespace jem::reminders {

// What the plan knows of a webhook endpoint: its name and the agencies it takes (every
// agency when empty). Its address and secret stay in the configuration file.
struct Endpoint {
  std::string name;
  std::vector<std::string> agencies;
};

struct PlannedMessage {
  std::string id;         // "2026-11-26/tfl-camden", "summary/CAM-20261120/tfl-camden"
  std::string kind;       // "reminders" or "summary"
  std::string channel;    // "email" or "webhook"
  std::string recipient;  // a contact's id or an endpoint's name
  std::string address;    // e-mail only
  std::string subject;
  std::vector<MessageItemRecord> items;
};

struct DayPlan {
  Day day{};
  std::vector<PlannedMessage> messages;
  std::vector<std::string> reminder_ids;  // every reminder decided, in id order
  // Those that no contact or endpoint takes (their ids), and those that reached someone but
  // not all they are for ("ID (no contact of YJB)", "ID (no contact of chair)").
  std::vector<std::string> unaddressed;
  std::vector<std::string> summaries;     // meetings whose summary goes out
};

// The plan of working day `day`: its reminders less those the model's book has sent, and the
// summaries of meetings held on or after `summaries_from` not yet sent. Webhook endpoints the
// book has disabled take nothing.
DayPlan PlanDay(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day,
                std::span<const Endpoint> endpoints, Day summaries_from);

// The events that record `plan` on the day's outbox stream: each message queued, then the day
// closed (the last, so a day is closed exactly when all of its messages are queued). Every
// event stays well under the log's limit on one event: a digest too long for one message goes
// in parts ("2026-11-26/tfl", "2026-11-26/tfl/2", ...), an item quotes at most 400 bytes of an
// action's text, and the day's list of reminders is recorded in slices.
std::vector<EventBody> RecordOf(const DayPlan& plan);

}  // namespace jem::reminders
