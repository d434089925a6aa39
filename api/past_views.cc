#include "api/past_views.h"

namespace jem::api {

std::shared_ptr<const ReadModel> PastViews::Find(std::chrono::sys_days day, audit::Basis basis, uint64_t head) {
  std::lock_guard lock(mu_);
  for (const auto& k : kept_) {
    if (k.day == day && k.basis == basis && k.head == head) return k.model;
  }
  return nullptr;
}

Result<std::shared_ptr<const ReadModel>> PastViews::Model(const Log& log, std::chrono::sys_days day,
                                                          audit::Basis basis, const FairTurns::Who& who) {
  const uint64_t head = log.head().position;
  if (auto kept = Find(day, basis, head)) return kept;
  JEM_ASSIGN_OR_RETURN(auto turn, turns_.Take(who));
  // Another caller's turn may have folded the same model meanwhile.
  if (auto kept = Find(day, basis, log.head().position)) return kept;
  JEM_ASSIGN_OR_RETURN(auto model, audit::ModelAsOf(log, day, basis));
  auto shared = std::make_shared<const ReadModel>(std::move(model));
  std::lock_guard lock(mu_);
  if (kept_.size() == kKept) kept_.erase(kept_.begin());
  kept_.push_back({day, basis, head, shared});
  return shared;
}

}  // namespace jem::api
