// The whole story of one commitment: every event of an action, meeting, good practice or
// pan-London issue, in order, with who recorded it, when it was recorded and when it
// happened, what it changed field by field (old value -> new value) and why; corrections
// point at what they correct; an action's history has the reminders sent about it among its
// events. Reads only the record's own stream (and, for reminders, the folded reminder book).
#pragma once

#include <memory>
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

// A record's history, read an entry at a time: the events of its stream, and the reminders
// sent about it among them by the time they were queued. Each entry: position, version, type,
// what, detail, actor {user, role}, recorded_at, occurred_at, days_late (recorded after the
// day it happened), changes [{field, from, to}] (lists that only grew: {field, added}), and for
// a correction "corrects" {position, type}; a reminder's (type "reminderSent"): message, to,
// delivery. Entries are numbered from 1 and only ever added at the end (events are recorded,
// and reminders queued, in time order), so a number is a cursor that stays true. Reads the
// stream in small batches: memory holds a batch and the record's state, whatever its length.
class HistoryReader {
 public:
  // Reads the history of record `id` of `kind`; the reminders about it are copied from
  // `reminders` (may be null) now, so the book need not outlive this call. Errors: kNotFound
  // when the record has no events; the log's read errors. `log` must outlive the reader.
  static Result<std::unique_ptr<HistoryReader>> Open(const Log& log, RecordKind kind, const std::string& id,
                                                     const ReminderBook* reminders);
  virtual ~HistoryReader() = default;

  // The entries in all, as of Open.
  virtual size_t count() const = 0;
  // Skips to just after entry `number` (0: the start), folding what it passes over.
  virtual Status SkipTo(size_t number) = 0;
  // The next entry, or nullopt after the last. Errors: the log's read errors.
  virtual Result<std::optional<Json>> Next() = 0;
  // The number of the last entry Next gave (0 before the first).
  virtual size_t position() const = 0;
};

// The cursors of a list paged by count (a history): after a page ending with item `last` of
// `count`, or null at the end; before a page starting after item `after`, or null at the start.
Json NextAfter(size_t last, size_t count);
Json PreviousOf(size_t after, size_t limit);

// A page of the record's history, the entries after number `after`: {"kind", "id", "count"
// (entries in all), "entries": [...], "next", "previous" (cursors, or null)}. Errors as
// HistoryReader::Open.
Result<Json> History(const Log& log, RecordKind kind, const std::string& id, const ReminderBook* reminders,
                     size_t after, size_t limit);

}  // namespace jem::audit
