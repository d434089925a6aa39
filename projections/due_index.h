// Open actions by due date: what the reminder engine asks "which actions fall due on day D"
// without looking at every open action. Kept by folding each action's state as events change
// it (Put), so a tick costs a lookup per day it asks about, not a scan. Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/stream_state.h"

namespace jem {

class DueIndex {
 public:
  using Day = std::chrono::sys_days;

  // Files `action` under its current due date if it is open; takes it out if it is closed;
  // moves it when its date moved. O(log n).
  void Put(const ActionState& action);

  // The references of the open actions due on `day`, in order; valid until the next Put.
  const std::set<std::string>& DueOn(Day day) const;
  // The earliest due date of an open action; nullopt when none is open.
  std::optional<Day> Earliest() const;

  size_t size() const { return by_ref_.size(); }
  bool operator==(const DueIndex& other) const { return by_day_ == other.by_day_; }

 private:
  struct Filed {
    Day day;
    std::string due;  // as the action gives it: most events leave it as it is, and are skipped
  };
  std::map<Day, std::set<std::string>> by_day_;
  std::unordered_map<std::string, Filed> by_ref_;
};

}  // namespace jem
