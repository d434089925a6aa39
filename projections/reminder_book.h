// What the reminder engine has done and whom it chases: the contact directory, every message
// it queued with its deliveries, the reminders and meeting summaries already sent, and the
// last day it closed. A fold of the contact, outbox, webhook and calendar streams only, so
// the engine learns after a restart exactly what it did before.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "events/log.h"

namespace jem {

// Stream ids of reminders.
std::string ContactStream(std::string_view contact_id);   // contact-tfl-camden
std::string OutboxStream(std::string_view day);           // outbox-2026-11-26
std::string WebhookStream(std::string_view endpoint);     // webhook-tfl-tracker
std::string CalendarStream(std::string_view agency);      // calendar-TfL

struct ContactRecord {
  std::string id, kind, name, email, agency, borough, user_id;  // kind: agency, chair, officer, secretary
  bool removed = false;
  bool operator==(const ContactRecord&) const = default;
};

struct MessageItemRecord {
  std::string reminder_id, subject, rule, window, text, due, agency, why;
  bool operator==(const MessageItemRecord&) const = default;
};

struct MessageRecord {
  enum class Status { kQueued, kDelivered, kRetrying, kFailed };
  std::string id, day, kind, channel, recipient, address, subject;
  std::vector<MessageItemRecord> items;
  Timestamp queued_at{};
  Status status = Status::kQueued;
  uint32_t attempts = 0;
  std::string last_error;
  Timestamp retry_at{};      // kRetrying: when it is tried again
  Timestamp delivered_at{};  // kDelivered
  bool operator==(const MessageRecord&) const = default;
};

// "queued", "delivered", "retrying", "failed".
std::string_view StatusName(MessageRecord::Status s);

struct ReminderBook {
  std::map<std::string, ContactRecord> contacts;           // by id, removed ones too
  std::map<std::string, MessageRecord> messages;           // by message id
  std::map<std::string, std::vector<std::string>> about;   // action reference or meeting id -> message ids
  std::set<std::string> reminded;      // reminder ids decided (sent, or with no one to send them to)
  std::set<std::string> unaddressed;   // of those, the ones no contact or endpoint took
  std::set<std::string> summarised;    // meetings whose summary of agreed actions went out
  std::set<std::string> pending;       // messages queued or retrying: not yet delivered, not given up
  std::set<std::string> disabled_webhooks;
  std::map<std::string, std::string> calendar_feeds;       // agency -> SHA-256 hex of its feed's secret
  std::string first_day, last_day;     // the first and the last day closed, YYYY-MM-DD

  // Reads only the reminder streams of `log`, up to the event at `up_to_position`.
  static Result<ReminderBook> Load(const Log& log, uint64_t up_to_position = UINT64_MAX);

  // Folds one event in; events of other streams are ignored.
  void Apply(const RecordedEvent& event);

  // Whether `stream` is one of the streams the book folds.
  static bool Folds(std::string_view stream);

  bool operator==(const ReminderBook&) const = default;
};

}  // namespace jem
