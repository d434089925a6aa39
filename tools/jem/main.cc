// jem: the command-line tool of the JEM follow-up engine.
#include <CLI/CLI.hpp>

#include "tools/jem/command_cli.h"
#include "tools/logging.h"

int main(int argc, char** argv) {
  jem::tools::ConfigureLogging();
  CLI::App app{"jem: follows up the actions agreed at Joint Engagement Meetings"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may also come after the verb
  jem::cli::Globals globals;
  app.add_option("--data", globals.data_dir, "data directory of the jem log")
      ->envname("JEM_DATA")
      ->capture_default_str();
  jem::cli::AddMeetingCommands(app, globals);
  jem::cli::AddActionCommands(app, globals);
  jem::cli::AddRegisterCommands(app, globals);
  jem::cli::AddImportCommand(app, globals);
  jem::cli::AddTokenCommands(app, globals);
  jem::cli::AddContactCommands(app, globals);
  jem::cli::AddServeCommand(app, globals);
  jem::cli::AddViewCommands(app, globals);
  jem::cli::AddLogCommands(app, globals);
  jem::cli::AddAuditCommands(app, globals);
  jem::cli::AddWitnessCommand(app, globals);
  jem::cli::AddBackupCommands(app, globals);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help exits 0; every usage error exits 2, whatever CLI11's own code for it.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return globals.exit_code;
}
