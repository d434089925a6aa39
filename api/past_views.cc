#include "api/past_views.h"

namespace jem::api {

Result<std::shared_ptr<const ReadModel>> PastViews::Model(const Log& log, std::chrono::sys_days day,
                                                          audit::Basis basis) {
  std::lock_guard lock(mu_);
  const uint64_t head = log.head().position;
  for (const Kept& k : kept_) {
    if (k.day == day && k.basis == basis && k.head == head) return k.model;
  }
  JEM_ASSIGN_OR_RETURN(auto model, audit::ModelAsOf(log, day, basis));
  auto shared = std::make_shared<const ReadModel>(std::move(model));
  if (kept_.size() == kKept) kept_.erase(kept_.begin());
  kept_.push_back({day, basis, head, shared});
  return shared;
}

}  // namespace jem::api
