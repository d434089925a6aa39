// Readers: by position, by stream, scans, stream listings, and subscriptions. Every reader
// stops at the acknowledged head, so an event still being synced is never seen.
#include <algorithm>

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {

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

namespace {

// The event at `position` from a lookup that answered `s` and `value`.
Result<RecordedEvent> Decoded(uint64_t position, const rocksdb::Status& s, const rocksdb::PinnableSlice& value) {
  if (s.IsNotFound()) {
    return Status::Corruption("the event at position " + std::to_string(position) + " is missing from the log");
  }
  if (!s.ok()) return FromRocks(s, "reading position " + std::to_string(position));
  return RecordedEvent::Decode(position, value.ToStringView());
}

}  // namespace

Result<RecordedEvent> Log::Impl::ReadAt(uint64_t position, const rocksdb::ReadOptions& ro) const {
  rocksdb::PinnableSlice value;
  auto s = db->Get(ro, events, storage::PositionKey(position), &value);
  return Decoded(position, s, value);
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
  const uint64_t head = this->head().position;
  const std::string prefix = storage::StreamPrefix(stream);
  // First the positions from the stream index, then the events in one batched lookup.
  std::vector<std::string> keys;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->streams));
  for (it->Seek(storage::StreamKey(stream, std::max<uint64_t>(from_version, 1)));
       it->Valid() && it->key().starts_with(prefix) && keys.size() < max_count; it->Next()) {
    const uint64_t position = storage::DecodePosition(it->value().ToStringView());
    if (position > head) break;  // written by a group whose sync has not returned yet
    keys.push_back(storage::PositionKey(position));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading stream '" + std::string(stream) + "'");
  std::vector<RecordedEvent> out;
  if (keys.empty()) return out;  // the usual answer when a remembered state is brought up to date
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  // A stream's versions were appended in order, so their positions (the keys) are sorted.
  impl_->db->MultiGet({}, impl_->events, keys.size(), slices.data(), values.data(), statuses.data(),
                      /*sorted_input=*/true);
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    JEM_ASSIGN_OR_RETURN(auto event, Decoded(storage::DecodePosition(keys[i]), statuses[i], values[i]));
    out.push_back(std::move(event));
  }
  return out;
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
    JEM_ASSIGN_OR_RETURN(auto position, impl_->PositionOf(stream, version));
    if (position <= head) return version;
  }
  return uint64_t{0};
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
