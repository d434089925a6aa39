// jem-bench verify: a full Log::Verify (chain, Merkle tree, indexes) against the least any
// verifier must do, SHA-256 of the same stored bytes read with RocksDB alone; and proofs at
// the log's full size against a point read of one event.
#include <algorithm>
#include <iostream>
#include <random>

#include "events/storage.h"
#include "events/tree.h"
#include "events/verify.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr int kRounds = 3;        // best of, for each side, alternating
constexpr int kProofs = 10000;    // proofs timed, at random positions

// Reads every stored event with RocksDB alone and hashes it: the peer of a verification.
Result<Figures> HashStoredBytes(const std::string& dir) {
  JEM_ASSIGN_OR_RETURN(auto raw, storage::RawLogDb::Open(dir, /*read_only=*/true));
  Figures f;
  uint8_t fold = 0;
  f.seconds = TimeSeconds([&] {
    std::unique_ptr<rocksdb::Iterator> it(raw->db().NewIterator({}, raw->events()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      fold ^= Sha256({reinterpret_cast<const uint8_t*>(it->value().data()), it->value().size()})[0];
      ++f.operations;
    }
  });
  if (f.operations == 0) return Status::Corruption("the bare scan read nothing");
  (void)fold;
  return f;
}

Result<Figures> VerifyLog(const std::string& dir) {
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(dir, {}));
  Figures f;
  Result<VerifyReport> report = Status::FailedPrecondition("not run");
  f.seconds = TimeSeconds([&] { report = VerifyLog(*log); });
  if (!report.ok()) return report.status();
  if (!report->ok()) return Status::Corruption("the benchmark's log does not verify: " + report->problem);
  f.operations = report->events_checked;
  return f;
}

// Times `prove(position)` and, alternately, a point read of the same event.
template <typename Prove>
Result<std::pair<Figures, Figures>> TimeProofs(const Log& log, Prove prove) {
  std::mt19937_64 random(14);
  const uint64_t size = log.head().position;
  Figures proofs, reads;
  for (int i = 0; i < kProofs; ++i) {
    const uint64_t position = 1 + random() % size;
    double start = NowMs();
    JEM_RETURN_IF_ERROR(prove(position));
    proofs.latencies_ms.push_back(NowMs() - start);
    start = NowMs();
    JEM_RETURN_IF_ERROR(log.ReadAll(position, 1).status());
    reads.latencies_ms.push_back(NowMs() - start);
  }
  for (Figures* f : {&proofs, &reads}) {
    f->operations = kProofs;
    for (double ms : f->latencies_ms) f->seconds += ms / 1000;
  }
  return std::pair(proofs, reads);
}

}  // namespace

int VerifyBench(uint64_t events, bool json) {
  auto fail = [](const Status& s) {
    std::cerr << "jem-bench: " << s.ToString() << "\n";
    return 1;
  };
  ScratchDir dir("verify");
  double fill_seconds = 0;
  {
    auto log = Log::Open(dir.path(), {});
    if (!log.ok()) return fail(log.status());
    Status s;
    fill_seconds = TimeSeconds([&] { s = FillLog(**log, events, std::max<uint64_t>(1, events / 20)); });
    if (!s.ok()) return fail(s);
  }
  Figures best_verify, best_hash;
  for (int round = 0; round < kRounds; ++round) {
    auto hashed = HashStoredBytes(dir.path());
    if (!hashed.ok()) return fail(hashed.status());
    auto verified = VerifyLog(dir.path());
    if (!verified.ok()) return fail(verified.status());
    if (round == 0 || verified->per_second() > best_verify.per_second()) best_verify = *verified;
    if (round == 0 || hashed->per_second() > best_hash.per_second()) best_hash = *hashed;
  }
  auto log = Log::Open(dir.path(), {});
  if (!log.ok()) return fail(log.status());
  const uint64_t size = (*log)->head().position;
  auto inclusion = TimeProofs(**log, [&](uint64_t p) { return LogTree(*(*log)).InclusionProof(p, size).status(); });
  if (!inclusion.ok()) return fail(inclusion.status());
  auto consistency = TimeProofs(**log, [&](uint64_t p) { return LogTree(*(*log)).ConsistencyProof(p, size).status(); });
  if (!consistency.ok()) return fail(consistency.status());
  auto& [inclusion_proofs, inclusion_reads] = *inclusion;
  auto& [consistency_proofs, consistency_reads] = *consistency;
  Print(nlohmann::ordered_json{
            {"benchmark", "verify"},
            {"events", events},
            {"fill_events_per_s", double(events) / fill_seconds},
            {"verify_events_per_s", best_verify.per_second()},
            {"sha256_of_stored_bytes_events_per_s", best_hash.per_second()},
            {"ratio_vs_sha256", best_verify.per_second() / best_hash.per_second()},
            {"inclusion_proof_ms_p50", inclusion_proofs.quantile_ms(0.5)},
            {"inclusion_proof_ms_p99", inclusion_proofs.quantile_ms(0.99)},
            {"point_read_ms_p50", inclusion_reads.quantile_ms(0.5)},
            {"inclusion_proof_vs_point_read", inclusion_proofs.quantile_ms(0.5) / inclusion_reads.quantile_ms(0.5)},
            {"consistency_proof_ms_p50", consistency_proofs.quantile_ms(0.5)},
            {"consistency_proof_ms_p99", consistency_proofs.quantile_ms(0.99)},
        },
        json);
  return 0;
}

}  // namespace jem::bench
