// jem-bench append: durable appends through the log's public API against bare RocksDB
// (one synced WriteBatch per event from N writer threads), the physical limit of the design.
#include <atomic>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <rocksdb/db.h>

#include "events/storage.h"
#include "tools/bench/bench.h"
#include "tools/bench/postgres_peer.h"

namespace jem::bench {
namespace {

constexpr uint64_t kWarmup = 64;

// Runs `appenders` threads that together call `append(thread, i)` `events` times, recording
// each call's latency. `append` returns false on failure, which stops the run.
template <typename AppendOne>
Result<Figures> RunThreads(int appenders, uint64_t events, AppendOne&& append) {
  Figures f;
  f.operations = events;
  std::vector<std::vector<double>> latencies(appenders);
  std::atomic<bool> failed{false};
  f.seconds = TimeSeconds([&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < appenders; ++t) {
      threads.emplace_back([&, t] {
        latencies[t].reserve(events / appenders + 1);
        for (uint64_t i = uint64_t(t); i < events && !failed; i += uint64_t(appenders)) {
          const double start = NowMs();
          if (!append(t, i)) failed = true;
          latencies[t].push_back(NowMs() - start);
        }
      });
    }
    for (auto& th : threads) th.join();
  });
  if (failed) return Status::IOError("an append failed during the run");
  for (auto& l : latencies) f.latencies_ms.insert(f.latencies_ms.end(), l.begin(), l.end());
  return f;
}

}  // namespace

// jem: every event to a fresh stream, expecting no stream, as a command creating an action would.
Result<Figures> AppendThroughLog(int appenders, uint64_t events, const std::string& text, size_t* stored_bytes) {
  ScratchDir dir("append-jem");
  JEM_ASSIGN_OR_RETURN(auto opened, Log::Open(dir.path(), {}));
  Log& log = *opened;
  Status error;
  auto append = [&](const std::string& stream) {
    std::vector<NewEvent> batch;
    batch.push_back(NewEvent{NewEventId(), Actor{"bench", "officer"}, {}, {}, EventBody::Note(text)});
    auto r = log.Append(stream, ExpectedVersion::NoStream(), std::move(batch));
    if (!r.ok()) error = r.status();
    return r.ok();
  };
  for (uint64_t i = 0; i < kWarmup; ++i) append("warmup-" + std::to_string(i));
  auto before = log.Stats();
  auto f = RunThreads(appenders, events, [&](int, uint64_t i) {
    return append("action-" + std::to_string(i));
  });
  if (!error.ok()) return error;
  auto after = log.Stats();
  if (!before.ok() || !after.ok()) return before.ok() ? after.status() : before.status();
  if (f.ok()) f->appends_per_sync = AppendsPerSync(*before, *after);
  JEM_ASSIGN_OR_RETURN(auto first, log.ReadAll(1, 1));
  *stored_bytes = (first)[0].bytes().size();
  return f;
}

namespace {

// Bare RocksDB: the same number of values of the same size, one synced WriteBatch each.
Result<Figures> RunRocksDb(int appenders, uint64_t events, size_t value_bytes) {
  ScratchDir dir("append-rocksdb");
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(options, dir.path(), &raw);
  if (!s.ok()) return Status::IOError(s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  const std::string value(value_bytes, 'v');
  rocksdb::WriteOptions synced;
  synced.sync = true;
  auto put = [&](uint64_t key) {
    rocksdb::WriteBatch batch;
    batch.Put(storage::PositionKey(key), value);
    return db->Write(synced, &batch).ok();
  };
  for (uint64_t i = 0; i < kWarmup; ++i) put(~i);
  return RunThreads(appenders, events, [&](int, uint64_t i) { return put(i); });
}

}  // namespace

int AppendBench(int appenders, uint64_t events, int rounds, bool json, const std::string& peer) {
  const std::string text = PayloadText(300);
  size_t stored_bytes = 0;
  // Rounds alternate between the two so that neither always runs on a colder or busier
  // disk; each side reports its best round.
  std::optional<Figures> jem, rocks;
  for (int round = 0; round < rounds; ++round) {
    auto j = AppendThroughLog(appenders, events, text, &stored_bytes);
    if (!j.ok()) {
      std::cerr << "jem-bench: " << j.status().ToString() << "\n";
      return 1;
    }
    auto r = RunRocksDb(appenders, events, stored_bytes);
    if (!r.ok()) {
      std::cerr << "jem-bench: bare RocksDB: " << r.status().ToString() << "\n";
      return 1;
    }
    if (!jem || j->per_second() > jem->per_second()) jem = std::move(j.value());
    if (!rocks || r->per_second() > rocks->per_second()) rocks = std::move(r.value());
  }
  nlohmann::ordered_json out = {
      {"benchmark", "append"},
      {"appenders", appenders},
      {"events", events},
      {"rounds", rounds},
      {"payload_bytes", text.size()},
      {"stored_event_bytes", stored_bytes},
      {"events_per_s", jem->per_second()},
      {"p50_ms", jem->quantile_ms(0.50)},
      {"p99_ms", jem->quantile_ms(0.99)},
      {"appends_per_sync", jem->appends_per_sync},
      {"rocksdb_events_per_s", rocks->per_second()},
      {"rocksdb_p50_ms", rocks->quantile_ms(0.50)},
      {"rocksdb_p99_ms", rocks->quantile_ms(0.99)},
      {"ratio_vs_rocksdb", jem->per_second() / rocks->per_second()},
      {"p99_ratio_vs_rocksdb", jem->quantile_ms(0.99) / rocks->quantile_ms(0.99)},
  };
  if (peer == "postgres") {
    auto pg = RunPostgres(appenders, events, text.size());
    if (!pg.ok()) {
      std::cerr << "jem-bench: PostgreSQL peer: " << pg.status().message() << "\n";
      return 1;
    }
    out["postgres_events_per_s"] = pg->per_second();
    out["postgres_p50_ms"] = pg->quantile_ms(0.50);
    out["postgres_p99_ms"] = pg->quantile_ms(0.99);
    out["ratio_vs_postgres"] = jem->per_second() / pg->per_second();
  }
  Print(out, json);
  return 0;
}

}  // namespace jem::bench
