// `jem import FILE`: record a whole JEM from a YAML or JSON document, all or nothing.
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/importer.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {

// Imports `path`; errors name the file and line ("camden.yaml:14: ...").
int ImportFile(const Globals& g, const std::string& path, const std::string& as,
               const std::string& command_id, bool json) {
  std::ifstream in(path);
  if (!in) return Fail(Status::NotFound("cannot read " + path));
  std::stringstream text;
  text << in.rdbuf();
  auto steps = ParseJemDocument(text.str());
  if (!steps.ok()) return Fail(steps.status().WithContext(path));
  std::vector<Step> commands;
  for (const ImportStep& s : *steps) commands.push_back(s.step);
  size_t failed = steps->size();  // set to the refused step's index, if a step is refused
  auto outcome = ExecuteSteps(g, as, command_id, commands, &failed);
  if (outcome.ok()) return PrintOutcome(*outcome, json);
  const std::string where = failed < steps->size() ? ":" + std::to_string((*steps)[failed].line) : "";
  Fail(outcome.status().WithContext(path + where));
  std::cerr << "jem: nothing from " << path << " was recorded\n";
  return kExitError;
}

void AddImportCommand(CLI::App& app, Globals& g) {
  struct Flags {
    std::string path, as, command_id;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  auto* import = app.add_subcommand("import", "record a JEM from a YAML or JSON document, all or nothing");
  import->add_option("file", f->path, "the document (see samples/)")->required();
  import->add_option("--as", f->as, "who is importing: USER:officer")->envname("JEM_AS")->required();
  import->add_option("--command-id", f->command_id, "a UUID: importing again with it is a no-op");
  import->add_flag("--json", f->json, "print the outcome as JSON");
  import->callback([&g, f] { g.exit_code = ImportFile(g, f->path, f->as, f->command_id, f->json); });
}

}  // namespace jem::cli
