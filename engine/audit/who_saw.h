// Who could see an action, and who did see it, before a day: the auditor's question about
// access. "Could": every token holder the access policy let read it (officers and auditors,
// and partners of the agencies that led or supported it), with a token issued before then.
// "Did": the access records of reads of the action, of its meeting's summary or follow-up
// report, and of its round's committee report.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "projections/read_model.h"

namespace jem::audit {

// {"action", "before", "could_see": [{token, user, role, agency, issued, revoked}],
//  "did_see": [{user, role, agency, reads, first, last}], "reads": [{at, user, role, agency,
//  what, subject, path, count}], "reads_count", "next", "previous", "unrecorded"}: the access
// records, a page of them (those after number `after`, at most `limit`), each a reader's first
// read of a record on a day or the count of its repeats. `model` is the current one (for the
// action's meeting and the agencies it has had). Errors: kNotFound (no such action); the log's.
Result<nlohmann::ordered_json> WhoSaw(const Log& log, const ReadModel& model, const std::string& reference,
                                      std::optional<std::chrono::sys_days> before, size_t after, size_t limit);

}  // namespace jem::audit
