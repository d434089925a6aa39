#include "events/views_cache.h"

#include "events/log_impl.h"

namespace jem {

Status ViewsCache::Put(const std::vector<std::pair<std::string, std::string>>& entries) const {
  rocksdb::WriteBatch batch;
  for (const auto& [name, value] : entries) batch.Put(log_.impl_->views_cache, name, value);
  // Not synced: a cache lost in a crash is rebuilt from the log.
  return FromRocks(log_.impl_->db->Write({}, &batch), "writing the views' cache");
}

Status ViewsCache::Scan(std::string_view prefix,
                        const std::function<Status(std::string_view, std::string_view)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(log_.impl_->db->NewIterator({}, log_.impl_->views_cache));
  for (it->Seek(AsSlice(prefix)); it->Valid() && it->key().starts_with(AsSlice(prefix)); it->Next()) {
    JEM_RETURN_IF_ERROR(visit(it->key().ToStringView(), it->value().ToStringView()));
  }
  return FromRocks(it->status(), "reading the views' cache");
}

Result<std::optional<std::string>> ViewsCache::Get(std::string_view name) const {
  std::string value;
  auto s = log_.impl_->db->Get({}, log_.impl_->views_cache, AsSlice(name), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading the views' cache entry '" + std::string(name) + "'");
  return std::optional<std::string>(std::move(value));
}

Status ViewsCache::Clear() const {
  std::unique_ptr<rocksdb::Iterator> it(log_.impl_->db->NewIterator({}, log_.impl_->views_cache));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) batch.Delete(log_.impl_->views_cache, it->key());
  if (!it->status().ok()) return FromRocks(it->status(), "listing the views' cache");
  return FromRocks(log_.impl_->db->Write({}, &batch), "deleting the views' cache");
}

}  // namespace jem
