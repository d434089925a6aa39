// A realistic generated log for the benchmarks: held meetings across the boroughs, each
// with 10 actions and 5 updates apiece (started, progress, some re-dated, half completed).
#pragma once

#include <cstdint>

#include "events/clock.h"
#include "events/log.h"

namespace jem::bench {

// Events one generated meeting appends.
inline constexpr uint64_t kEventsPerMeeting = 2 + 10 * (1 + 5);

// Appends about `events` events of generated meetings (8 appenders at once); meeting k is
// held on day k / 32 from 1 January 2009. When `clock` is the log's clock, each meeting is
// recorded 30 days after it was held (so the record as of a day differs from what happened by
// it); otherwise everything is recorded now. `seconds` gets the time it took.
Status FillMeetings(Log& log, uint64_t events, FakeClock* clock, double* seconds);

}  // namespace jem::bench
