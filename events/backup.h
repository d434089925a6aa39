// Backups of a log, taken while a server appends to it, and restores that are checked before
// anything uses them.
//
// A backup opens the data directory as a RocksDB secondary (no lock: the server keeps
// running), catches up with everything the server has synced, and copies that one state of
// the log (events, indexes, tree, signed checkpoints; not the projections' caches, which are
// rebuilt) into a new database in the backup directory. Every event acknowledged before the
// backup began is in it; no half of an append is.
#pragma once

#include <cstdint>
#include <string>

#include "events/log.h"

namespace jem {

struct BackupReport {
  uint64_t events = 0;  // the backup's head position
  uint64_t bytes = 0;   // its size on disk
};

// Copies the log in `data_dir` to `backup_dir`, which must not exist or be empty. Synced
// before it returns. Fails with kInvalidArgument if either directory is unfit, naming why.
Result<BackupReport> BackupLog(const std::string& data_dir, const std::string& backup_dir);

// Puts the backup in `backup_dir` into `data_dir` (which must not exist or be empty), opens
// it and verifies it (Log::Verify); returns the restored log, open, for further checks.
// On a failed verification the copy is left in `data_dir` for inspection and kCorruption
// names the position.
Result<std::unique_ptr<Log>> RestoreLog(const std::string& backup_dir, const std::string& data_dir);

}  // namespace jem
