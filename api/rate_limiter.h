// A token bucket per caller: each may make `burst` requests at once and `per_second` more
// each second after. Time comes from the injected clock. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "events/clock.h"

namespace jem::api {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}

  // Whether `caller` may make a request at `now` (and, if so, counts it).
  bool Allow(const std::string& caller, Timestamp now);

 private:
  struct Bucket {
    double tokens;
    Timestamp refilled;
  };
  const double per_second_, burst_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace jem::api
