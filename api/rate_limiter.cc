#include "api/rate_limiter.h"

#include <algorithm>

namespace jem::api {

bool RateLimiter::Allow(const std::string& caller, Timestamp now) {
  std::lock_guard lock(mu_);
  auto [it, fresh] = buckets_.try_emplace(caller, Bucket{burst_, now});
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(std::max(now - b.refilled, Timestamp::duration{0})).count();
  b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
  b.refilled = std::max(now, b.refilled);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace jem::api
