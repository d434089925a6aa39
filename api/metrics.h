// Prometheus text metrics of the API: requests by route and status, the latency of the
// appends behind commands, and how far the views trail the log. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace jem::api {

class Metrics {
 public:
  // Counts a request to `path` that answered `status`, under its documented route.
  void CountRequest(const std::string& method, const std::string& path, int status);
  // Records how long one command's decide-and-append took.
  void ObserveAppend(double seconds);
  // The exposition text, with the log's head and the views' position as gauges.
  std::string Render(uint64_t head_position, uint64_t views_position) const;

  // The documented route a request falls under: ("POST", "/api/v1/actions/CAM-2009-01/complete")
  // -> "/api/v1/actions/{ref}/{verb}"; "unmatched" for any other path, so that random paths
  // cannot grow the set of labels.
  static std::string_view Route(std::string_view method, std::string_view path);

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01,
                                                       0.025, 0.05,  0.1,   0.25,  1.0};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (method route, status) -> count
  std::array<uint64_t, kBuckets.size()> append_buckets_{};
  uint64_t append_count_ = 0;
  double append_sum_ = 0;
};

}  // namespace jem::api
