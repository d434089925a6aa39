#include "tools/jem/cli.h"

#include <algorithm>
#include <iostream>

#include "projections/plain_text.h"

namespace jem::cli {

Result<std::unique_ptr<Log>> TryOpenLog(const Globals& globals, bool create_if_missing) {
  LogOptions options;
  options.create_if_missing = create_if_missing;
  return Log::Open(globals.data_dir, options);
}

std::unique_ptr<Log> OpenLog(const Globals& globals, bool create_if_missing) {
  auto log = TryOpenLog(globals, create_if_missing);
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

void PrintRecord(const nlohmann::ordered_json& record, bool json) {
  if (json) {
    std::cout << record.dump() << "\n";
    return;
  }
  size_t width = 0;
  for (auto& [key, value] : record.items()) width = std::max(width, key.size());
  for (auto& [key, value] : record.items()) {
    std::cout << key << std::string(width + 2 - key.size(), ' ');
    if (value.is_array()) {
      std::cout << (value.empty() ? "-" : "") << "\n";
      for (auto& item : value) std::cout << "  - " << Shown(item) << "\n";
    } else {
      std::cout << Shown(value) << "\n";
    }
  }
}

std::string Shown(const nlohmann::ordered_json& value) {
  return text::OneLine(value.is_string() ? value.get_ref<const std::string&>() : value.dump());
}

int Fail(const Status& status) {
  std::cerr << "jem: " << text::OneLine(status.message()) << "\n";  // it may quote what was given
  return kExitError;
}

}  // namespace jem::cli
