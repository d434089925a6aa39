// jem-bench http: the API on loopback under concurrent clients (bounded in time), first a
// mixed load (80% reads of the board and follow-up reports, 20% action updates), then
// writes only, compared with appending through the log directly at the same concurrency.
#include <httplib.h>

#include <atomic>
#include <iostream>
#include <random>
#include <thread>

#include "api/server.h"
#include "engine/token.h"
#include "projections/live_model.h"
#include "projections/reference.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr int kMeetings = 20, kActionsPerMeeting = 10;

struct Load {
  Figures all;
  uint64_t writes = 0;
  double write_seconds = 0;
};

// `clients` threads send requests for `seconds`; `write_share` of them are action notes.
Load Drive(int port, const std::string& token, const std::vector<std::string>& refs,
           const std::vector<std::string>& meetings, int clients, double seconds, double write_share) {
  Load load;
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<uint64_t> writes{0};
  const double deadline = NowMs() + seconds * 1000;
  load.all.seconds = TimeSeconds([&] {
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
        std::mt19937 rng(c);
        for (int i = 0; NowMs() < deadline; ++i) {
          const double start = NowMs();
          const bool write = std::uniform_real_distribution<>(0, 1)(rng) < write_share;
          httplib::Result r =
              write ? client.Post("/api/v1/actions/" + refs[rng() % refs.size()] + "/note", auth,
                                  R"({"text": "Partners met; next steps agreed"})", "application/json")
              : rng() % 2 ? client.Get("/api/v1/actions?overdue=true", auth)
                          : client.Get("/api/v1/meetings/" + meetings[rng() % meetings.size()] + "/follow-up-report",
                                       auth);
          if (!r || r->status >= 300) continue;  // failed requests are not counted
          latencies[c].push_back(NowMs() - start);
          if (write) ++writes;
        }
      });
    }
    for (auto& t : threads) t.join();
  });
  for (auto& l : latencies) load.all.latencies_ms.insert(load.all.latencies_ms.end(), l.begin(), l.end());
  load.all.operations = load.all.latencies_ms.size();
  load.writes = writes;
  load.write_seconds = load.all.seconds;
  return load;
}

}  // namespace

int HttpBench(int clients, double seconds, bool json) {
  ScratchDir dir("http");
  auto opened = Log::Open(dir.path(), {});
  if (!opened.ok()) {
    std::cerr << "jem-bench: " << opened.status().ToString() << "\n";
    return 1;
  }
  Log& log = **opened;
  Engine engine(log, RealClock());
  CommandContext officer;
  officer.caller = *ParseCaller("bench:officer");
  std::vector<std::string> meetings, refs;
  for (int m = 0; m < kMeetings; ++m) {
    const auto& borough = reference::Boroughs()[m];
    auto scheduled = engine.Execute(officer, command::ScheduleMeeting{std::string(borough.code), 2, "violent-crime",
                                                                      "2010-06-03", "10:00", "12:00", "MPA room 1",
                                                                      "Kit Malthouse"});
    if (!scheduled.ok()) {
      std::cerr << "jem-bench: " << scheduled.status().ToString() << "\n";
      return 1;
    }
    meetings.push_back(scheduled->subject);
    (void)engine.Execute(officer, command::HoldMeeting{meetings.back(), "", "", {{"Kit Malthouse", "MPA", "Chair"}}});
    for (int a = 0; a < kActionsPerMeeting; ++a) {
      auto agreed = engine.Execute(officer, command::AgreeAction{meetings.back(), "", "Review night-time policing", "",
                                                                 "MPS", {"Council"}, "2010-09-30", ""});
      if (agreed.ok()) refs.push_back(agreed->subject);
    }
  }
  auto token = GenerateToken();
  CommandContext admin;
  admin.caller = *ParseCaller("bench:admin");
  (void)engine.Execute(admin,
                       command::IssueToken{token->id, TokenHash(token->token), "bench", "officer", ""});
  auto views = LiveModel::Start(log);
  if (!views.ok()) {
    std::cerr << "jem-bench: " << views.status().ToString() << "\n";
    return 1;
  }
  api::ServerOptions options;
  options.port = 0;
  options.requests_per_second = options.request_burst = 1e9;  // measuring the server, not the limit
  api::Server server(log, RealClock(), **views, options);
  auto port = server.Bind();
  if (!port.ok()) {
    std::cerr << "jem-bench: " << port.status().ToString() << "\n";
    return 1;
  }
  std::thread serving([&] { server.Run(); });
  Load mixed = Drive(*port, token->token, refs, meetings, clients, seconds, 0.2);
  Load writes = Drive(*port, token->token, refs, meetings, clients, seconds, 1.0);
  server.Stop();
  serving.join();
  views->reset();

  // The peer, in the same run: the same number of clients appending through the log itself.
  size_t stored = 0;
  auto direct = AppendThroughLog(clients, std::max<uint64_t>(1000, writes.writes), std::string(300, 'x'), &stored);
  if (!direct.ok()) {
    std::cerr << "jem-bench: " << direct.status().ToString() << "\n";
    return 1;
  }
  const double http_writes_per_s = double(writes.writes) / writes.write_seconds;
  Print(nlohmann::ordered_json{
            {"benchmark", "http"},
            {"clients", clients},
            {"seconds", seconds},
            {"requests_per_s", mixed.all.per_second()},
            {"p50_ms", mixed.all.quantile_ms(0.50)},
            {"p99_ms", mixed.all.quantile_ms(0.99)},
            {"mixed_writes_per_s", double(mixed.writes) / mixed.write_seconds},
            {"http_writes_per_s", http_writes_per_s},
            {"http_write_p99_ms", writes.all.quantile_ms(0.99)},
            {"append_events_per_s", direct->per_second()},
            {"ratio_vs_append", http_writes_per_s / direct->per_second()},
        },
        json);
  return 0;
}

}  // namespace jem::bench
