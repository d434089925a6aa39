// The whole story of one commitment: every event of an action, meeting, good practice or
// pan-London issue, in order, with who recorded it, when it was recorded and when it
// happened, what it changed field by field (old value -> new value) and why; corrections
// point at what they correct; an action's history has the reminders sent about it among its
// events. Reads only the record's own stream (and, for reminders, the folded reminder book).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "projections/reminder_book.h"

namespace jem::audit {

using Json = nlohmann::ordered_json;

// The kinds of record a history can be of.
enum class RecordKind { kAction, kMeeting, kPractice, kIssue };

// "action", "meeting", "practice", "issue" (also their plurals and "good-practice",
// "pan-london-issue"). Errors: kInvalidArgument naming the kinds.
Result<RecordKind> ParseRecordKind(std::string_view name);
std::string_view RecordKindName(RecordKind kind);
// The stream a record of `kind` with `id` lives in.
std::string RecordStream(RecordKind kind, std::string_view id);

// The record's history: {"kind", "id", "entries": [...], "count"}. Each entry: position,
// version, type, what, detail, actor {user, role}, recorded_at, occurred_at, days_late
// (recorded after the day it happened), changes [{field, from, to}] (lists that only grew:
// {field, added}), and for a correction "corrects" {position, type}. Reminder entries (type
// "reminderSent") come from `reminders` (may be null) at the time they were queued.
// Errors: kNotFound when the record has no events; the log's read errors.
Result<Json> History(const Log& log, RecordKind kind, const std::string& id, const ReminderBook* reminders);

}  // namespace jem::audit
