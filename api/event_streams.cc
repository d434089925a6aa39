#include "api/event_streams.h"

namespace jem::api {

EventStreams::Lease::Lease(EventStreams& owner, std::string token_id, Role role,
                           std::shared_ptr<Subscription> subscription)
    : owner_(owner), token_id_(std::move(token_id)), role_(role), subscription_(std::move(subscription)) {}

EventStreams::Lease::~Lease() {
  std::lock_guard lock(owner_.mu_);
  owner_.open_.erase(this);
  if (--owner_.per_token_[token_id_] == 0) owner_.per_token_.erase(token_id_);
  --owner_.per_role_[role_];
}

Result<std::shared_ptr<EventStreams::Lease>> EventStreams::Open(const std::string& token_id, Role role,
                                                                std::shared_ptr<Subscription> subscription) {
  std::lock_guard lock(mu_);
  if (open_.size() >= limits_.total) {
    return Status::Busy("the server has " + std::to_string(open_.size()) + " event streams open, its most; retry later");
  }
  size_t& role_open = per_role_[role];
  if (role_open >= limits_.per_role) {
    return Status::Busy(std::string(RoleName(role)) + "s have " + std::to_string(role_open) +
                        " event streams open, their share of the server's; retry later");
  }
  size_t& mine = per_token_[token_id];
  if (mine >= limits_.per_token) {
    return Status::Busy("this token has " + std::to_string(mine) + " event streams open, the most one token may; "
                        "close one first");
  }
  ++mine;
  ++role_open;
  auto lease = std::make_shared<Lease>(*this, token_id, role, subscription);
  open_.emplace(lease.get(), std::move(subscription));
  return lease;
}

void EventStreams::CancelAll() {
  std::lock_guard lock(mu_);
  for (auto& [lease, subscription] : open_) subscription->Cancel();
}

size_t EventStreams::open() const {
  std::lock_guard lock(mu_);
  return open_.size();
}

}  // namespace jem::api
