// jem-bench web: the pages against the JSON routes that serve the same records, in the same
// run, on loopback: the action board (1,000 actions in the record; the page shows the first
// 50 by due date, and so does the JSON route's page of 50) and one action (the page with its state and
// timeline against the JSON routes of its state and its history, one request each). Alternating rounds; the median ratio is the
// figure. Then the bytes of CSS and JavaScript a first visit downloads, as sent to a browser
// that accepts compression and to one that does not.
#include <algorithm>
#include <iostream>
#include <regex>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "engine/engine.h"
#include "engine/token.h"
#include "projections/reference.h"
#include "tools/bench/bench.h"
#include "tools/bench/bench_server.h"
#include "tools/bench/http_load.h"

namespace jem::bench {
namespace {

constexpr int kMeetings = 20, kActionsPerMeeting = 50;  // 1,000 actions

int Fail(const Status& status) {
  std::cerr << "jem-bench: " << status.ToString() << "\n";
  return 1;
}

// 1,000 actions with some history each, and an officer's token; the reference of one.
Result<std::pair<std::string, std::string>> Prepare(Log& log) {
  Engine engine(log, RealClock());
  CommandContext officer;
  officer.caller = *ParseCaller("bench:officer");
  std::string one;
  for (int m = 0; m < kMeetings; ++m) {
    const auto& borough = reference::Boroughs()[m];
    std::vector<Step> steps = {Step{command::ScheduleMeeting{std::string(borough.code), 2, "violent-crime", "2010-06-03",
                                                             "10:00", "12:00", "MPA room 1", "Kit Malthouse"},
                                    std::nullopt}};
    const std::string id = MeetingId(borough.code, "2010-06-03");
    steps.push_back(Step{command::HoldMeeting{id, "", "", {{"Kit Malthouse", "MPA", "Chair"}}}, std::nullopt});
    for (int a = 0; a < kActionsPerMeeting; ++a) {
      const std::string due = fmt::format("2010-{:02}-{:02}", 7 + a % 6, 1 + a % 28);
      steps.push_back(Step{command::AgreeAction{id, "", "Review night-time policing around the station", "",
                                                a % 2 ? "MPS" : "TfL", {"Council"}, due, ""},
                           std::nullopt});
    }
    size_t failed = 0;
    JEM_RETURN_IF_ERROR(engine.ExecuteAll(officer, steps, &failed).status());
  }
  one = std::string(reference::Boroughs()[0].code) + "-2010-01";
  for (const char* note : {"Partners met", "Survey done", "Half of the work done"}) {
    JEM_RETURN_IF_ERROR(engine.Execute(officer, command::UpdateAction{command::UpdateAction::Kind::kNote, one, note, 50})
                            .status());
  }
  JEM_ASSIGN_OR_RETURN(auto token, GenerateToken());
  CommandContext admin;
  admin.caller = *ParseCaller("bench:admin");
  JEM_RETURN_IF_ERROR(
      engine.Execute(admin, command::IssueToken{token.id, TokenHash(token.token), "bench", "officer", ""}).status());
  return std::make_pair(token.token, one);
}

// Signs in as a browser would; the session's Cookie field.
Result<std::string> SignIn(int port, const std::string& token) {
  httplib::Client client("127.0.0.1", port);
  auto form = client.Get("/sign-in");
  if (!form || form->status != 200) return Status::IOError("GET /sign-in failed");
  std::smatch csrf;
  const std::string cookie = form->get_header_value("Set-Cookie");
  if (!std::regex_search(cookie, csrf, std::regex("jem_csrf=([0-9a-f.]+)"))) return Status::IOError("no jem_csrf cookie");
  auto signed_in = client.Post("/sign-in", {{"Cookie", "jem_csrf=" + csrf[1].str()}},
                               httplib::Params{{"csrf", csrf[1].str()}, {"token", token}});
  std::smatch session;
  const std::string set = signed_in ? signed_in->get_header_value("Set-Cookie") : "";
  if (!std::regex_search(set, session, std::regex("(jem_session=[0-9a-f]+)"))) return Status::IOError("sign-in failed");
  return session[1].str();
}

}  // namespace

int WebBench(int clients, double seconds, int rounds, bool json) {
  ScratchDir dir("web");
  auto opened = Log::Open(dir.path(), {});
  if (!opened.ok()) return Fail(opened.status());
  Log& log = **opened;
  auto prepared = Prepare(log);
  if (!prepared.ok()) return Fail(prepared.status());
  const auto& [token, ref] = *prepared;
  auto server = BenchServer::Start(log);
  if (!server.ok()) return Fail(server.status());
  const int port = (*server)->port();
  auto cookie = SignIn(port, token);
  if (!cookie.ok()) return Fail(cookie.status());

  const std::vector<std::pair<std::string, std::string>> browser = {{"Cookie", *cookie}, {"Accept", "text/html"}};
  const std::vector<std::pair<std::string, std::string>> api = {{"Authorization", "Bearer " + token}};
  // Each page against the JSON routes that carry what it shows: the board's rows; an
  // action's state and its history (two requests, counted as one set).
  struct Pair {
    const char* name;
    std::string page;
    std::vector<std::string> json;
  };
  const Pair pairs[] = {{"board", "/", {"/api/v1/actions?limit=50"}},
                        {"action", "/actions/" + ref, {"/api/v1/actions/" + ref, "/api/v1/actions/" + ref + "/history"}}};
  nlohmann::ordered_json figures{{"benchmark", "web"}, {"clients", clients}, {"seconds", seconds},
                                 {"rounds", rounds},   {"actions", kMeetings * kActionsPerMeeting}};
  for (const Pair& p : pairs) {
    std::vector<nlohmann::ordered_json> trials;
    for (int round = 0; round < rounds; ++round) {
      auto page = DriveGets(port, clients, seconds, {p.page}, browser);
      auto data = DriveGets(port, clients, seconds, p.json, api);
      if (!page.ok()) return Fail(page.status());
      if (!data.ok()) return Fail(data.status());
      trials.push_back({{"page_per_s", page->per_second()}, {"page_p99_ms", page->p99_ms},
                        {"page_failures", page->failed}, {"json_per_s", data->per_second()},
                        {"json_p99_ms", data->p99_ms}, {"json_failures", data->failed},
                        {"ratio_page_vs_json", data->per_second() > 0 ? page->per_second() / data->per_second() : 0}});
    }
    std::sort(trials.begin(), trials.end(), [](const auto& a, const auto& b) {
      return a["ratio_page_vs_json"].template get<double>() < b["ratio_page_vs_json"].template get<double>();
    });
    figures[p.name] = trials[trials.size() / 2];
  }

  // A first visit: the page, then every stylesheet and script it links to.
  httplib::Client client("127.0.0.1", port);
  auto page = client.Get("/", httplib::Headers(browser.begin(), browser.end()));
  if (!page || page->status != 200) return Fail(Status::IOError("GET / failed"));
  std::smatch m;
  std::string html = page->body;
  std::vector<std::string> assets;
  // Each is linked with its fingerprint (?v=), as a browser asks for it.
  const std::regex linked(R"#((?:href|src)="(/assets/[^"?]+\.(?:css|js|mjs)(?:\?[^"]*)?)")#");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), linked); it != std::sregex_iterator(); ++it) {
    assets.push_back((*it)[1].str());
  }
  // jem.mjs imports GOV.UK Frontend's module: it is downloaded too.
  assets.push_back("/assets/govuk-frontend.min.js");
  nlohmann::ordered_json bytes = nlohmann::ordered_json::object();
  size_t plain = 0, compressed = 0;
  for (const auto& path : assets) {
    httplib::Client raw("127.0.0.1", port);
    raw.set_decompress(false);  // count the bytes that cross the wire
    auto as_is = raw.Get(path);
    auto zipped = raw.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
    if (!as_is || !zipped || as_is->status != 200) return Fail(Status::IOError("GET " + path + " failed"));
    plain += as_is->body.size();
    compressed += zipped->body.size();
    bytes[path] = {{"bytes", as_is->body.size()}, {"compressed_bytes", zipped->body.size()},
                   {"encoding", zipped->get_header_value("Content-Encoding")}};
  }
  figures["first_visit"] = {{"css_js_bytes", plain}, {"css_js_compressed_bytes", compressed}, {"files", bytes}};
  Print(figures, json);
  return 0;
}

}  // namespace jem::bench
