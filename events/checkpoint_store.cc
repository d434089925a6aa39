#include "events/checkpoint_store.h"

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {

Status CheckpointStore::Put(uint64_t size, std::string_view note) const {
  rocksdb::WriteOptions synced;
  synced.sync = true;
  return FromRocks(log_.impl_->db->Put(synced, log_.impl_->signed_checkpoints, storage::PositionKey(size),
                                  AsSlice(note)),
                   "keeping the signed checkpoint of " + std::to_string(size) + " events");
}

Result<std::optional<std::string>> CheckpointStore::Get(uint64_t size) const {
  std::string value;
  auto s = log_.impl_->db->Get({}, log_.impl_->signed_checkpoints, storage::PositionKey(size), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading the signed checkpoint of " + std::to_string(size) + " events");
  return std::optional<std::string>(std::move(value));
}

Result<std::optional<std::string>> CheckpointStore::Latest() const {
  std::unique_ptr<rocksdb::Iterator> it(log_.impl_->db->NewIterator({}, log_.impl_->signed_checkpoints));
  it->SeekToLast();
  if (it->Valid()) return std::optional<std::string>(it->value().ToString());
  JEM_RETURN_IF_ERROR(FromRocks(it->status(), "reading the latest signed checkpoint"));
  return std::optional<std::string>();
}

Status CheckpointStore::Scan(const std::function<bool(uint64_t, std::string_view)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(log_.impl_->db->NewIterator({}, log_.impl_->signed_checkpoints));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!visit(storage::DecodePosition(it->key().ToStringView()), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "reading the signed checkpoints");
}

}  // namespace jem
