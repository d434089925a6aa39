#include "tools/jem/cli.h"

#include <iostream>

namespace jem::cli {

std::unique_ptr<Log> OpenLog(const Globals& globals, bool create_if_missing) {
  LogOptions options;
  options.create_if_missing = create_if_missing;
  auto log = Log::Open(globals.data_dir, options);
  if (!log.ok()) {
    Fail(log.status());
    return nullptr;
  }
  return std::move(log.value());
}

void RequireVerb(CLI::App& group) {
  group.callback([&group] {
    if (!group.get_subcommands().empty()) return;
    std::string verbs;
    for (const CLI::App* verb : group.get_subcommands({})) {
      verbs += (verbs.empty() ? "" : ", ") + verb->get_name();
    }
    throw CLI::ValidationError("jem " + group.get_name() + " needs a verb: " + verbs);
  });
}

int Fail(const Status& status) {
  std::cerr << "jem: " << status.message() << "\n";
  return kExitError;
}

}  // namespace jem::cli
