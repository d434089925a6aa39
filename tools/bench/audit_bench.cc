// jem-bench audit: the auditor's questions at scale. On a generated log (meetings recorded a
// month after they were held): one action's history against reading its stream alone; the
// committee report of a round as of a day on both bases, and promises against delivery, each
// against a decoded scan of the log; the figures per agency and borough against the board of
// every action; the brief of a JEM against the board of its borough's every action (what an
// officer would otherwise assemble it from); and partners' reads over HTTP with the access
// records on against off, alternating rounds in the same run.
#include <algorithm>
#include <iostream>

#include "engine/engine.h"
#include "engine/token.h"
#include "projections/audit/as_of.h"
#include "projections/audit/history.h"
#include "projections/audit/promises.h"
#include "projections/brief/brief.h"
#include "projections/reference.h"
#include "projections/views.h"
#include "tools/bench/bench.h"
#include "tools/bench/bench_server.h"
#include "tools/bench/http_load.h"
#include "tools/bench/sample_log.h"

namespace jem::bench {
namespace {

int Fail(const Status& status) {
  std::cerr << "jem-bench: " << status.ToString() << "\n";
  return 1;
}

// The median milliseconds of `runs` runs of `work`.
template <typename Work>
double MedianMs(int runs, Work&& work) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) ms.push_back(TimeSeconds(work) * 1000);
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int AuditBench(uint64_t events, double seconds, int rounds, bool json) {
  ScratchDir dir("audit");
  FakeClock clock(Timestamp(std::chrono::sys_days(std::chrono::year(2009) / 1 / 1)));
  LogOptions options;
  options.clock = &clock;
  auto opened = Log::Open(dir.path(), options);
  if (!opened.ok()) return Fail(opened.status());
  Log& log = **opened;
  double fill_seconds = 0;
  if (Status filled = FillMeetings(log, events, &clock, &fill_seconds); !filled.ok()) return Fail(filled);
  const uint64_t total = log.head().position;
  auto model = RebuildModel(log);
  if (!model.ok()) return Fail(model.status());

  // The peer of the folds: a decoded scan of the whole log.
  uint64_t scanned = 0;
  const double scan_ms = MedianMs(3, [&] {
    scanned = 0;
    (void)log.Scan(1, [&](const RecordedEvent&) { return ++scanned > 0; });
  });

  // One action's history, against reading its stream alone.
  auto middle = model->actions.begin();
  std::advance(middle, model->actions.size() / 2);
  const std::string ref = middle->first;
  bool ok = true;
  size_t entries = 0;
  const double history_ms = MedianMs(200, [&] {
    auto h = audit::HistoryOf(log, audit::RecordKind::kAction, ref, &model->reminders, 0, SIZE_MAX);
    ok &= h.ok();
    if (h.ok()) entries = h->count;
  });
  const double stream_ms = MedianMs(200, [&] { ok &= log.ReadStream(ActionStream(ref), 1, 1000).ok(); });

  // A round's committee report as of a day in the middle of the log's span, on each basis.
  const auto first = reference::DayOf(FromMicros(log.ReadAll(1, 1)->front().envelope().getRecordedAtUs()));
  const auto day = first + (reference::DayOf(clock.Now()) - first) / 2;
  size_t recorded_actions = 0, happened_actions = 0;
  auto committee = [&](audit::Basis basis, size_t* actions) {
    auto m = audit::ModelAsOf(log, day, basis);
    auto r = m.ok() ? views::CommitteeReport(*m, 1, day) : Result<views::CommitteeFigures>(m.status());
    ok &= r.ok();
    if (r.ok()) *actions = size_t(r->actions);
  };
  const double recorded_ms = MedianMs(3, [&] { committee(audit::Basis::kRecorded, &recorded_actions); });
  const double happened_ms = MedianMs(3, [&] { committee(audit::Basis::kHappened, &happened_actions); });
  const double both_ms = MedianMs(3, [&] {
    auto both = audit::BothAsOf(log, day);
    ok &= both.ok();
  });

  // Promises against delivery, from the live model, and against the board of every action.
  const auto today = reference::DayOf(clock.Now());
  const double promises_ms = MedianMs(5, [&] { ok &= audit::Promises(*model, {}, today).ok(); });
  const double board_ms = MedianMs(5, [&] { ok &= views::ActionBoard(*model, {}, today, views::WholeList()).ok(); });
  // The figures (open, overdue, blocked, due this month per agency and borough), against the
  // same board: what a partner's tool would otherwise fetch and count.
  int64_t counted = 0;
  const double counts_ms = MedianMs(5, [&] { counted = views::CountActions(*model, today, {}).all.open; });
  // A partner's figures: of the actions its agency leads or supports, each asked of the policy.
  const double partner_counts_ms = MedianMs(5, [&] {
    ok &= views::CountActions(*model, today, [](const ActionState& a) { return a.Involves("MPS"); }).all.open > 0;
  });

  // The brief of a Camden JEM after 100 earlier ones (1,000 actions agreed), and of Camden's
  // latest, after every other; each against the board of every Camden action.
  std::vector<MeetingRecord*> camden;
  for (auto& [id, m] : model->meetings) {
    if (m.state.borough == "CAM" && m.state.status == MeetingState::Status::kHeld) camden.push_back(&m);
  }
  std::ranges::sort(camden, {}, [](const MeetingRecord* m) { return m->state.held_date; });
  if (camden.size() < 101) return Fail(Status::InvalidArgument("the log is too small for a brief after 100 JEMs"));
  struct Briefed {
    double ms = 0;
    size_t earlier = 0, open = 0;
  };
  auto brief_of = [&](MeetingRecord* meeting) {
    meeting->state.invited = {"MPS", "Council", "TfL", "BTP"};  // the rows of promises a brief holds
    Briefed b;
    b.ms = MedianMs(9, [&] {
      auto made = brief::BriefOf(*model, meeting->state.id, today);
      ok &= made.ok();
      if (made.ok()) b.earlier = made->earlier_count, b.open = made->open_actions_count;
    });
    return b;
  };
  const Briefed after_100 = brief_of(camden[100]), latest = brief_of(camden.back());
  const double borough_board_ms =
      MedianMs(9, [&] { ok &= views::ActionBoard(*model, {.borough = "CAM"}, today, views::WholeList()).ok(); });
  if (!ok) return Fail(Status::IOError("an audit query failed"));

  // Partners' reads of a meeting's summary over HTTP (the generated references are longer than
  // the API's), access records on against off. MPS attended every generated meeting.
  Engine engine(log, clock);
  auto token = GenerateToken();
  CommandContext admin;
  admin.caller = *ParseCaller("bench:admin");
  if (Status s = engine.Execute(admin, command::IssueToken{token->id, TokenHash(token->token), "reader", "partner", "MPS"})
                     .status();
      !s.ok()) {
    return Fail(s);
  }
  const std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + token->token}};
  std::vector<double> on, off;
  uint64_t recorded_before = 0;
  for (int r = 0; r < rounds; ++r) {
    for (bool record : {true, false}) {
      auto server = BenchServer::Start(log, record);
      if (!server.ok()) return Fail(server.status());
      const uint64_t head = log.head().position;
      auto figures = DriveGets((*server)->port(), 8, seconds, {"/api/v1/meetings/" + middle->second.state.meeting_id}, headers);
      if (!figures.ok()) return Fail(figures.status());
      if (figures->failed > 0) return Fail(Status::IOError("some reads were refused"));
      (record ? on : off).push_back(figures->per_second());
      server->reset();  // the access log appends what it holds
      if (record) recorded_before += log.head().position - head;
    }
  }
  std::sort(on.begin(), on.end());
  std::sort(off.begin(), off.end());
  const double on_rps = on[on.size() / 2], off_rps = off[off.size() / 2];
  Print(nlohmann::ordered_json{
            {"benchmark", "audit"},
            {"events", total},
            {"actions", model->actions.size()},
            {"scan_ms", scan_ms},
            {"history_entries", entries},
            {"history_ms", history_ms},
            {"history_stream_read_ms", stream_ms},
            {"history_ratio_vs_stream_read", stream_ms / history_ms},
            {"as_of_day", reference::FormatDate(day)},
            {"committee_recorded_ms", recorded_ms},
            {"committee_recorded_actions", recorded_actions},
            {"committee_recorded_ratio_vs_scan", scan_ms / recorded_ms},
            {"committee_happened_ms", happened_ms},
            {"committee_happened_actions", happened_actions},
            {"committee_happened_ratio_vs_scan", scan_ms / happened_ms},
            {"late_records_both_ms", both_ms},
            {"promises_ms", promises_ms},
            {"board_of_every_action_ms", board_ms},
            {"promises_ratio_vs_board", board_ms / promises_ms},
            {"actions", model->actions.size()},
            {"open_actions_counted", counted},
            {"counts_ms", counts_ms},
            {"counts_ratio_vs_board", board_ms / counts_ms},
            {"partner_counts_ms", partner_counts_ms},
            {"partner_counts_ratio_vs_board", board_ms / partner_counts_ms},
            {"brief_after_100_jems_ms", after_100.ms},
            {"brief_after_100_jems_earlier", after_100.earlier},
            {"brief_after_100_jems_open_actions", after_100.open},
            {"brief_latest_ms", latest.ms},
            {"brief_latest_earlier", latest.earlier},
            {"brief_latest_open_actions", latest.open},
            {"borough_board_ms", borough_board_ms},
            {"brief_after_100_ratio_vs_borough_board", borough_board_ms / after_100.ms},
            {"brief_latest_ratio_vs_borough_board", borough_board_ms / latest.ms},
            {"http_reads_access_on_per_s", on_rps},
            {"http_reads_access_off_per_s", off_rps},
            {"http_access_ratio_on_vs_off", on_rps / off_rps},
            {"access_events_appended", recorded_before},
        },
        json);
  return 0;
}

}  // namespace jem::bench
