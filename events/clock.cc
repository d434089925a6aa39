#include "events/clock.h"

#include <algorithm>
#include <cstdio>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_timer.hpp>

namespace jem {
namespace {

// A Boost.Asio timer on the system clock; disarmed by cancelling it.
class TimerAlarm final : public Alarm {
 public:
  explicit TimerAlarm(std::shared_ptr<boost::asio::system_timer> timer) : timer_(std::move(timer)) {}
  ~TimerAlarm() override { timer_->cancel(); }

 private:
  std::shared_ptr<boost::asio::system_timer> timer_;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  }
  std::unique_ptr<Alarm> WakeAt(boost::asio::io_context& io, Timestamp when,
                                std::function<void()> ring) const override {
    auto timer = std::make_shared<boost::asio::system_timer>(io, when);
    // The handler holds the timer: it must live until the handler has run, cancelled or not.
    timer->async_wait([timer, ring = std::move(ring)](const boost::system::error_code& error) {
      if (!error) ring();
    });
    return std::make_unique<TimerAlarm>(std::move(timer));
  }
};

}  // namespace

struct FakeClock::Waiting {
  Timestamp when;
  boost::asio::io_context* io;
  std::function<void()> ring;
  std::shared_ptr<std::atomic<bool>> disarmed = std::make_shared<std::atomic<bool>>(false);
};

namespace {

class FakeAlarm final : public Alarm {
 public:
  explicit FakeAlarm(std::shared_ptr<std::atomic<bool>> disarmed) : disarmed_(std::move(disarmed)) {}
  ~FakeAlarm() override { disarmed_->store(true); }

 private:
  std::shared_ptr<std::atomic<bool>> disarmed_;
};

}  // namespace

std::unique_ptr<Alarm> FakeClock::WakeAt(boost::asio::io_context& io, Timestamp when,
                                         std::function<void()> ring) const {
  auto waiting = std::make_shared<Waiting>(Waiting{when, &io, std::move(ring)});
  auto alarm = std::make_unique<FakeAlarm>(waiting->disarmed);
  {
    std::lock_guard lock(mu_);
    waiting_.push_back(std::move(waiting));
  }
  RingDue();
  return alarm;
}

void FakeClock::Set(Timestamp t) {
  now_us_.store(ToMicros(t));
  RingDue();
}

size_t FakeClock::armed() const {
  std::lock_guard lock(mu_);
  return size_t(std::count_if(waiting_.begin(), waiting_.end(), [](const auto& w) { return !w->disarmed->load(); }));
}

void FakeClock::RingDue() const {
  std::vector<std::shared_ptr<Waiting>> due;
  {
    std::lock_guard lock(mu_);
    const Timestamp now = Now();
    auto rest = std::partition(waiting_.begin(), waiting_.end(), [&](const auto& w) { return w->when > now; });
    due.assign(rest, waiting_.end());
    waiting_.erase(rest, waiting_.end());
    std::erase_if(waiting_, [](const auto& w) { return w->disarmed->load(); });
  }
  // Checked again when it runs: an alarm disarmed after it fell due must not ring.
  for (auto& w : due) {
    boost::asio::post(*w->io, [w] {
      if (!w->disarmed->load()) w->ring();
    });
  }
}

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
