// jem-bench http: the API on loopback under concurrent clients (bounded in time), first a
// mixed load (80% reads of the board and follow-up reports, 20% action updates), then
// rounds of writes only, each compared with appending through the log directly at the same
// concurrency.
#include <algorithm>
#include <iostream>
#include <thread>

#include "engine/engine.h"
#include "engine/token.h"
#include "projections/reference.h"
#include "tools/bench/bench.h"
#include "tools/bench/bench_server.h"
#include "tools/bench/http_load.h"
#include "tools/bench/nginx_proxy.h"

namespace jem::bench {
namespace {

constexpr int kMeetings = 20, kActionsPerMeeting = 10;

int Fail(const Status& status) {
  std::cerr << "jem-bench: " << status.ToString() << "\n";
  return 1;
}

// Meetings held with actions agreed, and an officer's token: what the load is sent to.
Result<HttpTarget> Prepare(Log& log) {
  Engine engine(log, RealClock());
  CommandContext officer;
  officer.caller = *ParseCaller("bench:officer");
  HttpTarget target;
  for (int m = 0; m < kMeetings; ++m) {
    const auto& borough = reference::Boroughs()[m];
    JEM_ASSIGN_OR_RETURN(auto scheduled,
                         engine.Execute(officer, command::ScheduleMeeting{std::string(borough.code), 2, "violent-crime",
                                                                          "2010-06-03", "10:00", "12:00", "MPA room 1",
                                                                          "Kit Malthouse"}));
    target.meetings.push_back(scheduled.subject);
    JEM_RETURN_IF_ERROR(
        engine.Execute(officer, command::HoldMeeting{scheduled.subject, "", "", {{"Kit Malthouse", "MPA", "Chair"}}})
            .status());
    for (int a = 0; a < kActionsPerMeeting; ++a) {
      JEM_ASSIGN_OR_RETURN(auto agreed,
                           engine.Execute(officer, command::AgreeAction{scheduled.subject, "",
                                                                        "Review night-time policing", "", "MPS",
                                                                        {"Council"}, "2010-09-30", ""}));
      target.refs.push_back(agreed.subject);
    }
  }
  JEM_ASSIGN_OR_RETURN(auto token, GenerateToken());
  CommandContext admin;
  admin.caller = *ParseCaller("bench:admin");
  JEM_ASSIGN_OR_RETURN(auto issued, engine.Execute(admin, command::IssueToken{token.id, TokenHash(token.token),
                                                                              "bench", "officer", ""}));
  target.token = token.token;
  return target;
}

}  // namespace

int HttpBench(int clients, double seconds, int rounds, const std::string& client, bool via_nginx, bool json) {
  const auto drive = client == "wrk" ? DriveWithWrk : DriveWithHttplib;
  ScratchDir dir("http");
  auto opened = Log::Open(dir.path(), {});
  if (!opened.ok()) return Fail(opened.status());
  Log& log = **opened;
  auto target = Prepare(log);
  if (!target.ok()) return Fail(target.status());
  auto server = BenchServer::Start(log);
  if (!server.ok()) return Fail(server.status());
  target->port = (*server)->port();
  std::unique_ptr<NginxProxy> proxy;
  if (via_nginx) {
    auto started = NginxProxy::Start(target->port);
    if (!started.ok()) return Fail(started.status());
    proxy = std::move(started).value();
    target->port = proxy->port();
  }

  auto mixed = drive(*target, HttpLoad{clients, seconds, 0.2});
  if (!mixed.ok()) return Fail(mixed.status());
  // Writes only, then the peer in the same run: the same number of clients appending through
  // the log itself. Alternating rounds; the median round's ratio is the figure.
  std::vector<nlohmann::ordered_json> trials;
  for (int round = 0; round < rounds; ++round) {
    auto before = log.Stats();
    auto writes = drive(*target, HttpLoad{clients, seconds, 1.0});
    auto after = log.Stats();
    if (!writes.ok()) return Fail(writes.status());
    size_t stored = 0;
    auto direct = AppendThroughLog(clients, std::max<uint64_t>(1000, writes->writes), std::string(300, 'x'), &stored);
    if (!direct.ok()) return Fail(direct.status());
    trials.push_back({{"http_writes_per_s", writes->writes_per_second()},
                      {"http_write_p99_ms", writes->p99_ms},
                      {"http_write_failures", writes->failed},
                      {"http_appends_per_sync", before.ok() && after.ok() ? AppendsPerSync(*before, *after) : 0},
                      {"append_events_per_s", direct->per_second()},
                      {"append_appends_per_sync", direct->appends_per_sync},
                      {"ratio_vs_append", writes->writes_per_second() / direct->per_second()}});
  }
  std::sort(trials.begin(), trials.end(), [](const auto& a, const auto& b) {
    return a["ratio_vs_append"].template get<double>() < b["ratio_vs_append"].template get<double>();
  });
  nlohmann::ordered_json ratios = nlohmann::ordered_json::array();
  for (const auto& t : trials) ratios.push_back(t["ratio_vs_append"]);
  nlohmann::ordered_json figures{
      {"benchmark", "http"},
      {"client", client},
      {"via", via_nginx ? "nginx" : "direct"},
      {"clients", clients},
      {"seconds", seconds},
      {"rounds", rounds},
      {"requests_per_s", mixed->per_second()},
      {"p50_ms", mixed->p50_ms},
      {"p99_ms", mixed->p99_ms},
      {"mixed_failures", mixed->failed},
      {"mixed_writes_per_s", mixed->writes_per_second()},
  };
  figures.update(trials[trials.size() / 2]);  // the median round
  figures["ratios_all_rounds"] = ratios;
  Print(figures, json);
  return 0;
}

}  // namespace jem::bench
