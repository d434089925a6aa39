// The record as of a past day, in the two senses an auditor needs:
//   recorded  — what the record said by the end of day D: the events recorded by then;
//   happened  — what is now known to have happened by the end of D: every event whose
//               occurred-at is by then, whenever it was recorded (an action completed on the
//               3rd and logged on the 20th counts as done on the 3rd);
// and the difference between them: what was recorded late, and how late.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "events/log.h"
#include "projections/described.h"
#include "projections/read_model.h"

namespace jem::audit {

enum class Basis { kRecorded, kHappened };

// "recorded" or "happened". Errors: kInvalidArgument saying which words it takes.
Result<Basis> ParseBasis(std::string_view name);
std::string_view BasisName(Basis basis);

// The read model as of the end of London's `day`, on `basis`. Recorded: the log up to the
// last event recorded that day (a prefix: the scan stops there). Happened: the events that
// had happened by then by the table of projections/audit/occurred.h, folded in position
// order (the whole log is read).
Result<ReadModel> ModelAsOf(const Log& log, std::chrono::sys_days day, Basis basis);

// An event that happened by the day but was recorded after it.
struct LateRecord {
  uint64_t position = 0;
  std::string stream, type;
  Timestamp occurred_at{}, recorded_at{};
  int64_t days_late = 0;  // recorded day minus occurred day
};

// At most this many late records (and actions that differ) are listed; all are counted.
inline constexpr size_t kLateListed = 1000;

// Both models as of `day`, and the late records between them, in one scan of the log.
struct AsOfBoth {
  ReadModel recorded, happened;
  std::vector<LateRecord> late;  // the first kLateListed, in position order
  uint64_t late_count = 0;
  int64_t days_late_max = 0, days_late_total = 0;
};
Result<AsOfBoth> BothAsOf(const Log& log, std::chrono::sys_days day);

// A late record as the views show it: its times as text (RFC 3339, UTC).
struct LateRecordRow {
  uint64_t position = 0;
  std::string stream, type, occurred_at, recorded_at;
  int64_t days_late = 0;
  static constexpr std::string_view kName = "LateRecord";
  static constexpr auto kFields = std::tuple{
      views::Field{"position", &LateRecordRow::position}, views::Field{"stream", &LateRecordRow::stream},
      views::Field{"type", &LateRecordRow::type}, views::Field{"occurred_at", &LateRecordRow::occurred_at},
      views::Field{"recorded_at", &LateRecordRow::recorded_at}, views::Field{"days_late", &LateRecordRow::days_late}};
};

// An action whose status the record showed otherwise on the day.
struct StatusThenAndNow {
  std::string reference;
  std::string recorded;  // its status by what was recorded by the day, or "not yet recorded"
  std::string happened;  // its status by what is now known to have happened by then
  static constexpr std::string_view kName = "LateAction";
  static constexpr auto kFields =
      std::tuple{views::Field{"reference", &StatusThenAndNow::reference},
                 views::Field{"recorded", &StatusThenAndNow::recorded, "its status by what was recorded by the day"},
                 views::Field{"happened", &StatusThenAndNow::happened, "its status by what happened by the day"}};
};

// The difference between the two bases on a day.
struct LateRecords {
  std::string as_of;
  std::vector<LateRecordRow> late;  // the first kLateListed
  uint64_t count = 0;               // all of them
  int64_t days_late_max = 0, days_late_total = 0;
  std::vector<StatusThenAndNow> actions;  // the first kLateListed
  bool truncated = false;                 // whether either list stopped at kLateListed
  static constexpr std::string_view kName = "LateRecords";
  static constexpr auto kFields = std::tuple{
      views::Field{"as_of", &LateRecords::as_of},
      views::Field{"late", &LateRecords::late},
      views::Field{"count", &LateRecords::count},
      views::Field{"days_late_max", &LateRecords::days_late_max},
      views::Field{"days_late_total", &LateRecords::days_late_total},
      views::Field{"actions", &LateRecords::actions},
      views::Field{"truncated", &LateRecords::truncated, "the lists stop at 1,000 entries; count counts all"}};
};

// What was recorded late for `day`, and the actions that differ between the bases.
LateRecords Difference(const AsOfBoth& both, std::chrono::sys_days day);

}  // namespace jem::audit
