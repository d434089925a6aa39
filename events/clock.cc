#include "events/clock.h"

#include <cstdio>

namespace jem {
namespace {

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace

Clock& RealClock() {
  static SystemClock clock;
  return clock;
}

std::string FormatTimestamp(Timestamp t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(days);
  std::chrono::hh_mm_ss hms(t - days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()),
                long(hms.subseconds().count()));
  return buf;
}

}  // namespace jem
