// `jem log ...`: look at the event log itself.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "events/proofs/log_proofs.h"
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

// The hash of the event at `position` (zeros before the first): what the next one must hold.
Result<Hash> HashBefore(const Log& log, uint64_t position) {
  if (position <= 1) return Hash{};
  JEM_ASSIGN_OR_RETURN(auto before, log.ReadAll(position - 1, 1));
  if (before.empty()) return Status::NotFound("there is no event at position " + std::to_string(position - 1));
  return before.front().hash();
}

// Prints events from `from` (the whole log, or one stream), each checked against the chain:
// a damaged log prints its intact events, then says where it is damaged and fails.
int Dump(const Globals& g, uint64_t from, uint64_t limit, bool json, const std::string& stream) {
  if (from == 0) return Fail(Status::InvalidArgument("--from 0: positions start at 1"));
  auto log = OpenLog(g, false);
  if (!log) return kExitError;
  constexpr auto kRow = "{:>8}  {:<28} {:>7}  {:<24} {:<27} {:<20} {}\n";
  if (!json) {
    std::cout << fmt::format(kRow, "POSITION", "STREAM", "VERSION", "TYPE", "RECORDED AT", "ACTOR",
                             "HASH");
  }
  auto print = [&](const RecordedEvent& e) {
    if (json) {
      std::cout << EventToJson(e) << "\n";
      return;
    }
    auto actor = e.envelope().getActor();
    std::cout << fmt::format(kRow, e.position(), e.stream_id(), e.stream_version(), e.type(),
                             FormatTimestamp(e.recorded_at()),
                             fmt::format("{}:{}", actor.getUserId().cStr(), actor.getRole().cStr()),
                             ToHex(e.hash()).substr(0, 16));
  };
  auto damaged = [&](uint64_t position, const std::string& why) {
    std::cout.flush();
    std::cerr << fmt::format("jem: the log in {} is damaged at position {}: {}\n", g.data_dir, position, why);
    return kExitProblem;
  };
  uint64_t printed = 0;
  if (!stream.empty()) {
    // One stream: each event is checked against the one before it in the log.
    for (uint64_t version = from; printed < limit;) {
      auto batch = log->ReadStream(stream, version, size_t(std::min<uint64_t>(kDumpBatch, limit - printed)));
      if (!batch.ok()) return damaged(0, batch.status().message());
      if (batch->empty()) break;
      for (const RecordedEvent& e : *batch) {
        auto before = HashBefore(*log, e.position());
        if (!before.ok()) return damaged(e.position() - 1, before.status().message());
        if (e.previous_hash() != *before) return damaged(e.position(), "its previous hash is not the hash of the event before it");
        print(e);
      }
      printed += batch->size();
      version = batch->back().stream_version() + 1;
    }
    if (printed == 0 && from == 1) return Fail(Status::NotFound("there is no stream " + stream.substr(0, 80)));
    return 0;
  }
  auto expected = HashBefore(*log, from);
  if (!expected.ok()) return Fail(expected.status());
  uint64_t at = from;
  Status scan = log->Scan(from, [&](const RecordedEvent& e) {
    if (e.previous_hash() != *expected) return false;
    print(e);
    *expected = e.hash();
    at = e.position() + 1;
    return ++printed < limit;
  });
  if (!scan.ok()) return damaged(at, scan.message());
  if (printed < limit && at <= log->head().position) {
    return damaged(at, "its previous hash is not the hash of the event before it");
  }
  return 0;
}

int Verify(const Globals& g) {
  auto log = OpenLog(g, false);
  if (!log) return kExitError;
  auto report = proofs::VerifyWithKeptCheckpoints(*log);
  if (!report.ok()) return Fail(report.status());
  if (!report->ok()) {
    std::cout << fmt::format("BAD: the log in {} is damaged at position {}: {}\n", g.data_dir,
                             *report->bad_position, report->problem);
    return kExitProblem;
  }
  std::cout << fmt::format("ok: {} events verified; head {} {}; {} signed checkpoint{} kept beside it match{}\n",
                           report->events_checked, log->head().position, ToHex(log->head().hash),
                           report->checkpoints_checked, report->checkpoints_checked == 1 ? "" : "s",
                           report->checkpoints_checked == 1 ? "es" : "");
  return 0;
}

}  // namespace

void AddLogCommands(CLI::App& app, Globals& g) {
  // The flags live as long as the callbacks that read them.
  struct Flags {
    bool json = false;
    uint64_t from = 1;
    uint64_t limit = UINT64_MAX;
    std::string stream;
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

  auto* dump = log->add_subcommand("dump", "print events in position order, checking the chain; exit 1 at damage");
  dump->add_option("--from", f->from, "first position to print (positions start at 1; with --stream, its first version)")
      ->capture_default_str();
  dump->add_option("--stream", f->stream, "only this stream's events, e.g. action-CAM-2009-03");
  dump->add_option("--limit", f->limit, "print at most this many events");
  dump->add_flag("--json", f->json,
                 "one event per line as Cap'n Proto JSON (what `capnp convert json:canonical` reads)");
  dump->callback([&g, f] { g.exit_code = Dump(g, f->from, f->limit, f->json, f->stream); });

  auto* verify = log->add_subcommand("verify", "recompute the hash chain; exit 1 if the log is damaged");
  verify->callback([&g] { g.exit_code = Verify(g); });
}

}  // namespace jem::cli
