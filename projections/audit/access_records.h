// Who read what: the access records the server keeps of partners' and auditors' reads of
// actions, meetings and reports (stream access-YYYY-MM-DD, written by engine/audit/access_log.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "events/log.h"

namespace jem {

// The stream of the access records of `day` (YYYY-MM-DD): access-2026-11-26.
std::string AccessStream(std::string_view day);
inline constexpr std::string_view kAccessStreamPrefix = "access-";

struct AccessReadRecord {
  Timestamp at{};  // of the read, or of the last of the reads it counts
  std::string user_id, role, agency;
  std::string what;     // action, meeting or round
  std::string subject;  // its reference, id or number
  std::string path;
  uint64_t position = 0;  // of the event that holds it
  uint32_t count = 1;     // reads it stands for: one, or a day's repeats
};

struct AccessReads {
  std::vector<AccessReadRecord> reads;  // in the order recorded
  uint64_t unrecorded = 0;              // reads a full batch could not keep
};

// The reads recorded before `before` (all when unset) that `wanted` picks (all when unset),
// reading only the access streams; memory holds what is picked.
Result<AccessReads> ReadAccessRecords(const Log& log, std::optional<Timestamp> before,
                                      const std::function<bool(const AccessReadRecord&)>& wanted = nullptr);

}  // namespace jem
