#include "tools/logging.h"

#include <cstdlib>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace jem::tools {

void ConfigureLogging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("jem");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  const char* env = std::getenv("JEM_LOG_LEVEL");
  logger->set_level(spdlog::level::from_str(env ? env : level));
  spdlog::set_default_logger(logger);
}

}  // namespace jem::tools
