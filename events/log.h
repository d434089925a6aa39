// The event log: durable, append-only, hash-chained. The single source of truth of jem.
//
//   auto log = Log::Open("data", {});
//   auto r = (*log)->Append("action-CAM-2009-03", ExpectedVersion::NoStream(), std::move(events));
//
// Every Append returns only after its events are synced to disk. Concurrent appenders
// share one WriteBatch and one sync (group commit). Readers see only acknowledged events.
// Thread-safe. One process at a time may open a data directory.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/clock.h"
#include "events/event.h"
#include "events/status.h"

namespace rocksdb {
class Env;
}

namespace jem {

struct LogOptions {
  // Where recorded-at comes from. Not owned; must outlive the log.
  Clock* clock = &RealClock();
  // Create an empty log when the directory is missing or empty.
  bool create_if_missing = true;
  // Largest body accepted in one event, in bytes.
  size_t max_event_bytes = 1 << 20;
  // Largest total of event bodies one group commit gathers before it syncs.
  size_t max_group_bytes = 8 << 20;
  // RocksDB environment; tests pass one that injects disk faults. Not owned.
  rocksdb::Env* env = nullptr;
};

// The version an append expects its stream to be at. Stream versions start at 1.
class ExpectedVersion {
 public:
  static ExpectedVersion Any() { return ExpectedVersion(kAny); }
  static ExpectedVersion NoStream() { return ExpectedVersion(0); }
  // The stream's last event has version `v` (0 means the stream does not exist yet).
  static ExpectedVersion Exactly(uint64_t v) { return ExpectedVersion(v); }

  bool is_any() const { return v_ == kAny; }
  uint64_t value() const { return v_; }
  bool Matches(uint64_t current) const { return is_any() || v_ == current; }
  // "any", "no stream" or "version 3".
  std::string ToString() const;

 private:
  static constexpr uint64_t kAny = ~uint64_t{0};
  explicit ExpectedVersion(uint64_t v) : v_(v) {}
  uint64_t v_;
};

// The last acknowledged event.
struct Head {
  uint64_t position = 0;  // 0: the log is empty
  Hash hash{};            // zeros when empty
};

// One stream's share of an atomic append.
struct StreamAppend {
  std::string stream;
  ExpectedVersion expected;
  std::vector<NewEvent> events;
};

struct AppendResult {
  std::vector<uint64_t> positions;  // one per event, in order
  uint64_t stream_version = 0;      // the stream's version after the last event
  bool already_present = false;     // a retry: every event id was already in the log
};

struct LogStats {
  Head head;
  uint64_t event_count = 0;
  uint64_t bytes_on_disk = 0;
  // Since the log was opened: how well the group commit shares its syncs.
  uint64_t appends = 0;  // calls to Append and AppendAtomically that reached the writer queue
  uint64_t groups = 0;   // groups decided and written by a leader
  uint64_t syncs = 0;    // WAL syncs (a lone group's synced write counts as one)
};

class Subscription;
struct VerifyReport;

class Log {
 public:
  // Opens (or creates) the log in `dir`. Fails with kBusy if another process holds it,
  // kInvalidArgument if `dir` holds something that is not a jem log.
  static Result<std::unique_ptr<Log>> Open(const std::string& dir, const LogOptions& options);

  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  // Appends `events` to `stream` atomically, if the stream is at `expected`. Returns once
  // they are durable. If every event id is already in the log (a retry), writes nothing and
  // returns the original positions. Fails with kConflict on a version mismatch, and with
  // kIOError if the disk fails, after which the log refuses writes until reopened.
  Result<AppendResult> Append(std::string_view stream, ExpectedVersion expected,
                              std::vector<NewEvent> events);

  // Appends to several streams at once, all or nothing: if any part's expected version does
  // not match, nothing is written. One result per part, in order. Each stream at most once.
  Result<std::vector<AppendResult>> AppendAtomically(std::vector<StreamAppend> parts);

  // The position of the acknowledged event with this id, or nullopt if there is none.
  Result<std::optional<uint64_t>> Find(const EventId& id) const;

  // Up to `max_count` events of `stream` from version `from_version` (1 = the first).
  Result<std::vector<RecordedEvent>> ReadStream(std::string_view stream, uint64_t from_version,
                                                size_t max_count) const;

  // Up to `max_count` events from position `from_position` (1 = the first), in order.
  Result<std::vector<RecordedEvent>> ReadAll(uint64_t from_position, size_t max_count) const;

  // Calls `visit` for each event from `from_position` up to the head at the time of the call,
  // in order, without gathering them; stops early when `visit` returns false.
  Status Scan(uint64_t from_position,
              const std::function<bool(const RecordedEvent&)>& visit) const;

  // The ids of the streams whose ids start with `prefix`, in order.
  Result<std::vector<std::string>> ListStreams(std::string_view prefix) const;

  // The current version of `stream`: 0 if it has no events.
  Result<uint64_t> StreamVersion(std::string_view stream) const;

  // A cursor that catches up from `from_position`, then follows new appends.
  // Must be destroyed before the log.
  std::unique_ptr<Subscription> Subscribe(uint64_t from_position) const;

  Head head() const;
  Result<LogStats> Stats() const;

  const std::string& dir() const;

 private:
  friend class Subscription;
  // The log's other jobs, each with a header of its own, read and write beside it.
  friend class LogTree;          // events/tree.h
  friend class CheckpointStore;  // events/checkpoint_store.h
  friend class ViewsCache;       // events/views_cache.h
  friend Result<VerifyReport> VerifyLog(const Log& log);  // events/verify.h
  struct Impl;
  explicit Log(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Catch-up then live: returns every event from its start position once, in order, with no
// gap or repeat at the hand-over from stored to new events.
class Subscription {
 public:
  // Waits up to `wait` for events at the cursor, then returns up to `max_count` of them
  // (empty if none came in time or the subscription was cancelled) and moves past them.
  Result<std::vector<RecordedEvent>> Next(size_t max_count, std::chrono::milliseconds wait);

  // The position of the next event Next() will return.
  uint64_t next_position() const { return next_; }

  // Wakes a waiting Next(), which returns empty; later calls return at once. Thread-safe.
  void Cancel();
  bool cancelled() const { return cancelled_.load(); }

 private:
  friend class Log;
  Subscription(const Log* log, uint64_t from) : log_(log), next_(from) {}
  const Log* log_;
  uint64_t next_;
  std::atomic<bool> cancelled_{false};
};

// Stream ids: 1 to 256 bytes of letters, digits and . _ - : / @ (InvalidArgument otherwise).
Status ValidateStreamId(std::string_view stream);

}  // namespace jem
