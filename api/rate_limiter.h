// A token bucket per caller (a token, or an address): each may make `burst` requests at once
// and `per_second` more each second after. Time comes from the injected clock. Memory is
// bounded: at most `max_callers` buckets; past it, buckets back at full are forgotten (a
// caller who has rested is the same as a new one), at most once a second, and a new caller
// who still finds no room is refused until there is. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "events/clock.h"

namespace jem::api {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst, size_t max_callers = 100000)
      : per_second_(per_second), burst_(burst), max_callers_(max_callers) {}

  // Whether `caller` may make a request at `now` (and, if so, counts it).
  bool Allow(const std::string& caller, Timestamp now);

  // Buckets kept now.
  size_t size() const;

 private:
  struct Bucket {
    double tokens;
    Timestamp refilled;
  };
  // What `b` holds at `now`, refilled for the time since it was last.
  double Refilled(const Bucket& b, Timestamp now) const;

  const double per_second_, burst_;
  const size_t max_callers_;
  mutable std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
  Timestamp pruned_{};  // when the rested were last forgotten
};

}  // namespace jem::api
