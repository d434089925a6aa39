// The one place that configures spdlog for jem's programs.
#pragma once

#include <string>

namespace jem::tools {

// Sends log lines to stderr at `level` ("debug", "info", "warn", "error"; JEM_LOG_LEVEL
// overrides it), so stdout stays clean for output that scripts read.
void ConfigureLogging(const std::string& level = "warn");

}  // namespace jem::tools
