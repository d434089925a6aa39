// Errors in the YAML files the engine reads (an import, the reminder policy, the webhooks),
// named by the line they are on, so that whoever wrote the file can find what to fix.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "events/status.h"

namespace jem {

// The line `node` starts on, counted from 1.
inline int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

// kInvalidArgument: "line N: message".
inline Status AtLine(const YAML::Node& node, const std::string& message) {
  return Status::InvalidArgument("line " + std::to_string(LineOf(node)) + ": " + message);
}

}  // namespace jem
