#include "projections/due_index.h"

#include <algorithm>

#include "projections/reference.h"

namespace jem {
namespace {

// The index of `name` in `list` (by `key`), or Open::kUnknown.
template <class List, class Key>
uint8_t IndexIn(const List& list, std::string_view name, Key key) {
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& item) { return key(item) == name; });
  return it == list.end() ? DueIndex::Open::kUnknown : uint8_t(it - list.begin());
}

uint8_t AgencyIndex(std::string_view agency) {
  return IndexIn(reference::Agencies(), agency, [](std::string_view a) { return a; });
}

// What the figures count of `action` that events change: its lead, supporting agencies, and
// whether it is blocked. (Its reference, borough and due date are filed with it.)
void Count(const ActionState& action, DueIndex::Open* open) {
  open->lead = AgencyIndex(action.lead_agency);
  open->blocked = action.blocked;
  open->supporting = 0;
  for (const std::string& s : action.supporting_agencies) {
    const uint8_t i = AgencyIndex(s);
    if (i != DueIndex::Open::kUnknown && i != open->lead) open->supporting |= uint32_t(1) << i;
  }
}

}  // namespace

void DueIndex::Put(const ActionState& action) {
  const std::string& ref = action.reference;
  const bool open = action.status != ActionState::Status::kNone && !action.closed();
  auto it = by_ref_.find(ref);
  if (it != by_ref_.end()) {
    if (open && it->second.due == action.due) {  // filed where it belongs already: its facts may have changed
      Count(action, &open_[it->second.open_slot]);
      return;
    }
    Unfile(it->second);
    by_ref_.erase(it);
  }
  if (!open) return;
  auto due = reference::ParseDate(action.due, "due date");
  Filed filed{std::nullopt, action.due, 0, open_.size()};
  if (due.ok()) {  // the rules refuse other dates; an old log's oddity is counted, not reminded of
    std::vector<std::string>& day = by_day_[*due];
    filed.day = *due;
    filed.slot = day.size();
    day.push_back(ref);
  }
  Open& counted = open_.emplace_back(Open{
      .reference = ref,
      .due = filed.day ? int32_t(filed.day->time_since_epoch().count()) : Open::kNoDay,
      .borough = IndexIn(reference::Boroughs(), std::string_view(ref).substr(0, 3),
                         [](const reference::Borough& b) { return b.code; })});
  Count(action, &counted);
  by_ref_.emplace(ref, std::move(filed));
}

void DueIndex::Unfile(const Filed& filed) {
  if (filed.day) {
    auto day = by_day_.find(*filed.day);
    std::vector<std::string>& refs = day->second;
    if (filed.slot + 1 != refs.size()) {
      refs[filed.slot] = std::move(refs.back());
      by_ref_.find(refs[filed.slot])->second.slot = filed.slot;
    }
    refs.pop_back();
    if (refs.empty()) by_day_.erase(day);
  }
  if (filed.open_slot + 1 != open_.size()) {
    open_[filed.open_slot] = std::move(open_.back());
    by_ref_.find(open_[filed.open_slot].reference)->second.open_slot = filed.open_slot;
  }
  open_.pop_back();
}

bool DueIndex::operator==(const DueIndex& other) const {
  if (by_ref_.size() != other.by_ref_.size()) return false;
  for (const auto& [ref, filed] : by_ref_) {
    auto it = other.by_ref_.find(ref);
    if (it == other.by_ref_.end() || it->second.day != filed.day ||
        other.open_[it->second.open_slot] != open_[filed.open_slot]) {
      return false;
    }
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
