// The HTTP client of the API tests. Every JSON answer it receives is also written to
// build/contract/, where tests/contract checks it against the OpenAPI document: the
// document has to be true of whatever the tests see, not only of what they assert.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>

namespace jem::testing {

// Appends one answer as a JSON line to this process's file in build/contract/.
inline void RecordAnswer(const httplib::Request& req, const httplib::Response& res) {
  const std::string type = res.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0 || res.body.empty()) return;
  static std::mutex mu;
  static std::ofstream out = [] {
    const std::filesystem::path dir = std::filesystem::path(JEM_BINARY_DIR) / "contract";
    std::filesystem::create_directories(dir);
    return std::ofstream(dir / ("answers-" + std::to_string(::getpid()) + ".jsonl"), std::ios::app);
  }();
  nlohmann::json line = {{"method", req.method}, {"path", req.path}, {"status", res.status}, {"content_type", type}};
  line["body"] = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (line["body"].is_discarded()) line["body"] = res.body;  // the contract test reports it as not JSON
  std::lock_guard lock(mu);
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
}

// A client of the server on 127.0.0.1:`port` whose answers are recorded for the contract.
inline httplib::Client ApiClient(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_logger(RecordAnswer);
  return client;
}

}  // namespace jem::testing
