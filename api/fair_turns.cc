#include "api/fair_turns.h"

#include <algorithm>

namespace jem::api {

FairTurns::Turn::~Turn() {
  if (turns_ == nullptr) return;
  std::lock_guard lock(turns_->mu_);
  turns_->callers_.erase(caller_);
  turns_->PassLocked();
}

Result<FairTurns::Turn> FairTurns::Take(const Who& who) {
  std::unique_lock lock(mu_);
  if (closed_) return Status::Busy("the server is stopping");
  if (callers_.contains(who.caller)) {
    return Status::Busy("a view as of a past day asked for with this token is being made already; "
                        "wait for it, then ask for the next");
  }
  std::deque<Waiter*>& line = lines_[size_t(who.role) % kRoles];
  if (!taken_) {
    taken_ = true;
    callers_.insert(who.caller);
    return Turn(this, who.caller);
  }
  if (line.size() >= per_role_) {
    return Status::Busy("as many views as of a past day as can wait are waiting for callers like you; "
                        "try again in a few seconds");
  }
  Waiter me{who.caller};
  line.push_back(&me);
  callers_.insert(who.caller);
  cv_.wait(lock, [&] { return me.go || closed_; });
  if (!me.go) {
    line.erase(std::find(line.begin(), line.end(), &me));
    callers_.erase(who.caller);
    return Status::Busy("the server is stopping");
  }
  return Turn(this, who.caller);
}

void FairTurns::PassLocked() {
  for (size_t i = 0; i < kRoles; ++i) {
    std::deque<Waiter*>& line = lines_[(next_role_ + i) % kRoles];
    if (line.empty()) continue;
    line.front()->go = true;
    line.pop_front();
    next_role_ = (next_role_ + i + 1) % kRoles;
    cv_.notify_all();
    return;
  }
  taken_ = false;
}

void FairTurns::Close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  cv_.notify_all();
}

size_t FairTurns::waiting() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& line : lines_) n += line.size();
  return n;
}

}  // namespace jem::api
