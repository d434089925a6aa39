#include "api/metrics.h"

#include <regex>
#include <sstream>

namespace jem::api {

std::string Metrics::Route(const std::string& path) {
  static const std::regex kMeeting("/[A-Z]{3}-[0-9]{8}(/|$)"), kRef("/[A-Z]{3}-[0-9]{4}-[0-9]+(/|$)"),
      kNumber("/[0-9]+(/|$)");
  std::string route = std::regex_replace(path, kMeeting, "/{meeting}$1");
  route = std::regex_replace(route, kRef, "/{ref}$1");
  return std::regex_replace(route, kNumber, "/{n}$1");
}

void Metrics::CountRequest(const std::string& method, const std::string& path, int status) {
  const std::string route = method + " " + Route(path);
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
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
