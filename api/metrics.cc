#include "api/metrics.h"

#include <algorithm>
#include <sstream>

#include "api/openapi.h"

namespace jem::api {

namespace {

// Whether `path` fits the OpenAPI template `pattern`, where "{name}" stands for one segment.
bool Fits(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && !path.empty()) {
    const size_t p_end = std::min(pattern.find('/', 1), pattern.size());
    const size_t s_end = std::min(path.find('/', 1), path.size());
    const std::string_view want = pattern.substr(0, p_end), got = path.substr(0, s_end);
    const bool placeholder = want.size() > 3 && want[1] == '{' && got.size() > 1;
    if (!placeholder && want != got) return false;
    pattern.remove_prefix(p_end);
    path.remove_prefix(s_end);
  }
  return pattern.empty() && path.empty();
}

// "GET" and "get": HTTP methods are upper case, OpenAPI's lower case.
bool SameMethod(std::string_view http, std::string_view openapi) {
  return http.size() == openapi.size() &&
         std::equal(http.begin(), http.end(), openapi.begin(), [](char h, char o) { return h == o - 'a' + 'A'; });
}

}  // namespace

std::string_view Metrics::Route(std::string_view method, std::string_view path) {
  for (const RouteDoc& route : Routes()) {
    if (Fits(route.path, path) && SameMethod(method, route.method)) return route.path;
  }
  return "unmatched";
}

void Metrics::CountRequest(const std::string& method, const std::string& path, int status) {
  std::string route = method + " " + std::string(Route(method, path));
  std::lock_guard lock(mu_);
  ++requests_[{std::move(route), status}];
}

void Metrics::ObserveAppend(double seconds) {
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++append_buckets_[i];
  }
  ++append_count_;
  append_sum_ += seconds;
}

std::string Metrics::Render(uint64_t head_position, uint64_t views_position) const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP jem_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE jem_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto space = key.first.find(' ');
    out << "jem_http_requests_total{method=\"" << key.first.substr(0, space) << "\",route=\""
        << key.first.substr(space + 1) << "\",status=\"" << key.second << "\"} " << count << "\n";
  }
  out << "# HELP jem_append_seconds Time to decide and durably append one command's events.\n"
      << "# TYPE jem_append_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << "jem_append_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << append_buckets_[i] << "\n";
  }
  out << "jem_append_seconds_bucket{le=\"+Inf\"} " << append_count_ << "\n"
      << "jem_append_seconds_sum " << append_sum_ << "\n"
      << "jem_append_seconds_count " << append_count_ << "\n"
      << "# HELP jem_log_head_position Position of the last acknowledged event.\n"
      << "# TYPE jem_log_head_position gauge\n"
      << "jem_log_head_position " << head_position << "\n"
      << "# HELP jem_projection_lag_events Events appended but not yet in the views.\n"
      << "# TYPE jem_projection_lag_events gauge\n"
      << "jem_projection_lag_events " << (head_position - std::min(head_position, views_position)) << "\n";
  return out.str();
}

}  // namespace jem::api
