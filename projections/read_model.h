// The read model: one fold of the whole log into the state every view reads — meetings
// with what they produced, actions with their history, the registers and rounds. Pure:
// Apply(event) is the only way it changes, so a model kept live event by event equals
// one rebuilt from position 0.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <unordered_set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/event.h"
#include "events/log.h"
#include "projections/due_index.h"
#include "projections/reminder_book.h"
#include "projections/stream_state.h"

namespace jem {

// One step in an action's history, for follow-up reports.
struct ActionHistoryEntry {
  std::string day;   // the day it happened, YYYY-MM-DD
  std::string kind;  // "started", "progress", "blocked", "completed", "due date changed", ...
  std::string text;  // the note, reason or evidence
  std::string from, to;  // due date changes and reassignments
  int percent = -1;      // progress notes, when given
  std::string partner_agency;  // written by a partner for this agency; empty: by an officer
  std::string withheld;        // set in a reader's part of the model: "written by MPS", text cleared

  bool operator==(const ActionHistoryEntry&) const = default;
};

struct ActionRecord {
  ActionState state;
  std::vector<ActionHistoryEntry> history;
  bool operator==(const ActionRecord&) const = default;
};

struct FeedbackRecord {
  std::string day, agency, positive, suggestions;
  bool operator==(const FeedbackRecord&) const = default;
};

struct MeetingRecord {
  MeetingState state;
  std::vector<std::string> actions, practices, issues;  // raised at this meeting, in order
  std::vector<FeedbackRecord> feedback;
  std::string logged_by;  // the user who recorded it held: the officer its escalations go to
  bool operator==(const MeetingRecord&) const = default;
};

struct RoundRecord {
  uint32_t number = 0;
  std::string title, start_date, end_date;
  bool operator==(const RoundRecord&) const = default;
};

// Hashes strings and views of them alike, so that a set of strings is searched without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
// The records changed since a model was last saved ("m/ID", "a/REF", "p/ID", "i/ID"),
// so that saving it writes only those. A model folded from nothing has every record changed
// and lists none: a rebuild pays nothing for the list. Hashed: at a million events an
// ordered set's lookups, one per event, cost as much as the rest of the fold.
class ChangedRecords {
 public:
  using Keys = std::unordered_set<std::string, TextHash, std::equal_to<>>;

  // Notes that record `id` of `kind` ('m', 'a', 'p', 'i') changed; no allocation when it is
  // noted already, nothing when every record counts as changed.
  void Mark(char kind, std::string_view id);
  // Every record counts as changed: the model was never saved or loaded.
  bool everything() const { return everything_; }
  // The changed records' keys, when not everything().
  const Keys& keys() const { return keys_; }
  // Nothing has changed since: the model was just saved or loaded.
  void Saved();

  bool operator==(const ChangedRecords&) const = default;

 private:
  bool everything_ = true;
  Keys keys_;
};

struct ReadModel {
  uint64_t position = 0;  // the last event applied
  std::map<std::string, MeetingRecord> meetings;
  std::map<std::string, ActionRecord, std::less<>> actions;  // std::less<>: found by a view of the stream id
  std::map<std::string, PracticeState> practices;
  std::map<std::string, IssueState> issues;
  std::map<uint32_t, RoundRecord> rounds;
  DueIndex due;             // the open actions by due date, for the reminder engine
  ReminderBook reminders;   // contacts, and what the reminder engine sent

  // Records changed since the model was last saved. Not part of the model's value
  // (ToJson leaves it out).
  ChangedRecords changed;

  // Folds one event in. Events must come in position order.
  void Apply(const RecordedEvent& event);

  // The meeting an action was agreed at (nullptr if unknown).
  const MeetingRecord* MeetingOf(const ActionState& action) const;

  // The whole model as JSON: what a test shows when two models differ.
  nlohmann::json ToJson() const;

  // Every field, `changed` included: compare models with it cleared for their value alone.
  bool operator==(const ReadModel&) const = default;
};

// Folds the log from position 1 to its head.
Result<ReadModel> RebuildModel(const Log& log);

// Folds only the events recorded up to the end of London's `day`: the record as it stood then.
Result<ReadModel> ModelAsOf(const Log& log, std::chrono::sys_days day);

// Folds the events at positions 1 to `position`: the record as it stood after that event.
Result<ReadModel> ModelAtPosition(const Log& log, uint64_t position);

// The part of the model about one meeting — the meeting, its actions, good practice and
// issues — as recorded by the end of `day`, reading only those streams: how a follow-up
// report is made as of a past day without folding the whole log.
Result<ReadModel> MeetingModelAsOf(const Log& log, const std::string& meeting_id, std::chrono::sys_days day);

// Brings `model` up to the log's head, folding only the events after its position.
Status CatchUp(const Log& log, ReadModel* model);

// The model from the snapshot (if any, and if not ahead of the log), caught up to the
// head, and the snapshot refreshed. Snapshots are caches: a missing or unreadable one
// only means a rebuild.
Result<ReadModel> LoadModel(Log& log);

// Saves the records changed since the last snapshot, and the position, in one batch.
Status SaveSnapshot(Log& log, ReadModel* model);

// The snapshot: a header entry (format, position, rounds) and one entry per record.
inline constexpr char kReadModelSnapshot[] = "read-model";

}  // namespace jem
