// Who read what: the access records the server keeps of partners' and auditors' reads of
// actions, meetings and reports (stream access-YYYY-MM-DD, written by engine/audit/access_log.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/log.h"

namespace jem {

// The stream of the access records of `day` (YYYY-MM-DD): access-2026-11-26.
std::string AccessStream(std::string_view day);
inline constexpr std::string_view kAccessStreamPrefix = "access-";

struct AccessReadRecord {
  Timestamp at{};
  std::string user_id, role, agency;
  std::string what;     // action, meeting or round
  std::string subject;  // its reference, id or number
  std::string path;
  uint64_t position = 0;  // of the event that holds it
};

struct AccessReads {
  std::vector<AccessReadRecord> reads;  // in the order recorded
  uint64_t unrecorded = 0;              // reads a full batch could not keep
};

// Every read recorded before `before` (all when unset), reading only the access streams.
Result<AccessReads> ReadAccessRecords(const Log& log, std::optional<Timestamp> before);

}  // namespace jem
