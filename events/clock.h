// The clock: the only way jem learns the time or waits for it, so tests can drive a fake
// one (the way LevelDB's Env carries the clock).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace jem {

// A UTC instant with microsecond precision: the resolution of recorded-at.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// Microseconds since 1970-01-01T00:00:00Z, as stored in events.
inline int64_t ToMicros(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMicros(int64_t us) { return Timestamp(std::chrono::microseconds(us)); }

// "2009-06-16T10:00:00.000000Z".
std::string FormatTimestamp(Timestamp t);

// A wake-up armed on a clock. Destroying it disarms it: `ring` is then never called.
class Alarm {
 public:
  virtual ~Alarm() = default;
};

class Clock {
 public:
  virtual ~Clock() = default;
  // The current time. Must be safe to call from any thread.
  virtual Timestamp Now() const = 0;
  // The timer seam: posts `ring` to `io` once this clock reaches `when` (at once if it has),
  // unless the returned alarm is destroyed first. `io` must outlive the alarm.
  virtual std::unique_ptr<Alarm> WakeAt(boost::asio::io_context& io, Timestamp when,
                                        std::function<void()> ring) const = 0;
};

// The one implementation that reads the system clock. Lives for the whole program.
Clock& RealClock();

// A clock that moves only when told to; for tests and simulations. Its alarms ring (are
// posted to their io_context) when it is set or advanced past them.
class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_us_(ToMicros(start)) {}
  Timestamp Now() const override { return FromMicros(now_us_.load()); }
  std::unique_ptr<Alarm> WakeAt(boost::asio::io_context& io, Timestamp when,
                                std::function<void()> ring) const override;
  void Set(Timestamp t);
  void Advance(std::chrono::microseconds d) { Set(Now() + d); }
  // Alarms armed and not yet rung nor disarmed.
  size_t armed() const;

  struct Waiting;

 private:
  void RingDue() const;
  std::atomic<int64_t> now_us_;
  mutable std::mutex mu_;
  mutable std::vector<std::shared_ptr<Waiting>> waiting_;
};

}  // namespace jem
