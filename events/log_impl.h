// The inside of Log, shared by its source files (log.cc: opening and small queries;
// log_append.cc: the write path; log_read.cc: readers and subscriptions; log_verify.cc).
// Internal to events/.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <semaphore>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/container_hash/hash.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "events/dir_lock.h"
#include "events/log.h"
#include "events/merkle.h"

namespace jem {

// A RocksDB status as a jem Status, `what` saying what was being done.
inline Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

inline std::string Describe(const EventId& id) { return boost::uuids::to_string(id); }

inline rocksdb::Slice AsSlice(std::string_view v) { return {v.data(), v.size()}; }

struct Writer {
  std::vector<StreamAppend>* parts;
  size_t bytes = 0;
  Result<std::vector<AppendResult>> result = Status::FailedPrecondition("not yet written");
  bool done = false;  // result is final; guarded by Log::Impl::mu
  // Released once to make this writer the leader, or once when it is done. Signalled after
  // the log's mutex is let go, so a woken writer does not queue on the mutex again.
  std::binary_semaphore wake{0};
};

struct Log::Impl {
  std::string dir;
  LogOptions options;
  std::unique_ptr<DirLock> lock;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* ids = nullptr;
  rocksdb::ColumnFamilyHandle* views_cache = nullptr;
  rocksdb::ColumnFamilyHandle* tree = nullptr;
  rocksdb::ColumnFamilyHandle* signed_checkpoints = nullptr;

  // Appends go through two stages. A leader takes every waiting writer, decides them and
  // writes their events to RocksDB unsynced; then, while it syncs, the next leader can
  // already decide the next group. Groups are acknowledged strictly in order, and only
  // once synced, so the head never covers an event that is not durable.
  struct InFlight {
    std::vector<Writer*> members;
    Head head;             // the head once this group is durable
    uint64_t sequence = 0; // order of writing
    bool synced = false;   // its write and a sync covering it have returned
    Status status;         // how they went
  };

  mutable std::mutex mu;
  mutable std::condition_variable head_changed;
  std::deque<Writer*> writers;       // waiting for a leader; the front becomes the next one
  bool deciding = false;             // a leader is deciding and writing a group
  std::deque<InFlight*> in_flight;   // written groups, oldest first, until acknowledged
  uint64_t groups_written = 0;       // sequence of the last group pushed to in_flight
  bool syncing = false;              // a sync is running; it covers groups written before it
  uint64_t appends = 0, syncs = 0;   // counted since opening, for LogStats
  std::condition_variable sync_done;
  Head head;                         // last acknowledged event: what readers see
  Head decided;                      // last written event: where the next group starts
  Status write_error;                // sticky: after a failed write the log refuses writes
  Status broken_chain;               // sticky: a group failed, so no later group may succeed

  int64_t last_recorded_us = 0;  // touched only by the deciding leader
  merkle::TreeEdge edge;         // the tree's right edge at `decided`; likewise

  ~Impl();  // closes RocksDB

  // What a group commit has decided but not yet written, so later writers in the same
  // group see the earlier ones.
  struct Pending {
    uint64_t position;
    std::string_view stream;
    uint64_t version;
  };
  struct Group {
    uint64_t next_position;
    Hash last_hash;
    int64_t recorded_us;
    rocksdb::WriteBatch batch;
    std::unordered_map<std::string_view, uint64_t> versions;
    std::unordered_map<EventId, Pending, boost::hash<EventId>> ids;
    std::deque<std::string> found_streams;  // stream ids read from disk, for Pending::stream
    merkle::TreeEdge edge;
  };

  // Adds the tree to a log written before it (once), then loads its right edge.
  Status LoadTree();
  // Adds the event `bytes` as the tree's next leaf, its new nodes into `batch`.
  void AddLeaf(std::span<const uint8_t> bytes, merkle::TreeEdge& edge, rocksdb::WriteBatch& batch);
  // The stored hashes of `nodes`, as of `ro`.
  Result<std::vector<Hash>> ReadNodes(std::span<const merkle::Node> nodes,
                                      const rocksdb::ReadOptions& ro) const;

  Status WriteGroup(const std::vector<Writer*>& group, bool sync, Head* new_head);
  // Marks done, in order, every group at the front of in_flight whose sync returned, and
  // returns their writers, to be woken once the mutex is released.
  std::vector<Writer*> CompleteSyncedGroups();
  // Makes the log refuse writes from now on (fail-stop), logging why once.
  void FailWrites(const Status& status);
  Result<std::vector<AppendResult>> Decide(Writer& w, Group& g);
  Result<std::vector<AppendResult>> Retry(
      Writer& w, const std::vector<std::vector<std::optional<Pending>>>& found);
  // The canonical envelope of `e` at `position` in the chain the group is building.
  static kj::Array<capnp::word> Envelope(const NewEvent& e, std::string_view stream,
                                         uint64_t position, uint64_t version, const Group& g);
  Result<std::optional<Pending>> FindEventId(const EventId& id, Group& g);
  // The version of the stream's last written event (acknowledged or not); 0 if none.
  Result<uint64_t> WrittenVersion(std::string_view stream) const;
  // The position of `stream`'s event at `version`.
  Result<uint64_t> PositionOf(std::string_view stream, uint64_t version) const;
  Result<RecordedEvent> ReadAt(uint64_t position, const rocksdb::ReadOptions& ro) const;
  // Visits positions from..to; `visit` may move the event away.
  Status ScanRange(uint64_t from, uint64_t to, const rocksdb::ReadOptions& ro,
                   const std::function<bool(RecordedEvent&)>& visit) const;
};

}  // namespace jem
