#include "projections/due_index.h"

#include "projections/reference.h"

namespace jem {

void DueIndex::Put(const ActionState& action) {
  const std::string& ref = action.reference;
  const bool open = action.status != ActionState::Status::kNone && !action.closed();
  auto it = by_ref_.find(ref);
  if (it != by_ref_.end()) {
    if (open && it->second.due == action.due) return;  // filed where it belongs already
    auto day = by_day_.find(it->second.day);
    day->second.erase(ref);
    if (day->second.empty()) by_day_.erase(day);
    by_ref_.erase(it);
  }
  if (!open) return;
  auto due = reference::ParseDate(action.due, "due date");
  if (!due.ok()) return;  // the rules refuse such dates; an old log's oddity is not chased
  by_day_[*due].insert(ref);
  by_ref_.emplace(ref, Filed{*due, action.due});
}

const std::set<std::string>& DueIndex::DueOn(Day day) const {
  static const std::set<std::string> kNone;
  auto it = by_day_.find(day);
  return it == by_day_.end() ? kNone : it->second;
}

std::optional<DueIndex::Day> DueIndex::Earliest() const {
  if (by_day_.empty()) return std::nullopt;
  return by_day_.begin()->first;
}

}  // namespace jem
