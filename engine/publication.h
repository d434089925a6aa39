// Publishing a meeting's six-month follow-up report: the report as it stood by the end of a
// day, as text, and the command that records its publication with that text's SHA-256, so
// that anyone can check the paper tabled against the record (`jem report follow-up ID
// --as-of D --format json | sha256sum` prints the same hash).
#pragma once

#include <chrono>
#include <string>

#include "engine/engine.h"
#include "events/log.h"

namespace jem {

struct Publication {
  std::string report;  // the report's JSON as `jem report follow-up --format json` prints it: the bytes hashed
  command::PublishFollowUp command;
};

// The publication of meeting `meeting_id`'s report as recorded by the end of `as_of`.
Result<Publication> FollowUpPublication(const Log& log, const std::string& meeting_id, std::chrono::sys_days as_of,
                                        const std::string& summary);

}  // namespace jem
