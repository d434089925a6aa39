// The access log: records who read what (partners and auditors reading actions, meetings
// and reports) as events on the day's access stream, apart from the domain's streams and in
// the same hash chain. A read never waits for a disk sync: Record() only queues; a batch is
// appended at most a second (`delay`) after its first read, on the log's own thread.
// Bounded by what the records mean: a reader's first read of a record on a day is recorded;
// its repeats that day add nothing but a count, recorded in one more entry when the day is
// over, when who saw the record is asked (Flush), or when the log stops. So a partner adds at
// most two entries (about 100 bytes each) a day per record it reads, however often it reads.
// What a crash can lose: the reads of the last second, and the day's counts of repeats.
// Memory is bounded: past `capacity` records read in a day, or queued, further reads are only
// counted, and the count is recorded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "events/clock.h"
#include "events/log.h"

namespace jem::audit {

struct AccessEntry {
  std::string user_id, role, agency;
  std::string what;     // action, meeting or round
  std::string subject;  // its reference, id or number
  std::string path;     // what was asked for
};

class AccessLog {
 public:
  static constexpr std::chrono::milliseconds kDelay{1000};
  static constexpr size_t kCapacity = 100000;
  // Reads at most this many go in one event (an event must stay well under 1 MiB).
  static constexpr size_t kReadsPerEvent = 2000;

  // Starts the log's thread. `log` and `clock` must outlive it.
  AccessLog(Log& log, const Clock& clock, std::chrono::microseconds delay = kDelay, size_t capacity = kCapacity);
  // Appends what is queued, then stops.
  ~AccessLog();

  // Queues one read, stamped with the clock's time, unless its reader read the same record
  // earlier the same day (then it is counted). Never waits for the disk.
  void Record(AccessEntry entry);

  // Appends what is queued now, and the day's counts of repeats so far, and returns when it
  // is durable (or failed).
  Status Flush();

  // Reads appended so far, and reads dropped because the queue was full.
  uint64_t recorded() const;
  uint64_t dropped() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jem::audit
