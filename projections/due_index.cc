#include "projections/due_index.h"

#include "projections/reference.h"

namespace jem {

void DueIndex::Put(const ActionState& action) {
  const std::string& ref = action.reference;
  const bool open = action.status != ActionState::Status::kNone && !action.closed();
  auto it = by_ref_.find(ref);
  if (it != by_ref_.end()) {
    if (open && it->second.due == action.due) return;  // filed where it belongs already
    Unfile(it->second);
    by_ref_.erase(it);
  }
  if (!open) return;
  auto due = reference::ParseDate(action.due, "due date");
  if (!due.ok()) return;  // the rules refuse such dates; an old log's oddity is not chased
  std::vector<std::string>& day = by_day_[*due];
  by_ref_.emplace(ref, Filed{*due, action.due, day.size()});
  day.push_back(ref);
}

void DueIndex::Unfile(const Filed& filed) {
  auto day = by_day_.find(filed.day);
  std::vector<std::string>& refs = day->second;
  if (filed.slot + 1 != refs.size()) {
    refs[filed.slot] = std::move(refs.back());
    by_ref_.find(refs[filed.slot])->second.slot = filed.slot;
  }
  refs.pop_back();
  if (refs.empty()) by_day_.erase(day);
}

bool DueIndex::operator==(const DueIndex& other) const {
  if (by_ref_.size() != other.by_ref_.size()) return false;
  for (const auto& [ref, filed] : by_ref_) {
    auto it = other.by_ref_.find(ref);
    if (it == other.by_ref_.end() || it->second.day != filed.day) return false;
  }
  return true;
}

const std::vector<std::string>& DueIndex::DueOn(Day day) const {
  static const std::vector<std::string> kNone;
  auto it = by_day_.find(day);
  return it == by_day_.end() ? kNone : it->second;
}

std::optional<DueIndex::Day> DueIndex::Earliest() const {
  if (by_day_.empty()) return std::nullopt;
  return by_day_.begin()->first;
}

}  // namespace jem
