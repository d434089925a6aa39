// A whole JEM recorded from one YAML or JSON document, all or nothing.
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/importer.h"

namespace jem::api {

void Import(Exchange& ex) {
  const std::string type = ex.req.get_header_value("Content-Type");
  if (!type.starts_with("application/json") && !type.starts_with("application/yaml")) {
    return SendError(ex.res, 415, "send the document as application/yaml or application/json");
  }
  auto steps = ParseJemDocument(ex.req.body);
  if (!steps.ok()) return SendError(ex.res, steps.status());
  std::vector<Step> commands;
  std::vector<int> lines;
  for (const auto& s : *steps) {
    commands.push_back(s.step);
    lines.push_back(s.line);
  }
  Execute(ex, commands, "", lines);
}

}  // namespace jem::api
