// jem-bench rebuild: generates a realistic log (meetings across the boroughs, each with
// actions and their updates), rebuilds every view from position 1, and compares the rate
// with a plain scan of the same log; then times a follow-up report from the live model
// and as of a day from the meeting's own streams.
#include <sys/resource.h>

#include <atomic>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "projections/reference.h"
#include "projections/views.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr int kActionsPerMeeting = 10;
constexpr int kUpdatesPerAction = 5;

NewEvent Event(EventBody body, Timestamp occurred) {
  return NewEvent{NewEventId(), Actor{"bench", "officer"}, {}, {}, std::move(body), occurred};
}

// One held meeting with its actions and their lifecycles, as one atomic append.
std::vector<StreamAppend> Meeting(uint64_t k) {
  const auto& borough = reference::Boroughs()[k % 32];
  const auto day = std::chrono::sys_days(std::chrono::year(2009) / 1 / 1) + std::chrono::days(k / 32);
  const std::string date = reference::FormatDate(day);
  const std::string id = MeetingId(borough.code, date);
  const std::string code(borough.code);
  std::vector<StreamAppend> parts;
  StreamAppend meeting{MeetingStream(id), ExpectedVersion::NoStream(), {}};
  meeting.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingScheduled();
    e.setMeetingId(AsText(id));
    e.setBorough(AsText(code));
    e.setRound(1 + uint32_t(k % 2));
    e.setTheme(schema::Theme::VIOLENT_CRIME);
    e.setDate(AsText(date));
    e.setStartTime("10:00");
    e.setEndTime("12:00");
    e.setRoom("MPA room 1");
    e.setChair("Kit Malthouse");
  }), Timestamp(day)));
  meeting.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingHeld();
    e.setDate(AsText(date));
    e.setChair("Kit Malthouse");
    auto a = e.initAttendees(2);
    a[0].setName("Kit Malthouse");
    a[0].setAgency("MPA");
    a[1].setName("Borough Commander");
    a[1].setAgency("MPS");
  }), Timestamp(day)));
  parts.push_back(std::move(meeting));
  static const char* kLeads[] = {"MPS", "Council", "TfL", "YJB", "Health"};
  for (int n = 1; n <= kActionsPerMeeting; ++n) {
    const std::string ref = fmt::format("{}-{}-{:05}", code, date.substr(0, 4), (k / 32) * 100 + uint64_t(n));
    StreamAppend action{ActionStream(ref), ExpectedVersion::NoStream(), {}};
    const std::string due = reference::FormatDate(day + std::chrono::days(60 + n));
    action.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
      auto e = b.initActionAgreed();
      e.setReference(AsText(ref));
      e.setMeetingId(AsText(id));
      e.setText("Review night-time economy policing around late licensed premises with partners");
      e.setTheme(schema::Theme::VIOLENT_CRIME);
      e.setLeadAgency(kLeads[n % 5]);
      e.initSupportingAgencies(1).set(0, "Council");
      e.setDueDate(AsText(due));
    }), Timestamp(day)));
    for (int u = 1; u <= kUpdatesPerAction; ++u) {
      const Timestamp on = Timestamp(day + std::chrono::days(10 * u));
      action.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
        if (u == 1) {
          b.initActionStarted();
        } else if (u == 3 && n % 3 == 0) {
          auto e = b.initActionDueDateChanged();
          e.setOldDate(AsText(due));
          e.setNewDate(AsText(reference::FormatDate(day + std::chrono::days(120))));
          e.setReason("Waiting for partner data");
        } else if (u == kUpdatesPerAction && n % 2 == 0) {
          b.initActionCompleted().setEvidence("Delivered and reported to the partnership board");
        } else {
          auto e = b.initActionProgressNoted();
          e.setText("Partners met; data shared; next steps agreed");
          e.setPercentComplete(int8_t(20 * u));
        }
      }), on));
    }
    parts.push_back(std::move(action));
  }
  return parts;
}

constexpr uint64_t kEventsPerMeeting = 2 + kActionsPerMeeting * (1 + kUpdatesPerAction);

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
  const uint64_t meetings = std::max<uint64_t>(1, events / kEventsPerMeeting);
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  const double fill_seconds = TimeSeconds([&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (uint64_t k; (k = next++) < meetings && !failed;) {
          if (!log.AppendAtomically(Meeting(k)).ok()) failed = true;
        }
      });
    }
    for (auto& th : threads) th.join();
  });
  if (failed) {
    std::cerr << "jem-bench: generating the log failed\n";
    return 1;
  }
  const uint64_t total = log.head().position;

  // The peer: a plain scan of the same log, every event decoded (what `jem-bench read` measures).
  uint64_t scanned = 0;
  const double scan_seconds = TimeSeconds([&] {
    (void)log.Scan(1, [&](const RecordedEvent&) {
      ++scanned;
      return true;
    });
  });
  const double rss_before = PeakRssMb();
  Result<ReadModel> model = Status::FailedPrecondition("not built");
  const double rebuild_seconds = TimeSeconds([&] { model = RebuildModel(log); });
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
  const double save_ms = TimeSeconds([&] { saved = SaveCheckpoint(log, &*model); }) * 1000;
  Result<ReadModel> loaded = Status::FailedPrecondition("not loaded");
  const double load_ms = TimeSeconds([&] { loaded = LoadModel(log); }) * 1000;
  if (!saved.ok() || !loaded.ok() || loaded->position != total) {
    std::cerr << "jem-bench: the checkpoint failed: " << saved.ToString() << "\n";
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
            {"checkpoint_save_ms", save_ms},
            {"checkpoint_load_ms", load_ms},
        },
        json);
  return 0;
}

}  // namespace jem::bench
