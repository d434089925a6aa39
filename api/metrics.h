// Prometheus text metrics of the API: requests by route and status, the latency of the
// appends behind commands, open event streams, and how far the views trail the log.
// Every label takes a bounded set of values, whatever clients send: routes of the route
// table ("unmatched" for every other path), the methods HTTP defines ("other" for the
// rest), status codes. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace jem::api {

struct Route;

class Metrics {
 public:
  // Counts a request of `method` that answered `status`, under its route (null: none).
  void CountRequest(std::string_view method, const Route* route, int status);
  // Records how long one command's decide-and-append took.
  void ObserveAppend(double seconds);
  // What is measured at the moment of a scrape.
  struct Gauges {
    uint64_t head_position = 0, views_position = 0;
    size_t open_streams = 0;
    std::map<std::string, size_t> reminder_messages;  // the reminder engine's messages, by status
    size_t unaddressed_reminders = 0;                 // reminders no contact or endpoint took
    size_t connections = 0;                           // HTTP connections open now
    uint64_t connections_accepted = 0;                // HTTP connections accepted since the start
    size_t answer_bytes = 0;                          // answers' memory held by connections now
    uint64_t answers_refused = 0;                     // answers too large to hold, since the start
    size_t sessions = 0;                              // the pages' signed-in browsers
    bool views_following = true;                      // false once the views stopped (a damaged log)
  };
  // The exposition text: the counters, and `gauges`.
  std::string Render(const Gauges& gauges) const;

  // The label of a request's route: its path template ("/api/v1/actions/{ref}/complete");
  // "unmatched" for every request no route serves (null).
  static std::string_view RouteLabel(const Route* route);
  // The label of a method: itself if HTTP defines it, else "other".
  static std::string_view MethodLabel(std::string_view method);

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01,
                                                       0.025, 0.05,  0.1,   0.25,  1.0};
  mutable std::mutex mu_;
  std::map<std::tuple<std::string_view, std::string_view, int>, uint64_t> requests_;  // (method, route, status)
  std::array<uint64_t, kBuckets.size()> append_buckets_{};
  uint64_t append_count_ = 0;
  double append_sum_ = 0;
};

}  // namespace jem::api
