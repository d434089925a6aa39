// What every `jem` verb shares: the data directory, opening the log, reporting errors.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "events/log.h"

namespace jem::cli {

struct Globals {
  std::string data_dir = "data";  // --data DIR, or JEM_DATA
  int exit_code = 0;              // set by the verb that ran
};

// Exit codes: 0 done; 1 the command ran and found a problem (e.g. a damaged log);
// 2 the command could not run (bad input, missing log, busy directory).
inline constexpr int kExitProblem = 1;
inline constexpr int kExitError = 2;

// Opens the log in the data directory.
Result<std::unique_ptr<Log>> TryOpenLog(const Globals& globals, bool create_if_missing);
// Opens the log in the data directory; on failure prints why to stderr and returns null.
std::unique_ptr<Log> OpenLog(const Globals& globals, bool create_if_missing);

// Prints "jem: <message>" to stderr and returns kExitError.
int Fail(const Status& status);

// Prints `record` as one JSON object, or as aligned "field  value" lines with lists
// indented below their field, each value one line of text (text::OneLine).
void PrintRecord(const nlohmann::ordered_json& record, bool json);

// A value of a view as one line for the terminal: its text, or its JSON; nothing in it (a
// line break, an escape sequence, a bidirectional override) can act on the terminal.
std::string Shown(const nlohmann::ordered_json& value);

// Makes `group` need one of its verbs, listing them when none is given.
void RequireVerb(CLI::App& group);

// Registers `jem log status|dump|verify|init`.
void AddLogCommands(CLI::App& app, Globals& globals);

// Registers `jem audit history|late|promises|access` and the proofs' verbs.
void AddAuditCommands(CLI::App& app, Globals& globals);

// Registers `jem audit keygen|checkpoint|prove|consistency|verify` in `audit`.
void AddProofCommands(CLI::App& audit, Globals& globals);

// Registers `jem backup DIR` and `jem restore DIR`.
void AddBackupCommands(CLI::App& app, Globals& globals);

// Registers `jem witness`.
void AddWitnessCommand(CLI::App& app, Globals& globals);

}  // namespace jem::cli
