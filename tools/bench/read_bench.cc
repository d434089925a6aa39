// jem-bench read: a full scan of the log, each event decoded and checked, against a bare
// RocksDB iteration over the same keys and values.
#include <iostream>
#include <memory>

#include "events/storage.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr int kRounds = 3;  // best of, for each side, alternating

// Iterates the events column family of the closed log in `dir` with RocksDB alone.
Result<Figures> ScanRocksDb(const std::string& dir) {
  JEM_ASSIGN_OR_RETURN(auto raw, storage::RawLogDb::Open(dir, /*read_only=*/true));
  Figures f;
  uint64_t bytes = 0;
  f.seconds = TimeSeconds([&] {
    std::unique_ptr<rocksdb::Iterator> it((raw)->db().NewIterator({}, (raw)->events()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->key().size() + it->value().size();
      ++f.operations;
    }
  });
  if (bytes == 0) return Status::Corruption("the bare scan read nothing");
  return f;
}

// Scans through the log's API: every event decoded, bounds-checked and version-checked.
Result<Figures> ScanJem(const std::string& dir) {
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(dir, {}));
  Figures f;
  uint64_t versions = 0;
  Status s;
  f.seconds = TimeSeconds([&] {
    s = (log)->Scan(1, [&](const RecordedEvent& e) {
      versions += e.stream_version();
      ++f.operations;
      return true;
    });
  });
  if (!s.ok()) return s;
  if (versions == 0) return Status::Corruption("the jem scan read nothing");
  return f;
}

}  // namespace

int ReadBench(uint64_t events, bool json) {
  ScratchDir dir("read");
  double fill_seconds = 0;
  {
    auto log = Log::Open(dir.path(), {});
    if (!log.ok()) {
      std::cerr << "jem-bench: " << log.status().ToString() << "\n";
      return 1;
    }
    Status s;
    fill_seconds = TimeSeconds([&] { s = FillLog(**log, events, std::max<uint64_t>(1, events / 20)); });
    if (!s.ok()) {
      std::cerr << "jem-bench: filling the log: " << s.ToString() << "\n";
      return 1;
    }
  }
  Figures best_jem, best_rocks;
  for (int round = 0; round < kRounds; ++round) {
    auto rocks = ScanRocksDb(dir.path());
    auto jem = ScanJem(dir.path());
    if (!rocks.ok() || !jem.ok()) {
      std::cerr << "jem-bench: " << (rocks.ok() ? jem.status() : rocks.status()).ToString() << "\n";
      return 1;
    }
    if (jem->operations != events || rocks->operations != events) {
      std::cerr << "jem-bench: scanned " << jem->operations << " events with jem and "
                << rocks->operations << " with RocksDB, expected " << events << "\n";
      return 1;
    }
    if (round == 0 || jem->per_second() > best_jem.per_second()) best_jem = *jem;
    if (round == 0 || rocks->per_second() > best_rocks.per_second()) best_rocks = *rocks;
  }
  Print(nlohmann::ordered_json{
            {"benchmark", "read"},
            {"events", events},
            {"fill_events_per_s", double(events) / fill_seconds},
            {"events_per_s", best_jem.per_second()},
            {"rocksdb_events_per_s", best_rocks.per_second()},
            {"ratio_vs_rocksdb", best_jem.per_second() / best_rocks.per_second()},
        },
        json);
  return 0;
}

}  // namespace jem::bench
