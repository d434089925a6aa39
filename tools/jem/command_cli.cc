#include "tools/jem/command_cli.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "projections/reference.h"

namespace jem::cli {

Result<std::optional<Timestamp>> ParseOn(const std::string& on) {
  if (on.empty()) return std::optional<Timestamp>();
  JEM_ASSIGN_OR_RETURN(auto day, reference::ParseDate(on, "--on"));
  return std::optional<Timestamp>(Timestamp(day));
}

Result<Outcome> ExecuteSteps(const Globals& globals, const std::string& as,
                             const std::string& command_id, const std::vector<Step>& steps,
                             size_t* failed_step) {
  CommandContext context;
  auto caller = ParseCaller(as);
  if (!caller.ok()) return caller.status().WithContext("--as");
  context.caller = *caller;
  if (!command_id.empty()) {
    auto id = ParseEventId(command_id);
    if (!id.ok()) return id.status().WithContext("--command-id");
    context.command_id = *id;
  }
  LogOptions options;
  options.create_if_missing = false;
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(globals.data_dir, options));
  Engine engine(*log, RealClock());
  return engine.ExecuteAll(context, steps, failed_step);
}

int PrintOutcome(const Outcome& outcome, bool json) {
  if (json) {
    std::cout << nlohmann::json{{"subject", outcome.subject},
                                {"positions", outcome.positions},
                                {"replayed", outcome.replayed}}
              << "\n";
  } else if (outcome.replayed) {
    std::cout << outcome.subject << ": already done by this command id; nothing appended\n";
  } else {
    const auto& p = outcome.positions;
    std::cout << outcome.subject << ": recorded at position " << p.front();
    if (p.size() > 1) std::cout << " to " << p.back() << " (" << p.size() << " events)";
    std::cout << "\n";
  }
  return 0;
}

CLI::App* AddCommandVerb(CLI::App& group, Globals& globals, const std::string& name,
                         const std::string& help, std::function<Result<AnyCommand>()> make) {
  struct Flags {
    std::string as, command_id, on;
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* verb = group.add_subcommand(name, help);
  verb->add_option("--as", flags->as, "who is acting: USER:ROLE, or USER:partner:AGENCY")
      ->envname("JEM_AS")
      ->required();
  verb->add_option("--command-id", flags->command_id,
                   "a UUID for this command: repeating it is safe, it is done once");
  verb->add_option("--on", flags->on, "the day it happened, if not today (YYYY-MM-DD)");
  verb->add_flag("--json", flags->json, "print the outcome as JSON");
  verb->callback([&globals, flags, make] {
    auto command = make();
    if (!command.ok()) {
      globals.exit_code = Fail(command.status());
      return;
    }
    auto on = ParseOn(flags->on);
    if (!on.ok()) {
      globals.exit_code = Fail(on.status());
      return;
    }
    size_t failed = 0;
    auto outcome = ExecuteSteps(globals, flags->as, flags->command_id, {Step{*command, *on}}, &failed);
    globals.exit_code = outcome.ok() ? PrintOutcome(*outcome, flags->json) : Fail(outcome.status());
  });
  return verb;
}

}  // namespace jem::cli
