// Checking a whole log: every event re-read from position 1 (hashes, links, positions and
// the recorded head), then the tree and the indexes (streams, versions, event ids) against
// the events. Reads one snapshot, so appends running meanwhile are not half seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "events/log.h"

namespace jem {

// What VerifyLog found. ok() when every event hashes and links correctly.
struct VerifyReport {
  uint64_t events_checked = 0;
  uint64_t checkpoints_checked = 0;      // signed checkpoints kept beside the log that match it
  std::optional<uint64_t> bad_position;  // the first position that is wrong
  std::string problem;                   // what is wrong there
  bool ok() const { return !bad_position; }
};

// The report on `log`; an error only when it cannot be read at all.
Result<VerifyReport> VerifyLog(const Log& log);

}  // namespace jem
