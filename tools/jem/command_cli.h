// What every command verb of `jem` shares: who is acting (--as), retry protection
// (--command-id), when it happened (--on), and how the outcome is printed.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/engine.h"
#include "tools/jem/cli.h"

namespace jem::cli {

// Adds verb `name` to `group`. When chosen, `make` builds the command from the verb's own
// options (bound by the caller on the returned App), and the engine executes it.
CLI::App* AddCommandVerb(CLI::App& group, Globals& globals, const std::string& name,
                         const std::string& help, std::function<Result<AnyCommand>()> make);

// Runs `steps` as one command, acting as `as` ("USER:ROLE"), on the log in the data directory.
Result<Outcome> ExecuteSteps(const Globals& globals, const std::string& as,
                             const std::string& command_id, const std::vector<Step>& steps,
                             size_t* failed_step);

// Prints what a command did ("CAM-2009-01: recorded at position 7"); returns exit code 0.
int PrintOutcome(const Outcome& outcome, bool json);

// Parses --on: a date (YYYY-MM-DD) on which the thing happened.
Result<std::optional<Timestamp>> ParseOn(const std::string& on);

// Registers the verbs of each group.
void AddMeetingCommands(CLI::App& app, Globals& globals);
void AddActionCommands(CLI::App& app, Globals& globals);
void AddRegisterCommands(CLI::App& app, Globals& globals);  // practice, issue, feedback, correct, round
void AddImportCommand(CLI::App& app, Globals& globals);
void AddTokenCommands(CLI::App& app, Globals& globals);
void AddContactCommands(CLI::App& app, Globals& globals);
void AddServeCommand(CLI::App& app, Globals& globals);
// The read-only views; after the others, as it adds verbs to their groups.
void AddViewCommands(CLI::App& app, Globals& globals);

}  // namespace jem::cli
