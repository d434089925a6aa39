// jem-bench: measures jem against a peer in the same run and prints the ratio.
#include <CLI/CLI.hpp>

#include "tools/bench/bench.h"
#include "tools/logging.h"

int main(int argc, char** argv) {
  jem::tools::ConfigureLogging();
  CLI::App app{"jem-bench: jem's speed, as ratios against a peer measured in the same run"};
  app.require_subcommand(1);
  int exit_code = 0;

  int appenders = 32;
  uint64_t append_events = 20000;
  int rounds = 3;
  bool append_json = false;
  std::string peer;
  auto* append = app.add_subcommand("append", "durable appends vs bare RocksDB (sync=true)");
  append->add_option("--appenders", appenders, "concurrent appending threads")
      ->capture_default_str()->check(CLI::Range(1, 1024));
  append->add_option("--events", append_events, "events to append in all")
      ->capture_default_str()->check(CLI::Range(uint64_t{1}, uint64_t{100000000}));
  append->add_option("--rounds", rounds, "alternating rounds of jem and its peer; best of each")
      ->capture_default_str()->check(CLI::Range(1, 100));
  append->add_flag("--json", append_json, "print one JSON object");
  append->add_option("--peer", peer, "also measure this peer: postgres")
      ->check(CLI::IsMember({"postgres"}));
  append->callback([&] {
    exit_code = jem::bench::AppendBench(appenders, append_events, rounds, append_json, peer);
  });

  uint64_t read_events = 200000;
  bool read_json = false;
  auto* read = app.add_subcommand("read", "full scan with decoding vs bare RocksDB iteration");
  read->add_option("--events", read_events, "events in the log to scan")
      ->capture_default_str()->check(CLI::Range(uint64_t{1}, uint64_t{100000000}));
  read->add_flag("--json", read_json, "print one JSON object");
  read->callback([&] { exit_code = jem::bench::ReadBench(read_events, read_json); });

  uint64_t rebuild_events = 200000;
  bool rebuild_json = false;
  auto* rebuild = app.add_subcommand("rebuild", "rebuild every view from position 1 vs a plain scan");
  rebuild->add_option("--events", rebuild_events, "about how many events the generated log holds")
      ->capture_default_str()->check(CLI::Range(uint64_t{62}, uint64_t{100000000}));
  rebuild->add_flag("--json", rebuild_json, "print one JSON object");
  rebuild->callback([&] { exit_code = jem::bench::RebuildBench(rebuild_events, rebuild_json); });

  uint64_t verify_events = 200000;
  bool verify_json = false;
  auto* verify = app.add_subcommand("verify", "full verification vs SHA-256 of the same bytes; proofs vs a point read");
  verify->add_option("--events", verify_events, "events in the log")
      ->capture_default_str()->check(CLI::Range(uint64_t{1}, uint64_t{100000000}));
  verify->add_flag("--json", verify_json, "print one JSON object");
  verify->callback([&] { exit_code = jem::bench::VerifyBench(verify_events, verify_json); });

  uint64_t audit_events = 1000000;
  double audit_seconds = 3;
  int audit_rounds = 3;
  bool audit_json = false;
  auto* audit = app.add_subcommand("audit", "history, as-of reports and promises vs a scan; HTTP reads with access records on vs off");
  audit->add_option("--events", audit_events, "about how many events the generated log holds")
      ->capture_default_str()->check(CLI::Range(uint64_t{62}, uint64_t{100000000}));
  audit->add_option("--seconds", audit_seconds, "seconds of each HTTP round")
      ->capture_default_str()->check(CLI::Range(0.5, 600.0));
  audit->add_option("--rounds", audit_rounds, "alternating HTTP rounds, access records on and off; median")
      ->capture_default_str()->check(CLI::Range(1, 100));
  audit->add_flag("--json", audit_json, "print one JSON object");
  audit->callback([&] { exit_code = jem::bench::AuditBench(audit_events, audit_seconds, audit_rounds, audit_json); });

  int http_clients = 16;
  double http_seconds = 5;
  bool http_json = false;
  auto* http = app.add_subcommand("http", "the API under a mixed load; HTTP writes vs appending through the log");
  http->add_option("--clients", http_clients, "concurrent clients")->capture_default_str()->check(CLI::Range(1, 256));
  http->add_option("--seconds", http_seconds, "seconds for each of the two phases")
      ->capture_default_str()->check(CLI::Range(0.5, 600.0));
  int http_rounds = 3;
  http->add_option("--rounds", http_rounds, "alternating rounds of HTTP writes and direct appends; median")
      ->capture_default_str()->check(CLI::Range(1, 100));
  std::string http_client = "httplib";
  http->add_option("--client", http_client,
                   "load generator: wrk (a separate process) or httplib (threads inside jem-bench)")
      ->capture_default_str()->check(CLI::IsMember({"wrk", "httplib"}));
  bool http_via_nginx = false;
  http->add_flag("--via-nginx", http_via_nginx,
                 "send the load through nginx with tools/deploy's proxy settings (limits off)");
  http->add_flag("--json", http_json, "print one JSON object");
  http->callback([&] {
    exit_code = jem::bench::HttpBench(http_clients, http_seconds, http_rounds, http_client, http_via_nginx, http_json);
  });

  uint64_t reminder_actions = 1000000;
  int reminder_rounds = 3;
  bool reminder_json = false;
  auto* reminders = app.add_subcommand("reminders", "a reminder tick from the due-date index vs a scan of every open action");
  reminders->add_option("--open-actions", reminder_actions, "open actions in the model")
      ->capture_default_str()->check(CLI::Range(uint64_t{1}, uint64_t{20000000}));
  double reminder_overdue = 0.1;
  reminders->add_option("--overdue-share", reminder_overdue, "the share of open actions already overdue")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  reminders->add_option("--rounds", reminder_rounds, "alternating rounds; the best of each")
      ->capture_default_str()->check(CLI::Range(1, 100));
  reminders->add_flag("--json", reminder_json, "print one JSON object");
  reminders->callback([&] { exit_code = jem::bench::RemindersBench(reminder_actions, reminder_overdue, reminder_rounds, reminder_json); });

  int web_clients = 4, web_rounds = 3;
  double web_seconds = 3;
  bool web_json = false;
  auto* web = app.add_subcommand("web", "the pages vs the JSON routes of the same records; CSS and JS of a first visit");
  web->add_option("--clients", web_clients, "concurrent clients")->capture_default_str()->check(CLI::Range(1, 256));
  web->add_option("--seconds", web_seconds, "seconds for each measurement")
      ->capture_default_str()->check(CLI::Range(0.5, 600.0));
  web->add_option("--rounds", web_rounds, "alternating rounds of pages and JSON; median")
      ->capture_default_str()->check(CLI::Range(1, 100));
  web->add_flag("--json", web_json, "print one JSON object");
  web->callback([&] { exit_code = jem::bench::WebBench(web_clients, web_seconds, web_rounds, web_json); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help exits 0; every usage error exits 2, whatever CLI11's own code for it.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}
