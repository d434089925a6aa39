#include "api/rate_limiter.h"

#include <algorithm>

namespace jem::api {

double RateLimiter::Refilled(const Bucket& b, Timestamp now) const {
  const double elapsed = std::chrono::duration<double>(std::max(now - b.refilled, Timestamp::duration{0})).count();
  return std::min(burst_, b.tokens + elapsed * per_second_);
}

bool RateLimiter::Allow(const std::string& caller, Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(caller);
  if (it == buckets_.end()) {
    // Full: forget the rested, at most once a second (a scan of every bucket per new caller
    // would let a stream of new addresses cost the server more than it costs them).
    if (buckets_.size() >= max_callers_ && now - pruned_ >= std::chrono::seconds(1)) {
      pruned_ = now;
      std::erase_if(buckets_, [&](const auto& entry) { return Refilled(entry.second, now) >= burst_; });
    }
    if (buckets_.size() >= max_callers_) return false;
    it = buckets_.emplace(caller, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = Refilled(b, now);
  b.refilled = std::max(now, b.refilled);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

size_t RateLimiter::size() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace jem::api
