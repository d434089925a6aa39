// The write path: validation, the group commit with its pipelined sync, the decisions on
// expected versions and retried event ids, and the envelopes of the hash chain.
#include <algorithm>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <spdlog/spdlog.h>

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {
namespace {

constexpr size_t kMaxActorFieldBytes = 256;

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

Result<AppendResult> Log::Append(std::string_view stream, ExpectedVersion expected,
                                 std::vector<NewEvent> events) {
  std::vector<StreamAppend> parts;
  parts.push_back(StreamAppend{std::string(stream), expected, std::move(events)});
  JEM_ASSIGN_OR_RETURN(auto results, AppendAtomically(std::move(parts)));
  return std::move(results.front());
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
  ++impl_->appends;
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
  if (status.ok() && after.position != base.position && sync_inline) ++impl_->syncs;
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
    ++impl_->syncs;
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
  g.edge = edge;
  for (Writer* w : group) w->result = Decide(*w, g);
  if (g.next_position == new_head->position + 1) return Status::Ok();  // nothing new to write

  const uint64_t last = g.next_position - 1;
  g.batch.Put(meta, storage::kHeadKey, storage::EncodeHead(last, g.last_hash));
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;
  Status s = FromRocks(db->Write(write_options, &g.batch), "writing to the log in " + dir);
  if (!s.ok()) return s;
  last_recorded_us = g.recorded_us;
  edge = std::move(g.edge);
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
  JEM_ASSIGN_OR_RETURN(auto event, ReadAt(position, {}));
  g.found_streams.emplace_back(event.stream_id());
  Pending p{position, g.found_streams.back(), event.stream_version()};
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
      JEM_ASSIGN_OR_RETURN(auto f, FindEventId(e.id, g));
      found[p].push_back(f);
      found_count += f.has_value();
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
      JEM_ASSIGN_OR_RETURN(auto v, WrittenVersion(part.stream));
      version = v;
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
      const std::span<const uint8_t> stored(bytes.asBytes().begin(), bytes.asBytes().size());
      g.last_hash = Sha256(stored);
      const std::string key = storage::PositionKey(position);
      g.batch.Put(this->events, key,
                  rocksdb::Slice(reinterpret_cast<const char*>(stored.data()), stored.size()));
      AddLeaf(stored, g.edge, g.batch);
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

}  // namespace jem
