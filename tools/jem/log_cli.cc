// `jem log ...`: look at the event log itself.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/jem/cli.h"

namespace jem::cli {
namespace {

constexpr size_t kDumpBatch = 1000;

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = double(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

int PrintStatus(const Globals& g, bool json, bool create) {
  auto log = OpenLog(g, create);
  if (!log) return kExitError;
  auto stats = log->Stats();
  if (!stats.ok()) return Fail(stats.status());
  if (json) {
    std::cout << nlohmann::json{{"data_dir", g.data_dir},
                                {"head_position", stats->head.position},
                                {"head_hash", ToHex(stats->head.hash)},
                                {"event_count", stats->event_count},
                                {"bytes", stats->bytes_on_disk}}
              << "\n";
  } else {
    std::cout << fmt::format("data directory  {}\n", g.data_dir)
              << fmt::format("head position   {}\n", stats->head.position)
              << fmt::format("head hash       {}\n", ToHex(stats->head.hash))
              << fmt::format("event count     {}\n", stats->event_count)
              << fmt::format("size on disk    {} ({} bytes)\n", HumanBytes(stats->bytes_on_disk),
                             stats->bytes_on_disk);
  }
  return 0;
}

int Dump(const Globals& g, uint64_t from, uint64_t limit, bool json) {
  if (from == 0) return Fail(Status::InvalidArgument("--from 0: positions start at 1"));
  auto log = OpenLog(g, false);
  if (!log) return kExitError;
  constexpr auto kRow = "{:>8}  {:<28} {:>7}  {:<24} {:<27} {:<20} {}\n";
  if (!json) {
    std::cout << fmt::format(kRow, "POSITION", "STREAM", "VERSION", "TYPE", "RECORDED AT", "ACTOR",
                             "HASH");
  }
  uint64_t printed = 0;
  while (printed < limit) {
    auto batch = log->ReadAll(from, size_t(std::min<uint64_t>(kDumpBatch, limit - printed)));
    if (!batch.ok()) return Fail(batch.status());
    if (batch->empty()) break;
    for (const RecordedEvent& e : *batch) {
      if (json) {
        std::cout << EventToJson(e) << "\n";
      } else {
        auto actor = e.envelope().getActor();
        std::cout << fmt::format(kRow, e.position(), e.stream_id(), e.stream_version(), e.type(),
                                 FormatTimestamp(e.recorded_at()),
                                 fmt::format("{}:{}", actor.getUserId().cStr(), actor.getRole().cStr()),
                                 ToHex(e.hash()).substr(0, 16));
      }
    }
    printed += batch->size();
    from = batch->back().position() + 1;
  }
  return 0;
}

int Verify(const Globals& g) {
  auto log = OpenLog(g, false);
  if (!log) return kExitError;
  auto report = log->Verify();
  if (!report.ok()) return Fail(report.status());
  if (!report->ok()) {
    std::cout << fmt::format("BAD: the log in {} is damaged at position {}: {}\n", g.data_dir,
                             *report->bad_position, report->problem);
    return kExitProblem;
  }
  std::cout << fmt::format("ok: {} events verified; head {} {}\n", report->events_checked,
                           log->head().position, ToHex(log->head().hash));
  return 0;
}

}  // namespace

void AddLogCommands(CLI::App& app, Globals& g) {
  // The flags live as long as the callbacks that read them.
  struct Flags {
    bool json = false;
    uint64_t from = 1;
    uint64_t limit = UINT64_MAX;
  };
  auto f = std::make_shared<Flags>();
  auto* log = app.add_subcommand("log", "look at the event log: status, dump, verify");
  RequireVerb(*log);

  auto* status = log->add_subcommand("status", "head position and hash, event count, size on disk");
  status->add_flag("--json", f->json, "print one JSON object");
  status->callback([&g, f] { g.exit_code = PrintStatus(g, f->json, false); });

  auto* init = log->add_subcommand("init", "create an empty log if there is none, then show its status");
  init->add_flag("--json", f->json, "print one JSON object");
  init->callback([&g, f] { g.exit_code = PrintStatus(g, f->json, true); });

  auto* dump = log->add_subcommand("dump", "print events in position order");
  dump->add_option("--from", f->from, "first position to print (positions start at 1)")
      ->capture_default_str();
  dump->add_option("--limit", f->limit, "print at most this many events");
  dump->add_flag("--json", f->json,
                 "one event per line as Cap'n Proto JSON (what `capnp convert json:canonical` reads)");
  dump->callback([&g, f] { g.exit_code = Dump(g, f->from, f->limit, f->json); });

  auto* verify = log->add_subcommand("verify", "recompute the hash chain; exit 1 if the log is damaged");
  verify->callback([&g] { g.exit_code = Verify(g); });
}

}  // namespace jem::cli
