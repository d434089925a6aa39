#include "engine/audit/access_log.h"

#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "events/event.h"
#include "projections/audit/access_records.h"
#include "projections/reference.h"

namespace jem::audit {

struct AccessLog::Impl {
  Impl(Log& l, const Clock& c, std::chrono::microseconds d, size_t cap) : log(l), clock(c), delay(d), capacity(cap) {}

  struct Queued {
    Timestamp at;
    AccessEntry entry;
    uint32_t count = 1;  // reads it stands for
  };
  // A record read today, and how often since its last entry.
  struct Seen {
    AccessEntry entry;  // the latest read
    Timestamp last;
    uint32_t repeats = 0;
  };

  // Queues `q`, within the bound. Holds mu.
  void QueueLocked(Queued q) {
    if (queued.size() >= capacity) {
      unrecorded += q.count;
      dropped += q.count;
    } else {
      queued.push_back(std::move(q));
    }
    ArmLocked();
  }

  // Queues an entry of the repeats counted since each record's last. Holds mu.
  void QueueRepeatsLocked() {
    for (auto& [key, s] : seen) {
      if (s.repeats == 0) continue;
      QueueLocked({s.last, s.entry, s.repeats});
      s.repeats = 0;
    }
  }

  void Record(AccessEntry entry) {
    const Timestamp at = clock.Now();
    const std::string today = reference::FormatDate(reference::DayOf(at));
    std::string key = entry.user_id + '\0' + entry.what + '\0' + entry.subject;
    std::lock_guard lock(mu);
    if (today != day) {  // a new day: yesterday's counts are recorded, and every record is new again
      QueueRepeatsLocked();
      seen.clear();
      day = today;
    }
    if (auto it = seen.find(key); it != seen.end()) {
      Seen& s = it->second;
      if (s.repeats < UINT32_MAX) ++s.repeats;
      s.last = at;
      s.entry = std::move(entry);
      return;
    }
    if (seen.size() >= capacity) {  // more records read today than are kept in mind
      ++unrecorded;
      ++dropped;
      ArmLocked();
      return;
    }
    seen.emplace(std::move(key), Seen{entry, at});
    QueueLocked({at, std::move(entry)});
  }

  // Takes what is queued and appends it, one event per kReadsPerEvent reads. Called on the
  // log's thread (or by Flush, under append_mu, from any).
  Status AppendQueued() {
    std::lock_guard append_lock(append_mu);
    std::vector<Queued> batch;
    uint64_t lost = 0;
    {
      std::lock_guard lock(mu);
      batch.swap(queued);
      lost = unrecorded;
      unrecorded = 0;
      armed = false;
    }
    if (batch.empty() && lost == 0) return Status::Ok();
    const std::string day = reference::FormatDate(reference::DayOf(batch.empty() ? clock.Now() : batch.front().at));
    std::vector<NewEvent> events;
    for (size_t from = 0; from < batch.size() || (from == 0 && lost > 0); from += kReadsPerEvent) {
      const size_t n = std::min(kReadsPerEvent, batch.size() - from);
      events.push_back(NewEvent{NewEventId(), Actor{"jem", "system"}, {}, {},
                                EventBody::Make([&](schema::Body::Builder b) {
                                  auto e = b.initAccessRecorded();
                                  if (from == 0) e.setUnrecorded(lost);
                                  auto reads = e.initReads(unsigned(n));
                                  for (size_t i = 0; i < n; ++i) {
                                    const Queued& q = batch[from + i];
                                    auto r = reads[unsigned(i)];
                                    r.setAtUs(ToMicros(q.at));
                                    r.setUserId(AsText(q.entry.user_id));
                                    r.setRole(AsText(q.entry.role));
                                    r.setAgency(AsText(q.entry.agency));
                                    r.setWhat(AsText(q.entry.what));
                                    r.setSubject(AsText(q.entry.subject));
                                    r.setPath(AsText(q.entry.path));
                                    r.setCount(q.count);
                                  }
                                })});
      if (batch.empty()) break;
    }
    auto appended = log.Append(AccessStream(day), ExpectedVersion::Any(), std::move(events));
    if (!appended.ok()) {
      // Kept for the next batch, within the bound; what does not fit is counted as lost.
      std::lock_guard lock(mu);
      const size_t room = capacity > queued.size() ? capacity - queued.size() : 0;
      const size_t keep = std::min(room, batch.size());
      queued.insert(queued.begin(), batch.begin(), batch.begin() + long(keep));
      unrecorded += lost;
      for (size_t i = keep; i < batch.size(); ++i) unrecorded += batch[i].count;
      ArmLocked();
      spdlog::error("access records not appended (kept for the next batch): {}", appended.status().ToString());
      return appended.status();
    }
    std::lock_guard lock(mu);
    for (const Queued& q : batch) recorded += q.count;
    return Status::Ok();
  }

  // Asks the log's thread to append in `delay`, if it is not already going to.
  void ArmLocked() {
    if (armed || stopping) return;
    armed = true;
    boost::asio::post(io, [this] {
      alarm = clock.WakeAt(io, clock.Now() + delay, [this] { (void)AppendQueued(); });
    });
  }

  Log& log;
  const Clock& clock;
  const std::chrono::microseconds delay;
  const size_t capacity;
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::unique_ptr<Alarm> alarm;  // touched on the log's thread only
  std::mutex append_mu;          // one append at a time, in order
  std::mutex mu;                 // guards what follows
  std::vector<Queued> queued;
  std::string day;                   // of `seen`
  std::map<std::string, Seen> seen;  // records read that day, by reader, kind and subject
  uint64_t unrecorded = 0, recorded = 0, dropped = 0;
  bool armed = false, stopping = false;
  std::thread thread;
};

AccessLog::AccessLog(Log& log, const Clock& clock, std::chrono::microseconds delay, size_t capacity)
    : impl_(std::make_unique<Impl>(log, clock, delay, capacity)) {
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->QueueRepeatsLocked();
    impl_->stopping = true;
  }
  boost::asio::post(impl_->io, [this] { impl_->alarm.reset(); });
  impl_->work.reset();
  impl_->thread.join();
  (void)impl_->AppendQueued();
}

void AccessLog::Record(AccessEntry entry) { impl_->Record(std::move(entry)); }

Status AccessLog::Flush() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->QueueRepeatsLocked();
  }
  return impl_->AppendQueued();
}

uint64_t AccessLog::recorded() const {
  std::lock_guard lock(impl_->mu);
  return impl_->recorded;
}

uint64_t AccessLog::dropped() const {
  std::lock_guard lock(impl_->mu);
  return impl_->dropped;
}

}  // namespace jem::audit
