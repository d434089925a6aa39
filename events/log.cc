#include "events/log.h"

#include <algorithm>
#include <filesystem>

#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <spdlog/spdlog.h>

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxStreamIdBytes = 256;

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
Log::Impl::~Impl() {
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  if (db) {
    rocksdb::Status s = db->Close();
    if (!s.ok()) spdlog::warn("closing the log in {}: {}", dir, s.ToString());
  }
}

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
  JEM_ASSIGN_OR_RETURN(auto lock, DirLock::Acquire(dir));
  impl->lock = std::move(lock);

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
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : storage::FamilyNames()) {
    const bool looked_up = name == storage::kStreamsFamily || name == storage::kEventIdsFamily;
    descriptors.push_back({name, looked_up ? lookup_options : rocksdb::ColumnFamilyOptions()});
  }
  rocksdb::DB* db = nullptr;
  auto s = rocksdb::DB::Open(db_options, dir, descriptors, &impl->handles, &db);
  if (!s.ok()) return FromRocks(s, "opening the log in " + dir);
  impl->db.reset(db);
  impl->meta = impl->handles[0];
  impl->events = impl->handles[1];
  impl->streams = impl->handles[2];
  impl->ids = impl->handles[3];
  impl->views_cache = impl->handles[4];
  impl->tree = impl->handles[5];
  impl->signed_checkpoints = impl->handles[6];

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
  JEM_RETURN_IF_ERROR(impl->LoadTree());
  spdlog::debug("opened the jem log in {} at position {}", dir, impl->head.position);
  return std::unique_ptr<Log>(new Log(std::move(impl)));
}

Head Log::head() const {
  std::lock_guard lock(impl_->mu);
  return impl_->head;
}

Result<LogStats> Log::Stats() const {
  LogStats stats;
  {
    std::lock_guard lock(impl_->mu);
    stats.head = impl_->head;
    stats.appends = impl_->appends;
    stats.groups = impl_->groups_written;
    stats.syncs = impl_->syncs;
  }
  stats.event_count = stats.head.position;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(impl_->dir, ec)) {
    if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
  }
  if (ec) return Status::IOError("measuring " + impl_->dir + ": " + ec.message());
  return stats;
}

}  // namespace jem
