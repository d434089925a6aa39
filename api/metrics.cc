#include "api/metrics.h"

#include <sstream>

#include "api/routes.h"

namespace jem::api {

std::string_view Metrics::RouteLabel(const Route* route) { return route ? std::string_view(route->path) : "unmatched"; }

std::string_view Metrics::MethodLabel(std::string_view method) {
  static constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE",
                                                  "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  for (std::string_view m : kMethods) {
    if (m == method) return m;
  }
  return "other";
}

void Metrics::CountRequest(std::string_view method, const Route* route, int status) {
  // Statuses outside 100-599 are not HTTP's: one bucket for them too.
  const auto key = std::make_tuple(MethodLabel(method), RouteLabel(route), status >= 100 && status < 600 ? status : 0);
  std::lock_guard lock(mu_);
  ++requests_[key];
}

void Metrics::ObserveAppend(double seconds) {
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++append_buckets_[i];
  }
  ++append_count_;
  append_sum_ += seconds;
}

std::string Metrics::Render(const Gauges& g) const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP jem_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE jem_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "jem_http_requests_total{method=\"" << method << "\",route=\"" << route << "\",status=\"" << status
        << "\"} " << count << "\n";
  }
  out << "# HELP jem_append_seconds Time to decide and durably append one command's events.\n"
      << "# TYPE jem_append_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << "jem_append_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << append_buckets_[i] << "\n";
  }
  out << "jem_append_seconds_bucket{le=\"+Inf\"} " << append_count_ << "\n"
      << "jem_append_seconds_sum " << append_sum_ << "\n"
      << "jem_append_seconds_count " << append_count_ << "\n";
  // One metric with no labels: its help, its type and its value.
  auto single = [&](const char* name, const char* type, const char* help, uint64_t value) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n" << name << " " << value << "\n";
  };
  single("jem_event_streams_open", "gauge", "Server-Sent Event streams open now.", g.open_streams);
  single("jem_log_head_position", "gauge", "Position of the last acknowledged event.", g.head_position);
  single("jem_projection_lag_events", "gauge", "Events appended but not yet in the views.",
         g.head_position - std::min(g.head_position, g.views_position));
  single("jem_views_following", "gauge", "1 while the views follow the log; 0 once they stopped (see /healthz).",
         g.views_following ? 1 : 0);
  out << "# HELP jem_reminder_messages The reminder engine's messages, by status (retrying and failed need a look).\n"
      << "# TYPE jem_reminder_messages gauge\n";
  for (const auto& [status, count] : g.reminder_messages) {
    out << "jem_reminder_messages{status=\"" << status << "\"} " << count << "\n";
  }
  single("jem_reminders_unaddressed", "gauge", "Reminders no contact or endpoint took: add a contact.",
         g.unaddressed_reminders);
  single("jem_http_connections_open", "gauge", "HTTP connections open now.", g.connections);
  single("jem_http_connections_accepted_total", "counter", "HTTP connections accepted since the start.",
         g.connections_accepted);
  single("jem_http_answer_bytes", "gauge", "Memory held by answers being sent, on every connection.", g.answer_bytes);
  single("jem_http_answers_refused_total", "counter",
         "Answers refused because holding them would pass a memory cap.", g.answers_refused);
  single("jem_web_sessions", "gauge", "The pages' signed-in browsers.", g.sessions);
  return out.str();
}

}  // namespace jem::api
