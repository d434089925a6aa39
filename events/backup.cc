#include "events/backup.h"

#include <filesystem>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "events/log_impl.h"
#include "events/storage.h"
#include "events/verify.h"

namespace jem {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBatchBytes = 4 << 20;

Status EmptyOrAbsent(const std::string& dir, std::string_view what) {
  std::error_code ec;
  if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))) {
    return Status::InvalidArgument(std::string(what) + " " + dir + " is not empty; give a new directory");
  }
  return Status::Ok();
}

uint64_t SizeOf(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  return bytes;
}

// A RocksDB database and its column families, closed in order.
struct Database {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  Status Close() {
    for (auto* f : families) db->DestroyColumnFamilyHandle(f);
    families.clear();
    if (!db) return Status::Ok();
    Status s = FromRocks(db->Close(), "closing a copy of the log");
    db.reset();
    return s;
  }
  ~Database() { (void)Close(); }
};

}  // namespace

Result<BackupReport> BackupLog(const std::string& data_dir, const std::string& backup_dir) {
  JEM_RETURN_IF_ERROR(EmptyOrAbsent(backup_dir, "the backup directory"));
  std::error_code ec;
  if (!fs::exists(fs::path(data_dir) / "CURRENT", ec)) {
    return Status::NotFound("there is no jem log in " + data_dir);
  }
  const std::vector<std::string> names = storage::FamilyNames();
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) descriptors.push_back({name, {}});

  // The secondary's own files (its info log) go in a scratch directory beside the backup.
  const std::string scratch = backup_dir + ".secondary";
  fs::remove_all(scratch, ec);
  Database source;
  {
    rocksdb::Options options;
    options.max_open_files = -1;  // a secondary must keep every table open
    rocksdb::DB* db = nullptr;
    auto s = rocksdb::DB::OpenAsSecondary(options, data_dir, scratch, descriptors, &source.families, &db);
    if (!s.ok()) return FromRocks(s, "opening " + data_dir + " to back it up");
    source.db.reset(db);
    JEM_RETURN_IF_ERROR(FromRocks(source.db->TryCatchUpWithPrimary(), "catching up with " + data_dir));
  }

  rocksdb::Options target_options;
  target_options.create_if_missing = true;
  target_options.create_missing_column_families = true;
  Database backup;
  rocksdb::DB* raw_target = nullptr;
  auto s = rocksdb::DB::Open(target_options, backup_dir, descriptors, &backup.families, &raw_target);
  if (!s.ok()) return FromRocks(s, "creating the backup in " + backup_dir);
  backup.db.reset(raw_target);
  rocksdb::DB* target = raw_target;
  const auto& targets = backup.families;

  // A secondary moves only when told to catch up: every family is copied as of one moment.
  const rocksdb::ReadOptions ro;
  Status copied;
  for (size_t f = 0; f < names.size() && copied.ok(); ++f) {
    if (names[f] == storage::kViewsCacheFamily) continue;  // caches, rebuilt from the events
    std::unique_ptr<rocksdb::Iterator> it(source.db->NewIterator(ro, source.families[f]));
    rocksdb::WriteBatch batch;
    for (it->SeekToFirst(); it->Valid() && copied.ok(); it->Next()) {
      batch.Put(targets[f], it->key(), it->value());
      if (batch.GetDataSize() > kBatchBytes) {
        copied = FromRocks(target->Write({}, &batch), "writing the backup");
        batch.Clear();
      }
    }
    if (copied.ok()) copied = FromRocks(it->status(), "reading " + data_dir);
    if (copied.ok()) copied = FromRocks(target->Write({}, &batch), "writing the backup");
  }
  JEM_RETURN_IF_ERROR(copied);
  JEM_RETURN_IF_ERROR(FromRocks(target->FlushWAL(/*sync=*/true), "syncing the backup"));
  rocksdb::FlushOptions flush;
  JEM_RETURN_IF_ERROR(FromRocks(target->Flush(flush, targets), "flushing the backup"));

  BackupReport report;
  std::string head;
  if (target->Get({}, targets[0], storage::kHeadKey, &head).ok()) {
    Hash hash;
    storage::DecodeHead(head, &report.events, &hash);
  }
  JEM_RETURN_IF_ERROR(backup.Close());
  JEM_RETURN_IF_ERROR(source.Close());
  fs::remove_all(scratch, ec);
  report.bytes = SizeOf(backup_dir);
  return report;
}

Result<std::unique_ptr<Log>> RestoreLog(const std::string& backup_dir, const std::string& data_dir) {
  JEM_RETURN_IF_ERROR(EmptyOrAbsent(data_dir, "the data directory"));
  std::error_code ec;
  if (!fs::exists(fs::path(backup_dir) / "CURRENT", ec)) {
    return Status::NotFound(backup_dir + " holds no backup (make one with `jem backup DIR`)");
  }
  fs::create_directories(data_dir, ec);
  fs::copy(backup_dir, data_dir, fs::copy_options::recursive, ec);
  if (ec) return Status::IOError("copying " + backup_dir + " to " + data_dir + ": " + ec.message());
  LogOptions options;
  options.create_if_missing = false;
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(data_dir, options));
  JEM_ASSIGN_OR_RETURN(auto report, VerifyLog(*log));
  if (!report.ok()) {
    return Status::Corruption("the restored log in " + data_dir + " is damaged at position " +
                              std::to_string(*report.bad_position) + ": " + report.problem);
  }
  return log;
}

}  // namespace jem
