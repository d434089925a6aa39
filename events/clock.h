// The clock: the only way jem learns the time, so tests can drive a fake one
// (the way LevelDB's Env carries the clock).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace jem {

// A UTC instant with microsecond precision: the resolution of recorded-at.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// Microseconds since 1970-01-01T00:00:00Z, as stored in events.
inline int64_t ToMicros(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMicros(int64_t us) { return Timestamp(std::chrono::microseconds(us)); }

// "2009-06-16T10:00:00.000000Z".
std::string FormatTimestamp(Timestamp t);

class Clock {
 public:
  virtual ~Clock() = default;
  // The current time. Must be safe to call from any thread.
  virtual Timestamp Now() const = 0;
};

// The one implementation that reads the system clock. Lives for the whole program.
Clock& RealClock();

// A clock that moves only when told to; for tests and simulations.
class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_us_(ToMicros(start)) {}
  Timestamp Now() const override { return FromMicros(now_us_.load()); }
  void Set(Timestamp t) { now_us_.store(ToMicros(t)); }
  void Advance(std::chrono::microseconds d) { now_us_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> now_us_;
};

}  // namespace jem
