#include "tools/bench/http_load.h"

#include <httplib.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr char kNote[] = R"({"text": "Partners met; next steps agreed"})";

// A Lua table of quoted strings.
std::string LuaList(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) out += "\"" + item + "\",";
  return out + "}";
}

// wrk's script: the request mix, and a summary written as JSON to `figures_path` at the end.
std::string WrkScript(const HttpTarget& target, const HttpLoad& load, const std::string& figures_path) {
  return fmt::format(R"lua(
local refs = {refs}
local meetings = {meetings}
local note = '{note}'
local threads = {{}}
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

function init(args)
  math.randomseed(seed)
  writes = 0
end

function request()
  if math.random() < {write_share} then
    writes = writes + 1
    return wrk.format("POST", "/api/v1/actions/" .. refs[math.random(#refs)] .. "/note", nil, note)
  elseif math.random() < 0.5 then
    return wrk.format("GET", "/api/v1/actions?overdue=true")
  end
  return wrk.format("GET", "/api/v1/meetings/" .. meetings[math.random(#meetings)] .. "/follow-up-report")
end

function done(summary, latency, requests)
  local writes = 0
  for _, thread in ipairs(threads) do writes = writes + thread:get("writes") end
  local e = summary.errors
  local f = io.open("{figures}", "w")
  f:write(string.format('{{"requests": %d, "duration_us": %d, "failed": %d, "writes": %d, "p50_us": %d, "p99_us": %d}}',
    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout, writes,
    latency:percentile(50), latency:percentile(99)))
  f:close()
end
)lua",
                     fmt::arg("refs", LuaList(target.refs)), fmt::arg("meetings", LuaList(target.meetings)),
                     fmt::arg("note", kNote), fmt::arg("token", target.token),
                     fmt::arg("write_share", load.write_share), fmt::arg("figures", figures_path));
}

}  // namespace

Result<HttpFigures> DriveWithWrk(const HttpTarget& target, const HttpLoad& load) {
  if (std::system("command -v wrk >/dev/null 2>&1") != 0) {
    return Status::NotFound("wrk is not installed; install it with `apt-get install wrk`, or use --client httplib");
  }
  ScratchDir dir("wrk");
  const std::string script = dir.path() + "/load.lua", figures_path = dir.path() + "/figures.json";
  std::ofstream(script) << WrkScript(target, load, figures_path);
  // Two threads, one per core of the machines jem is measured on: enough to keep the
  // connections busy without taking the server's CPU.
  const std::string command =
      fmt::format("wrk -t{} -c{} -d{}s --timeout 10s -s {} http://127.0.0.1:{}/ >{}/wrk.out 2>&1",
                  std::min(2, load.clients), load.clients, std::max(1L, std::lround(load.seconds)), script,
                  target.port, dir.path());
  if (int rc = std::system(command.c_str()); rc != 0) {
    std::ifstream out(dir.path() + "/wrk.out");
    std::stringstream text;
    text << out.rdbuf();
    return Status::IOError("wrk failed (exit " + std::to_string(rc) + "): " + text.str());
  }
  std::ifstream in(figures_path);
  auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::IOError("wrk wrote no figures to " + figures_path);
  HttpFigures f;
  f.seconds = j["duration_us"].get<double>() / 1e6;
  f.failed = j["failed"].get<uint64_t>();
  f.done = j["requests"].get<uint64_t>() - std::min(f.failed, j["requests"].get<uint64_t>());
  // wrk counts the writes it sent; in a writes-only load every failure is one of them.
  f.writes = j["writes"].get<uint64_t>();
  if (load.write_share >= 1) f.writes = f.done;
  f.p50_ms = j["p50_us"].get<double>() / 1000;
  f.p99_ms = j["p99_us"].get<double>() / 1000;
  return f;
}

namespace {

// `clients` cpp-httplib clients on threads, each calling `send` (one request, or a set) again
// and again for `seconds`; `send` says whether it was answered under 300, and whether it wrote.
using Send = std::function<bool(httplib::Client& client, std::mt19937& rng, bool* wrote)>;

HttpFigures DriveThreads(int port, int clients, double seconds, const Send& send) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<uint64_t> writes{0}, failed{0};
  const double deadline = NowMs() + seconds * 1000;
  Figures all;
  all.seconds = TimeSeconds([&] {
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        std::mt19937 rng(c);
        while (NowMs() < deadline) {
          const double start = NowMs();
          bool wrote = false;
          if (!send(client, rng, &wrote)) {
            ++failed;
            continue;
          }
          latencies[c].push_back(NowMs() - start);
          if (wrote) ++writes;
        }
      });
    }
    for (auto& t : threads) t.join();
  });
  for (auto& l : latencies) all.latencies_ms.insert(all.latencies_ms.end(), l.begin(), l.end());
  HttpFigures f;
  f.seconds = all.seconds;
  f.done = all.latencies_ms.size();
  f.writes = writes;
  f.failed = failed;
  f.p50_ms = all.quantile_ms(0.50);
  f.p99_ms = all.quantile_ms(0.99);
  return f;
}

}  // namespace

Result<HttpFigures> DriveWithHttplib(const HttpTarget& target, const HttpLoad& load) {
  const httplib::Headers auth = {{"Authorization", "Bearer " + target.token}};
  return DriveThreads(target.port, load.clients, load.seconds, [&](httplib::Client& client, std::mt19937& rng, bool* wrote) {
    *wrote = std::uniform_real_distribution<>(0, 1)(rng) < load.write_share;
    const auto& refs = target.refs;
    const auto& meetings = target.meetings;
    httplib::Result r =
        *wrote ? client.Post("/api/v1/actions/" + refs[rng() % refs.size()] + "/note", auth, kNote, "application/json")
        : rng() % 2 ? client.Get("/api/v1/actions?overdue=true", auth)
                    : client.Get("/api/v1/meetings/" + meetings[rng() % meetings.size()] + "/follow-up-report", auth);
    return r && r->status < 300;
  });
}

Result<HttpFigures> DriveGets(int port, int clients, double seconds, const std::vector<std::string>& paths,
                              const std::vector<std::pair<std::string, std::string>>& headers) {
  const httplib::Headers sent(headers.begin(), headers.end());
  return DriveThreads(port, clients, seconds, [&](httplib::Client& client, std::mt19937&, bool*) {
    bool answered = true;
    for (const std::string& path : paths) {
      auto r = client.Get(path, sent);
      answered = answered && r && r->status == 200;
    }
    return answered;
  });
}

}  // namespace jem::bench

