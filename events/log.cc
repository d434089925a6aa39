#include "events/log.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <semaphore>
#include <unordered_map>

#include <boost/container_hash/hash.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include "events/dir_lock.h"
#include "events/storage.h"

namespace jem {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxStreamIdBytes = 256;
constexpr size_t kMaxActorFieldBytes = 256;

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

std::string Describe(const EventId& id) { return boost::uuids::to_string(id); }

rocksdb::Slice AsSlice(std::string_view v) { return {v.data(), v.size()}; }

// Checks every part's stream id and events, and that no stream or event id repeats.
Status ValidateParts(const std::vector<StreamAppend>& parts, size_t max_event_bytes) {
  if (parts.empty()) return Status::InvalidArgument("an append needs at least one stream");
  std::unordered_map<EventId, size_t, boost::hash<EventId>> seen;
  std::unordered_map<std::string_view, size_t> streams;
  size_t n = 0;
  for (const StreamAppend& part : parts) {
    JEM_RETURN_IF_ERROR(ValidateStreamId(part.stream));
    if (!streams.emplace(part.stream, 0).second) {
      return Status::InvalidArgument("stream '" + part.stream + "' appears twice in one append; " +
                                     "put all its events in one part");
    }
    if (part.events.empty()) {
      return Status::InvalidArgument("an append needs at least one event; the batch for '" +
                                     part.stream + "' is empty");
    }
    for (const NewEvent& e : part.events) {
      ++n;
      const std::string which = "event " + std::to_string(n) + " of the batch";
      if (e.id.is_nil()) {
        return Status::InvalidArgument(which + " has the nil event id; give each event a UUID");
      }
      if (auto [it, fresh] = seen.emplace(e.id, n); !fresh) {
        return Status::InvalidArgument("event id " + Describe(e.id) + " appears twice in the batch" +
                                       " (events " + std::to_string(it->second) + " and " +
                                       std::to_string(n) + "); each event needs its own id");
      }
      if (e.actor.user_id.empty() || e.actor.role.empty()) {
        return Status::InvalidArgument(which + " has no actor: every event must name the user " +
                                       "and the role that caused it");
      }
      if (e.actor.user_id.size() > kMaxActorFieldBytes || e.actor.role.size() > kMaxActorFieldBytes) {
        return Status::InvalidArgument(which + " has an actor user id or role over " +
                                       std::to_string(kMaxActorFieldBytes) + " bytes");
      }
      if (e.body.size_bytes() > max_event_bytes) {
        return Status::InvalidArgument(which + " has a body of " + std::to_string(e.body.size_bytes()) +
                                       " bytes, over the limit of " + std::to_string(max_event_bytes) +
                                       " bytes");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateStreamId(std::string_view stream) {
  if (stream.empty()) return Status::InvalidArgument("the stream id is empty");
  if (stream.size() > kMaxStreamIdBytes) {
    return Status::InvalidArgument("the stream id is " + std::to_string(stream.size()) +
                                   " bytes; the limit is " + std::to_string(kMaxStreamIdBytes));
  }
  for (char c : stream) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-' || c == ':' || c == '/' || c == '@';
    if (!allowed) {
      return Status::InvalidArgument("the stream id '" + std::string(stream) +
                                     "' holds a character other than letters, digits and . _ - : / @");
    }
  }
  return Status::Ok();
}

std::string ExpectedVersion::ToString() const {
  if (is_any()) return "any";
  if (v_ == 0) return "no stream";
  return "version " + std::to_string(v_);
}

// One caller of Append, waiting in the write queue.
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
  rocksdb::ColumnFamilyHandle* checkpoints = nullptr;

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
  std::condition_variable sync_done;
  Head head;                         // last acknowledged event: what readers see
  Head decided;                      // last written event: where the next group starts
  Status write_error;                // sticky: after a failed write the log refuses writes
  Status broken_chain;               // sticky: a group failed, so no later group may succeed

  int64_t last_recorded_us = 0;  // touched only by the deciding leader

  ~Impl() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    if (db) {
      rocksdb::Status s = db->Close();
      if (!s.ok()) spdlog::warn("closing the log in {}: {}", dir, s.ToString());
    }
  }

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
  };

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

Log::Log(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Log::~Log() = default;
const std::string& Log::dir() const { return impl_->dir; }

Result<std::unique_ptr<Log>> Log::Open(const std::string& dir, const LogOptions& options) {
  std::error_code ec;
  const bool exists = fs::exists(dir, ec);
  if (exists && !fs::is_directory(dir, ec)) {
    return Status::InvalidArgument(dir + " is not a directory; give a directory for the jem log");
  }
  const bool empty = !exists || fs::is_empty(dir, ec);
  const bool has_db = exists && fs::exists(fs::path(dir) / "CURRENT", ec);
  if (!empty && !has_db) {
    return Status::InvalidArgument(dir + " is not a jem log: it holds other files. Give an " +
                                   "empty or new directory, or an existing jem data directory");
  }
  if (empty && !options.create_if_missing) {
    return Status::NotFound("there is no jem log in " + dir +
                            " (it is missing or empty); create one with `jem log init`");
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());

  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = options;
  auto lock = DirLock::Acquire(dir);
  if (!lock.ok()) return lock.status();
  impl->lock = std::move(lock.value());

  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 4;
  if (options.env) db_options.env = options.env;

  if (has_db) {
    std::vector<std::string> families;
    auto s = rocksdb::DB::ListColumnFamilies(db_options, dir, &families);
    if (!s.ok()) return FromRocks(s, "reading " + dir);
    for (const char* want : {storage::kEventsFamily, storage::kStreamsFamily, storage::kEventIdsFamily}) {
      if (std::find(families.begin(), families.end(), want) == families.end()) {
        return Status::InvalidArgument(dir + " is a RocksDB database but not a jem log (it has no '" +
                                       want + "' column family)");
      }
    }
  }

  // Appends look up every new event id and every stream's head, and almost all of those
  // lookups miss: bloom filters, in memtables and tables, answer them without a search.
  rocksdb::ColumnFamilyOptions lookup_options;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  lookup_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  lookup_options.memtable_whole_key_filtering = true;
  lookup_options.memtable_prefix_bloom_size_ratio = 0.02;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, {}},
      {storage::kEventsFamily, {}},
      {storage::kStreamsFamily, lookup_options},
      {storage::kEventIdsFamily, lookup_options},
      {storage::kCheckpointsFamily, {}},
  };
  rocksdb::DB* db = nullptr;
  auto s = rocksdb::DB::Open(db_options, dir, descriptors, &impl->handles, &db);
  if (!s.ok()) return FromRocks(s, "opening the log in " + dir);
  impl->db.reset(db);
  impl->meta = impl->handles[0];
  impl->events = impl->handles[1];
  impl->streams = impl->handles[2];
  impl->ids = impl->handles[3];
  impl->checkpoints = impl->handles[4];

  std::string format;
  s = db->Get({}, impl->meta, storage::kFormatKey, &format);
  if (s.IsNotFound()) {
    if (has_db) {
      return Status::InvalidArgument(dir + " is a RocksDB database but not a jem log (no format marker)");
    }
    rocksdb::WriteOptions synced;
    synced.sync = true;
    s = db->Put(synced, impl->meta, storage::kFormatKey, storage::kFormatValue);
    if (!s.ok()) return FromRocks(s, "initialising the log in " + dir);
    spdlog::info("created a new jem log in {}", dir);
  } else if (!s.ok()) {
    return FromRocks(s, "reading the format of " + dir);
  } else if (format != storage::kFormatValue) {
    return Status::Unsupported(dir + " holds a log in format '" + format + "'; this jem reads '" +
                               storage::kFormatValue + "'. Upgrade jem");
  }

  std::string head;
  s = db->Get({}, impl->meta, storage::kHeadKey, &head);
  if (s.ok()) {
    if (!storage::DecodeHead(head, &impl->head.position, &impl->head.hash)) {
      return Status::Corruption("the head record of " + dir + " is " + std::to_string(head.size()) +
                                " bytes, not 40");
    }
    // Recorded-at never goes backwards, across restarts too. An undecodable last event is
    // left for Verify to name; the log still opens so it can be inspected.
    auto last = impl->ReadAt(impl->head.position, {});
    if (last.ok()) impl->last_recorded_us = last->envelope().getRecordedAtUs();
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the head of " + dir);
  }
  impl->decided = impl->head;
  spdlog::debug("opened the jem log in {} at position {}", dir, impl->head.position);
  return std::unique_ptr<Log>(new Log(std::move(impl)));
}

Result<AppendResult> Log::Append(std::string_view stream, ExpectedVersion expected,
                                 std::vector<NewEvent> events) {
  std::vector<StreamAppend> parts;
  parts.push_back(StreamAppend{std::string(stream), expected, std::move(events)});
  auto results = AppendAtomically(std::move(parts));
  if (!results.ok()) return results.status();
  return std::move(results->front());
}

Result<std::vector<AppendResult>> Log::AppendAtomically(std::vector<StreamAppend> parts) {
  JEM_RETURN_IF_ERROR(ValidateParts(parts, impl_->options.max_event_bytes));

  Writer w{&parts};
  for (const auto& part : parts) {
    for (const auto& e : part.events) w.bytes += e.body.size_bytes();
  }

  // The write-group pattern of LevelDB: the writer at the front of the queue becomes the
  // leader and writes every waiting append in one batch; one sync then acknowledges them all.
  std::unique_lock lock(impl_->mu);
  impl_->writers.push_back(&w);
  if (&w != impl_->writers.front() || impl_->deciding) {
    lock.unlock();
    w.wake.acquire();
    lock.lock();
    if (w.done) return std::move(w.result);
  }

  impl_->deciding = true;
  Impl::InFlight group;
  size_t group_bytes = 0;
  while (!impl_->writers.empty()) {
    Writer* next = impl_->writers.front();
    if (!group.members.empty() && group_bytes + next->bytes > impl_->options.max_group_bytes) break;
    group.members.push_back(next);
    group_bytes += next->bytes;
    impl_->writers.pop_front();
  }
  const Head base = impl_->decided;
  Status status = impl_->write_error;
  // Alone (no one queued behind, nothing in flight), a group syncs within its own write,
  // saving a second call into RocksDB; under load, it leaves the sync to the pipeline.
  const bool sync_inline = impl_->writers.empty() && impl_->in_flight.empty();
  lock.unlock();

  Head after = base;
  if (status.ok()) {
    status = impl_->WriteGroup(group.members, sync_inline, &after);
  } else {
    for (Writer* member : group.members) member->result = status;
  }

  lock.lock();
  impl_->deciding = false;
  Writer* next_leader = impl_->writers.empty() ? nullptr : impl_->writers.front();
  group.head = after;
  group.status = status;
  if (status.ok()) {
    impl_->decided = after;
  } else {
    impl_->FailWrites(status);
  }
  // A group that wrote nothing (retries, refusals) or failed needs no sync of its own.
  group.synced = !status.ok() || after.position == base.position || sync_inline;
  group.sequence = ++impl_->groups_written;
  impl_->in_flight.push_back(&group);
  lock.unlock();
  if (next_leader) next_leader->wake.release();
  lock.lock();

  // One sync at a time, covering every group written before it started: while it runs,
  // the next leaders decide and write, and the sync after it acknowledges them together.
  while (!group.synced) {
    if (impl_->syncing) {
      impl_->sync_done.wait(lock);
      continue;
    }
    impl_->syncing = true;
    const uint64_t covered = impl_->groups_written;
    lock.unlock();
    Status synced = FromRocks(impl_->db->SyncWAL(), "syncing the log in " + impl_->dir);
    lock.lock();
    impl_->syncing = false;
    for (Impl::InFlight* g : impl_->in_flight) {
      if (g->sequence <= covered && !g->synced) {
        g->synced = true;
        g->status = synced;
      }
    }
    if (!synced.ok()) impl_->FailWrites(synced);
    impl_->sync_done.notify_all();
  }
  std::vector<Writer*> finished = impl_->CompleteSyncedGroups();
  lock.unlock();
  for (Writer* member : finished) member->wake.release();
  w.wake.acquire();  // released above, or by the leader that completes an earlier group
  return std::move(w.result);
}

void Log::Impl::FailWrites(const Status& status) {
  if (!write_error.ok()) return;
  write_error = status;
  spdlog::error("the log in {} refuses writes from now on: {}", dir, status.ToString());
}

std::vector<Writer*> Log::Impl::CompleteSyncedGroups() {
  std::vector<Writer*> finished;
  while (!in_flight.empty() && in_flight.front()->synced) {
    InFlight* group = in_flight.front();
    in_flight.pop_front();
    if (!group->status.ok() && broken_chain.ok()) broken_chain = group->status;
    if (broken_chain.ok() && group->head.position != head.position) {
      head = group->head;
      head_changed.notify_all();
    }
    for (Writer* member : group->members) {
      // A failed group fails every append in it, and every later one: they chain on it.
      if (!broken_chain.ok() && member->result.ok()) member->result = broken_chain;
      member->done = true;
      finished.push_back(member);
    }
  }
  return finished;
}

// Decides every writer of the group and writes all accepted events in one batch, synced or
// not. Returns non-OK only when the write failed; each writer's own outcome is in its result.
Status Log::Impl::WriteGroup(const std::vector<Writer*>& group, bool sync, Head* new_head) {
  Group g;
  g.next_position = new_head->position + 1;
  g.last_hash = new_head->hash;
  g.recorded_us = std::max(ToMicros(options.clock->Now()), last_recorded_us);
  for (Writer* w : group) w->result = Decide(*w, g);
  if (g.next_position == new_head->position + 1) return Status::Ok();  // nothing new to write

  const uint64_t last = g.next_position - 1;
  g.batch.Put(meta, storage::kHeadKey, storage::EncodeHead(last, g.last_hash));
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;
  Status s = FromRocks(db->Write(write_options, &g.batch), "writing to the log in " + dir);
  if (!s.ok()) return s;
  last_recorded_us = g.recorded_us;
  *new_head = Head{last, g.last_hash};
  return Status::Ok();
}

Result<std::optional<Log::Impl::Pending>> Log::Impl::FindEventId(const EventId& id, Group& g) {
  if (auto it = g.ids.find(id); it != g.ids.end()) return std::optional<Pending>(it->second);
  rocksdb::PinnableSlice value;
  auto s = db->Get({}, ids, AsSlice(storage::EventIdKey(id)), &value);
  if (s.IsNotFound()) return std::optional<Pending>();
  if (!s.ok()) return FromRocks(s, "looking up event id " + Describe(id));
  const uint64_t position = storage::DecodePosition(value.ToStringView());
  auto event = ReadAt(position, {});
  if (!event.ok()) return event.status();
  g.found_streams.emplace_back(event->stream_id());
  Pending p{position, g.found_streams.back(), event->stream_version()};
  g.ids[id] = p;  // so a second writer retrying the same id does not read it again
  return std::optional<Pending>(p);
}

Result<std::vector<AppendResult>> Log::Impl::Decide(Writer& w, Group& g) {
  // First check every part against the log and the group so far; only then write any, so
  // that a refused part leaves nothing of the others behind.
  const auto& parts = *w.parts;
  std::vector<std::vector<std::optional<Pending>>> found(parts.size());
  size_t events = 0, found_count = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    for (const NewEvent& e : parts[p].events) {
      auto f = FindEventId(e.id, g);
      if (!f.ok()) return f.status();
      found[p].push_back(*f);
      found_count += f->has_value();
      ++events;
    }
  }
  if (found_count == events) return Retry(w, found);
  if (found_count > 0) {
    for (size_t p = 0; p < parts.size(); ++p) {
      for (size_t i = 0; i < found[p].size(); ++i) {
        if (!found[p][i]) continue;
        return Status::InvalidArgument(
            "event id " + Describe(parts[p].events[i].id) + " is already in the log at position " +
            std::to_string(found[p][i]->position) + ", but other events of the batch are not: " +
            "retry a batch unchanged, or give new events new ids");
      }
    }
  }
  std::vector<uint64_t> versions;
  for (const StreamAppend& part : parts) {
    uint64_t version = 0;
    if (auto it = g.versions.find(part.stream); it != g.versions.end()) {
      version = it->second;
    } else {
      auto v = WrittenVersion(part.stream);
      if (!v.ok()) return v.status();
      version = *v;
    }
    if (!part.expected.Matches(version)) {
      return Status::Conflict("stream '" + part.stream + "' is at " +
                              ExpectedVersion::Exactly(version).ToString() +
                              ", but the append expected " + part.expected.ToString());
    }
    versions.push_back(version);
  }

  std::vector<AppendResult> results;
  for (size_t p = 0; p < parts.size(); ++p) {
    const StreamAppend& part = parts[p];
    uint64_t version = versions[p];
    AppendResult result;
    for (const NewEvent& e : part.events) {
      const uint64_t position = g.next_position++;
      ++version;
      auto bytes = Envelope(e, part.stream, position, version, g);
      g.last_hash = Sha256({bytes.asBytes().begin(), bytes.asBytes().size()});
      const std::string key = storage::PositionKey(position);
      g.batch.Put(this->events, key,
                  rocksdb::Slice(reinterpret_cast<const char*>(bytes.asBytes().begin()),
                                 bytes.asBytes().size()));
      g.batch.Put(streams, storage::StreamKey(part.stream, version), key);
      g.batch.Put(ids, AsSlice(storage::EventIdKey(e.id)), key);
      g.ids[e.id] = Pending{position, part.stream, version};
      result.positions.push_back(position);
    }
    g.batch.Put(streams, storage::StreamHeadKey(part.stream), storage::PositionKey(version));
    g.versions[part.stream] = version;
    result.stream_version = version;
    results.push_back(std::move(result));
  }
  return results;
}

kj::Array<capnp::word> Log::Impl::Envelope(const NewEvent& e, std::string_view stream,
                                           uint64_t position, uint64_t version, const Group& g) {
  capnp::MallocMessageBuilder message(e.body.words().size() + 64);
  auto env = message.initRoot<schema::Event>();
  env.setPosition(position);
  env.setStreamId(capnp::Text::Reader(stream.data(), stream.size()));
  env.setStreamVersion(version);
  env.setEventId(capnp::Data::Reader(e.id.data, sizeof e.id.data));
  env.setSchemaVersion(kSchemaVersion);
  env.setRecordedAtUs(g.recorded_us);
  auto actor = env.initActor();
  actor.setUserId(e.actor.user_id);
  actor.setRole(e.actor.role);
  env.setCausationId(capnp::Data::Reader(e.causation_id.data, sizeof e.causation_id.data));
  env.setCorrelationId(capnp::Data::Reader(e.correlation_id.data, sizeof e.correlation_id.data));
  env.setPreviousHash(capnp::Data::Reader(g.last_hash.data(), g.last_hash.size()));
  if (e.occurred_at) env.setOccurredAtUs(ToMicros(*e.occurred_at));
  kj::ArrayPtr<const capnp::word> body_segment = e.body.words();
  capnp::SegmentArrayMessageReader body(kj::arrayPtr(&body_segment, 1));
  env.setBody(body.getRoot<schema::Body>());
  return capnp::canonicalize(env.asReader());
}

// Every event id of the append is already in the log: it is a retry. It is answered with
// the original positions when those events are in the same streams; nothing is written.
Result<std::vector<AppendResult>> Log::Impl::Retry(
    Writer& w, const std::vector<std::vector<std::optional<Pending>>>& found) {
  std::vector<AppendResult> results;
  for (size_t p = 0; p < found.size(); ++p) {
    const StreamAppend& part = (*w.parts)[p];
    AppendResult result;
    result.already_present = true;
    for (size_t i = 0; i < found[p].size(); ++i) {
      const Pending& pending = *found[p][i];
      if (pending.stream != part.stream) {
        return Status::Conflict("event id " + Describe(part.events[i].id) +
                                " is already in the log at position " +
                                std::to_string(pending.position) + " in stream '" +
                                std::string(pending.stream) + "', not in '" + part.stream + "'");
      }
      result.positions.push_back(pending.position);
      result.stream_version = std::max(result.stream_version, pending.version);
    }
    results.push_back(std::move(result));
  }
  return results;
}

Result<uint64_t> Log::Impl::WrittenVersion(std::string_view stream) const {
  rocksdb::PinnableSlice value;
  auto s = db->Get({}, streams, storage::StreamHeadKey(stream), &value);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return FromRocks(s, "reading stream '" + std::string(stream) + "'");
  return storage::DecodePosition(value.ToStringView());
}

Result<uint64_t> Log::Impl::PositionOf(std::string_view stream, uint64_t version) const {
  rocksdb::PinnableSlice value;
  auto s = db->Get({}, streams, storage::StreamKey(stream, version), &value);
  if (s.IsNotFound()) {
    return Status::Corruption("stream '" + std::string(stream) + "' has no version " +
                              std::to_string(version) + " in the index");
  }
  if (!s.ok()) return FromRocks(s, "reading stream '" + std::string(stream) + "'");
  return storage::DecodePosition(value.ToStringView());
}

Result<RecordedEvent> Log::Impl::ReadAt(uint64_t position, const rocksdb::ReadOptions& ro) const {
  rocksdb::PinnableSlice value;
  auto s = db->Get(ro, events, storage::PositionKey(position), &value);
  if (s.IsNotFound()) {
    return Status::Corruption("the event at position " + std::to_string(position) +
                              " is missing from the log");
  }
  if (!s.ok()) return FromRocks(s, "reading position " + std::to_string(position));
  return RecordedEvent::Decode(position, value.ToStringView());
}

Status Log::Impl::ScanRange(uint64_t from, uint64_t to, const rocksdb::ReadOptions& ro,
                            const std::function<bool(RecordedEvent&)>& visit) const {
  if (from == 0) from = 1;
  if (from > to) return Status::Ok();
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, events));
  uint64_t expected = from;
  RecordedEvent event;  // reused from one position to the next (unless `visit` moves it)
  for (it->Seek(storage::PositionKey(from)); it->Valid() && expected <= to; it->Next(), ++expected) {
    const uint64_t position = storage::DecodePosition(it->key().ToStringView());
    if (position != expected) {
      return Status::Corruption("position " + std::to_string(expected) + " is missing from the log");
    }
    JEM_RETURN_IF_ERROR(event.Assign(position, it->value().ToStringView()));
    if (!visit(event)) return Status::Ok();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the log");
  if (expected <= to) {
    return Status::Corruption("position " + std::to_string(expected) + " is missing from the log");
  }
  return Status::Ok();
}

Result<std::vector<RecordedEvent>> Log::ReadAll(uint64_t from_position, size_t max_count) const {
  std::vector<RecordedEvent> out;
  const uint64_t head = this->head().position;
  if (max_count == 0) return out;
  const uint64_t from = std::max<uint64_t>(from_position, 1);
  const uint64_t to = std::min(head, from + max_count - 1);
  Status s = impl_->ScanRange(from, to, {}, [&](RecordedEvent& e) {
    out.push_back(std::move(e));
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

Status Log::Scan(uint64_t from_position, const std::function<bool(const RecordedEvent&)>& visit) const {
  rocksdb::ReadOptions ro;
  ro.readahead_size = 2 << 20;
  return impl_->ScanRange(from_position, head().position, ro,
                          [&](RecordedEvent& e) { return visit(e); });
}

Result<std::vector<RecordedEvent>> Log::ReadStream(std::string_view stream, uint64_t from_version,
                                                   size_t max_count) const {
  JEM_RETURN_IF_ERROR(ValidateStreamId(stream));
  std::vector<RecordedEvent> out;
  const uint64_t head = this->head().position;
  const std::string prefix = storage::StreamPrefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->streams));
  for (it->Seek(storage::StreamKey(stream, std::max<uint64_t>(from_version, 1)));
       it->Valid() && it->key().starts_with(prefix) && out.size() < max_count; it->Next()) {
    const uint64_t position = storage::DecodePosition(it->value().ToStringView());
    if (position > head) break;  // written by a group whose sync has not returned yet
    auto event = impl_->ReadAt(position, {});
    if (!event.ok()) return event.status();
    out.push_back(std::move(event.value()));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading stream '" + std::string(stream) + "'");
  return out;
}

Status Log::PutCheckpoint(const std::vector<std::pair<std::string, std::string>>& entries) {
  rocksdb::WriteBatch batch;
  for (const auto& [name, value] : entries) batch.Put(impl_->checkpoints, name, value);
  // Not synced: a checkpoint lost in a crash is rebuilt from the log.
  return FromRocks(impl_->db->Write({}, &batch), "writing a checkpoint");
}

Status Log::ScanCheckpoint(std::string_view prefix,
                           const std::function<Status(std::string_view, std::string_view)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->checkpoints));
  for (it->Seek(AsSlice(prefix)); it->Valid() && it->key().starts_with(AsSlice(prefix)); it->Next()) {
    JEM_RETURN_IF_ERROR(visit(it->key().ToStringView(), it->value().ToStringView()));
  }
  return FromRocks(it->status(), "reading a checkpoint");
}

Result<std::optional<std::string>> Log::GetCheckpoint(std::string_view name) const {
  std::string value;
  auto s = impl_->db->Get({}, impl_->checkpoints, AsSlice(name), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading checkpoint '" + std::string(name) + "'");
  return std::optional<std::string>(std::move(value));
}

Status Log::DeleteCheckpoints() {
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->checkpoints));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) batch.Delete(impl_->checkpoints, it->key());
  if (!it->status().ok()) return FromRocks(it->status(), "listing checkpoints");
  return FromRocks(impl_->db->Write({}, &batch), "deleting checkpoints");
}

Result<std::vector<std::string>> Log::ListStreams(std::string_view prefix) const {
  std::vector<std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->streams));
  // Each stream's head key (its id and 0x00) sorts before its version keys.
  for (it->Seek(AsSlice(prefix)); it->Valid() && it->key().starts_with(AsSlice(prefix)); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    if (key.find('\0') == key.size() - 1) out.emplace_back(key.substr(0, key.size() - 1));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "listing streams");
  return out;
}

Result<std::optional<uint64_t>> Log::Find(const EventId& id) const {
  const uint64_t head = this->head().position;
  rocksdb::PinnableSlice value;
  auto s = impl_->db->Get({}, impl_->ids, AsSlice(storage::EventIdKey(id)), &value);
  if (s.IsNotFound()) return std::optional<uint64_t>();
  if (!s.ok()) return FromRocks(s, "looking up event id " + Describe(id));
  const uint64_t position = storage::DecodePosition(value.ToStringView());
  // Written by a group whose sync has not returned yet: not there as far as readers know.
  if (position > head) return std::optional<uint64_t>();
  return std::optional<uint64_t>(position);
}

Result<uint64_t> Log::StreamVersion(std::string_view stream) const {
  JEM_RETURN_IF_ERROR(ValidateStreamId(stream));
  const uint64_t head = this->head().position;
  auto written = impl_->WrittenVersion(stream);
  if (!written.ok()) return written;
  // The newest versions may belong to a group still syncing: count back to acknowledged ones.
  for (uint64_t version = *written; version > 0; --version) {
    auto position = impl_->PositionOf(stream, version);
    if (!position.ok()) return position.status();
    if (*position <= head) return version;
  }
  return uint64_t{0};
}

Head Log::head() const {
  std::lock_guard lock(impl_->mu);
  return impl_->head;
}

Result<LogStats> Log::Stats() const {
  LogStats stats;
  stats.head = head();
  stats.event_count = stats.head.position;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(impl_->dir, ec)) {
    if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
  }
  if (ec) return Status::IOError("measuring " + impl_->dir + ": " + ec.message());
  return stats;
}

Result<VerifyReport> Log::Verify() const {
  // One snapshot, so appends running meanwhile neither shift the head nor half-appear.
  const rocksdb::Snapshot* snapshot = impl_->db->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{impl_->db.get(), snapshot};
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;

  Head recorded;
  std::string head_value;
  auto s = impl_->db->Get(ro, impl_->meta, storage::kHeadKey, &head_value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the head");
  VerifyReport report;
  if (s.ok() && !storage::DecodeHead(head_value, &recorded.position, &recorded.hash)) {
    report.bad_position = 0;
    report.problem = "the head record is malformed";
    return report;
  }

  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  Hash previous{};
  uint64_t expected = 1;
  RecordedEvent event;  // reused from one position to the next
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    const uint64_t position = storage::DecodePosition(it->key().ToStringView());
    auto fail = [&](std::string problem) -> Result<VerifyReport> {
      report.bad_position = expected;
      report.problem = std::move(problem);
      return report;
    };
    if (position != expected) {
      return fail("position " + std::to_string(expected) + " is missing; the next stored event is at " +
                  std::to_string(position));
    }
    if (position > recorded.position) {
      return fail("an event is stored after the recorded head (position " +
                  std::to_string(recorded.position) + ")");
    }
    Status decoded = event.Assign(position, it->value().ToStringView());
    if (!decoded.ok()) return fail(decoded.message());
    if (event.previous_hash() != previous) {
      return fail("its previous-hash is " + ToHex(event.previous_hash()) +
                  " but the event before it hashes to " + ToHex(previous));
    }
    previous = event.hash();
    ++report.events_checked;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the log");
  if (expected <= recorded.position) {
    report.bad_position = expected;
    report.problem = "the head is at position " + std::to_string(recorded.position) +
                     " but the log ends before it";
  } else if (recorded.position > 0 && previous != recorded.hash) {
    report.bad_position = recorded.position;
    report.problem = "the event hashes to " + ToHex(previous) + " but the head records " +
                     ToHex(recorded.hash) + ": it was altered after it was written";
  }
  return report;
}

std::unique_ptr<Subscription> Log::Subscribe(uint64_t from_position) const {
  return std::unique_ptr<Subscription>(new Subscription(this, std::max<uint64_t>(from_position, 1)));
}

Result<std::vector<RecordedEvent>> Subscription::Next(size_t max_count, std::chrono::milliseconds wait) {
  {
    std::unique_lock lock(log_->impl_->mu);
    log_->impl_->head_changed.wait_for(lock, wait, [&] {
      return cancelled_.load() || log_->impl_->head.position >= next_;
    });
    if (cancelled_.load()) return std::vector<RecordedEvent>();
  }
  // Reading by position from the store makes the hand-over exact: whatever the head covers
  // is durable and readable, so nothing is missed or repeated between catch-up and live.
  auto events = log_->ReadAll(next_, max_count);
  if (events.ok() && !events->empty()) next_ = events->back().position() + 1;
  return events;
}

void Subscription::Cancel() {
  cancelled_.store(true);
  std::lock_guard lock(log_->impl_->mu);
  log_->impl_->head_changed.notify_all();
}

}  // namespace jem
