// Shared pieces of jem-bench: scratch directories, latency figures, printing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/log.h"

namespace jem::bench {

// A scratch directory, removed on destruction unless `keep`.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Throughput and latency of one measured run.
struct Figures {
  uint64_t operations = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;  // one per operation, in any order
  double appends_per_sync = 0;       // runs of durable appends: how well group commit shares syncs

  double per_second() const { return seconds > 0 ? double(operations) / seconds : 0; }
  // The q-quantile (0..1) of the latencies, in milliseconds.
  double quantile_ms(double q);
};

// Measures wall time around `work` (benchmarks, unlike jem itself, time their own runs).
template <typename Work>
double TimeSeconds(Work&& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A steady timestamp in milliseconds, for per-operation latencies.
inline double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// `bytes` bytes of printable note text: the payload of benchmark events.
std::string PayloadText(size_t bytes);

// How many appends each WAL sync acknowledged between two readings of the log's stats.
double AppendsPerSync(const LogStats& before, const LogStats& after);

// Fills `log` with `count` 300-byte note events over `streams` streams, fast (batched).
Status FillLog(Log& log, uint64_t count, uint64_t streams);

// Prints `fields` as one JSON object, or as aligned "name  value" lines.
void Print(const nlohmann::ordered_json& fields, bool json);

// `appenders` threads appending `events` notes of `text` through Log::Append, each to a
// fresh stream; `stored_bytes` gets the size of one stored event.
Result<Figures> AppendThroughLog(int appenders, uint64_t events, const std::string& text, size_t* stored_bytes);

// `jem-bench http`: a mixed load over HTTP, and `rounds` of HTTP writes each against
// AppendThroughLog; the median round is reported. `client`: "wrk" or "httplib";
// `via_nginx`: the load goes through nginx (tools/bench/nginx_proxy.h).
int HttpBench(int clients, double seconds, int rounds, const std::string& client, bool via_nginx, bool json);

// `jem-bench web`: the board and an action's page against the JSON routes of the same records,
// `rounds` alternating rounds each, the median reported; and a first visit's CSS and JS bytes.
int WebBench(int clients, double seconds, int rounds, bool json);

// `jem-bench verify`: Log::Verify against SHA-256 of the same stored bytes (best of three
// alternating rounds), and inclusion and consistency proofs at the full size.
int VerifyBench(uint64_t events, bool json);

// `jem-bench reminders`: a scheduler tick from the due-date index against a scan of every
// open action (the same reminders, checked), best of `rounds`; the index's memory per action.
int RemindersBench(uint64_t open_actions, double overdue_share, int rounds, bool json);

// `jem-bench append`: best of `rounds` alternating runs of jem and bare RocksDB.
int AppendBench(int appenders, uint64_t events, int rounds, bool json, const std::string& peer);
// `jem-bench read`: a full decoded scan against a bare RocksDB iteration.
int ReadBench(uint64_t events, bool json);
// `jem-bench rebuild`: every view rebuilt from position 1 against a plain scan of the log.
int RebuildBench(uint64_t events, bool json);
// `jem-bench audit`: a history, a committee report as of a day on both bases, promises, and
// partners' HTTP reads with access records on against off (`rounds` alternating rounds of
// `seconds` each; the median).
int AuditBench(uint64_t events, double seconds, int rounds, bool json);

}  // namespace jem::bench
