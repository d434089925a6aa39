// When each event happened, for the views "by what happened". The table, with the reasons,
// is in docs/audit.md ("When each event happened"). In short: an event happened when it says
// (its occurred-at) or else when it was recorded, except where the domain says otherwise —
//   - what a meeting decided happened when the meeting was held;
//   - a meeting's scheduling (and rescheduling) happened no later than the meeting was held;
//   - a round's plan happened no later than the first of its meetings was scheduled;
//   - an action, good practice or issue raised at a meeting happened no earlier than the
//     meeting was held, and a record's later steps no earlier than the record began;
// so nothing "happens" after what depends on it. The rule is applied by the folds; events
// are never edited, and logs written before the rule read by it unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/log.h"
#include "projections/read_model.h"

namespace jem::audit {

class Occurrences {
 public:
  // Learns what the table derives from the domain, reading only the meeting and round
  // streams (a few events per meeting). Errors: the log's read errors.
  static Result<Occurrences> Learn(const Log& log);
  // Enough for CountsInStream on the stream of one record raised at meeting `meeting_id` (an
  // action, good practice or issue): reads only that meeting's stream. Errors: as Learn.
  static Result<Occurrences> LearnFor(const Log& log, std::string_view meeting_id);

  // When `event` happened, by the table. Events of streams Learn did not read (written
  // since) are taken at their own occurred-at.
  Timestamp Of(const RecordedEvent& event) const;

  // Whether `event` counts in a fold by what happened up to `end`, given what `model` (the
  // fold so far, in position order) already holds: it happened before `end`, and the record
  // it updates had begun by then.
  bool Counts(const RecordedEvent& event, Timestamp end, const ReadModel& model) const;

  // The same for one record's stream read alone, in order: `begun` starts false and is kept
  // between calls (whether the stream's first event counted).
  bool CountsInStream(const RecordedEvent& event, Timestamp end, bool* begun) const;

 private:
  struct Meeting {
    std::vector<Timestamp> until_held;  // by stream version - 1, up to the held event
    std::optional<Timestamp> held;
    std::optional<uint32_t> round;  // the round it was scheduled in
  };
  // Reads the stream of meeting `meeting_id` into meetings_; returns what it learnt.
  Result<const Meeting*> LearnMeeting(const Log& log, std::string_view meeting_id);

  template <typename T>
  using ByName = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;
  ByName<Meeting> meetings_;                    // by meeting id
  ByName<std::vector<Timestamp>> rounds_;       // by stream: by stream version - 1
};

// The read model by what had happened by `end`: the events that count (Occurrences::Counts),
// folded in position order. Reads the whole log.
Result<ReadModel> ModelHappenedBy(const Log& log, Timestamp end);

}  // namespace jem::audit
