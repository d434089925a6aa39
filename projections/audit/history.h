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
#include "projections/views.h"

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

// Who recorded an event.
struct Actor {
  std::string user, role;
  static constexpr std::string_view kName = "Actor";
  static constexpr auto kFields = std::tuple{views::Field{"user", &Actor::user}, views::Field{"role", &Actor::role}};
};

// What an event changed in one field of the record: from a value to another; set (only `to`:
// what the record was created with); or, for a list that only grew, what was `added`.
struct FieldChange {
  std::string field;
  views::Omittable<Json> from, to;
  views::Omittable<std::vector<Json>> added;
  static constexpr std::string_view kName = "FieldChange";
  static constexpr auto kFields =
      std::tuple{views::Field{"field", &FieldChange::field}, views::Field{"from", &FieldChange::from},
                 views::Field{"to", &FieldChange::to}, views::Field{"added", &FieldChange::added}};
};

// The event a correction corrects.
struct Corrected {
  uint64_t position = 0;
  std::string type;
  static constexpr std::string_view kName = "Corrected";
  static constexpr auto kFields =
      std::tuple{views::Field{"position", &Corrected::position}, views::Field{"type", &Corrected::type}};
};

// One entry of a history: an event of the record's stream (position, version, changes, and
// what it corrects if it is a correction), or a reminder sent about it (type "reminderSent":
// message, to, delivery).
struct HistoryEntry {
  views::Omittable<uint64_t> position, version;
  std::string type, what, detail;
  Actor actor;
  std::string recorded_at, occurred_at;  // RFC 3339, UTC
  int64_t days_late = 0;                 // recorded after the day it happened
  views::Omittable<std::vector<FieldChange>> changes;
  views::Omittable<Corrected> corrects;
  views::Omittable<std::string> message, to, delivery;
  static constexpr std::string_view kName = "HistoryEntry";
  static constexpr auto kFields = std::tuple{
      views::Field{"position", &HistoryEntry::position},
      views::Field{"version", &HistoryEntry::version},
      views::Field{"type", &HistoryEntry::type},
      views::Field{"what", &HistoryEntry::what},
      views::Field{"detail", &HistoryEntry::detail},
      views::Field{"actor", &HistoryEntry::actor},
      views::Field{"recorded_at", &HistoryEntry::recorded_at},
      views::Field{"occurred_at", &HistoryEntry::occurred_at},
      views::Field{"days_late", &HistoryEntry::days_late, "days from when it happened to when it was recorded"},
      views::Field{"changes", &HistoryEntry::changes},
      views::Field{"corrects", &HistoryEntry::corrects},
      views::Field{"message", &HistoryEntry::message},
      views::Field{"to", &HistoryEntry::to},
      views::Field{"delivery", &HistoryEntry::delivery}};
};

// A record's history, read an entry at a time: the events of its stream, and the reminders
// sent about it among them by the time they were queued. Entries are numbered from 1 and only
// ever added at the end (events are recorded, and reminders queued, in time order), so a
// number is a cursor that stays true. Reads the stream in small batches: memory holds a batch
// and the record's state, whatever its length.
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
  virtual Result<std::optional<HistoryEntry>> Next() = 0;
  // The number of the last entry Next gave (0 before the first).
  virtual size_t position() const = 0;
};

// The cursors of a page of a list paged by count (a history, access records): the page after
// one ending with item `last` of `count` (none at the end), and the page before one starting
// after item `after`, `limit` long (none at the start).
views::Cursors CountedCursors(size_t after, size_t last, size_t count, size_t limit);

// A page of a record's history: the entries after number `after`.
struct History : views::Cursors {
  std::string kind, id;
  size_t count = 0;  // entries in all
  std::vector<HistoryEntry> entries;
  static constexpr std::string_view kName = "History";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{views::Field{"kind", &History::kind}, views::Field{"id", &History::id},
                 views::Field{"count", &History::count, "entries in all"}, views::Field{"entries", &History::entries}},
      views::Cursors::kFields);
};

// A page of the record's history, at most `limit` entries. Errors as HistoryReader::Open.
Result<History> HistoryOf(const Log& log, RecordKind kind, const std::string& id, const ReminderBook* reminders,
                          size_t after, size_t limit);

}  // namespace jem::audit
