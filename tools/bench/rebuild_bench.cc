// jem-bench rebuild: generates a realistic log (meetings across the boroughs, each with
// actions and their updates), rebuilds every view from position 1, and compares the rate
// with a plain scan of the same log; then times a follow-up report from the live model
// and as of a day from the meeting's own streams.
#include <sys/resource.h>

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "projections/reference.h"
#include "projections/views.h"
#include "tools/bench/bench.h"
#include "tools/bench/sample_log.h"

namespace jem::bench {
namespace {

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Average milliseconds of `work` over `runs` runs.
template <typename Work>
double AverageMs(int runs, Work&& work) {
  return TimeSeconds([&] {
           for (int i = 0; i < runs; ++i) work();
         }) * 1000.0 / runs;
}

}  // namespace

int RebuildBench(uint64_t events, bool json) {
  ScratchDir dir("rebuild");
  auto opened = Log::Open(dir.path(), {});
  if (!opened.ok()) {
    std::cerr << "jem-bench: " << opened.status().ToString() << "\n";
    return 1;
  }
  Log& log = **opened;
  double fill_seconds = 0;
  if (Status filled = FillMeetings(log, events, nullptr, &fill_seconds); !filled.ok()) {
    std::cerr << "jem-bench: generating the log failed: " << filled.ToString() << "\n";
    return 1;
  }
  const uint64_t total = log.head().position;

  // The peer: a plain scan of the same log, every event decoded (what `jem-bench read` measures).
  // Three alternating rounds of each, the best of each: RocksDB compacts in the background
  // after the fill, and a single round of either can meet it.
  uint64_t scanned = 0;
  double scan_seconds = 1e9, rebuild_seconds = 1e9;
  const double rss_before = PeakRssMb();
  Result<ReadModel> model = Status::FailedPrecondition("not built");
  for (int round = 0; round < 3; ++round) {
    scanned = 0;
    scan_seconds = std::min(scan_seconds, TimeSeconds([&] {
                              (void)log.Scan(1, [&](const RecordedEvent&) {
                                ++scanned;
                                return true;
                              });
                            }));
    model = Status::FailedPrecondition("not built");
    rebuild_seconds = std::min(rebuild_seconds, TimeSeconds([&] { model = RebuildModel(log); }));
  }
  if (!model.ok() || scanned != total) {
    std::cerr << "jem-bench: rebuilding failed: " << model.status().ToString() << "\n";
    return 1;
  }
  const double rebuild_rss = PeakRssMb();
  // A meeting from the middle of the log, reported as of today (the events were recorded today).
  auto middle = model->meetings.begin();
  std::advance(middle, model->meetings.size() / 2);
  const std::string meeting = middle->first;
  const auto today = reference::DayOf(RealClock().Now());
  bool reports_ok = true;
  const double live_ms = AverageMs(200, [&] { reports_ok &= views::FollowUpReport(*model, meeting, today).ok(); });
  const double as_of_ms = AverageMs(20, [&] {
    auto m = MeetingModelAsOf(log, meeting, today);
    reports_ok &= m.ok() && views::FollowUpReport(*m, meeting, today).ok();
  });
  if (!reports_ok) {
    std::cerr << "jem-bench: the follow-up report of " << meeting << " failed\n";
    return 1;
  }
  Status saved;
  const double save_ms = TimeSeconds([&] { saved = SaveSnapshot(log, &*model); }) * 1000;
  Result<ReadModel> loaded = Status::FailedPrecondition("not loaded");
  const double load_ms = TimeSeconds([&] { loaded = LoadModel(log); }) * 1000;
  if (!saved.ok() || !loaded.ok() || loaded->position != total) {
    std::cerr << "jem-bench: the snapshot failed: " << saved.ToString() << "\n";
    return 1;
  }
  Print(nlohmann::ordered_json{
            {"benchmark", "rebuild"},
            {"events", total},
            {"meetings", model->meetings.size()},
            {"actions", model->actions.size()},
            {"fill_events_per_s", double(total) / fill_seconds},
            {"scan_events_per_s", double(total) / scan_seconds},
            {"events_per_s", double(total) / rebuild_seconds},
            {"ratio_vs_scan", scan_seconds / rebuild_seconds},
            {"peak_rss_mb", rebuild_rss},
            {"rss_before_rebuild_mb", rss_before},
            {"follow_up_live_ms", live_ms},
            {"follow_up_as_of_from_log_ms", as_of_ms},
            {"snapshot_save_ms", save_ms},
            {"snapshot_load_ms", load_ms},
        },
        json);
  return 0;
}

}  // namespace jem::bench
