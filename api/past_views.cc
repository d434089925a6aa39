#include "api/past_views.h"

namespace jem::api {

Result<std::shared_ptr<const ReadModel>> PastViews::Model(const Log& log, std::chrono::sys_days day,
                                                          audit::Basis basis) {
  const uint64_t head = log.head().position;
  {
    std::lock_guard lock(mu_);
    for (const Kept& k : kept_) {
      if (k.day == day && k.basis == basis && k.head == head) return k.model;
    }
  }
  // One fold at a time, and no queue of them: a request that would wait for another's fold
  // is told to come back, so that past views cannot tie up the server's workers.
  std::unique_lock folding(fold_mu_, std::try_to_lock);
  if (!folding.owns_lock()) {
    return Status::Busy("another view as of a past day is being made; try again in a second");
  }
  JEM_ASSIGN_OR_RETURN(auto model, audit::ModelAsOf(log, day, basis));
  auto shared = std::make_shared<const ReadModel>(std::move(model));
  std::lock_guard lock(mu_);
  if (kept_.size() == kKept) kept_.erase(kept_.begin());
  kept_.push_back({day, basis, head, shared});
  return shared;
}

}  // namespace jem::api
