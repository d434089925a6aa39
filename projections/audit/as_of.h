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

#include <nlohmann/json.hpp>

#include "events/log.h"
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

// The difference as a document: {"as_of", "late": [{position, stream, type,
// occurred_at, recorded_at, days_late}], "count", "days_late_max", "days_late_total",
// "actions": [{reference, recorded, happened}] whose status differs between the two,
// "truncated": whether either list stopped at kLateListed}.
nlohmann::ordered_json Difference(const AsOfBoth& both, std::chrono::sys_days day);

}  // namespace jem::audit
