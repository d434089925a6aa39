// Open actions by due date: what the reminder engine asks "which actions fall due on day D"
// without looking at every open action. Kept by folding each action's state as events change
// it (Put), so a tick costs a lookup per day it asks about, not a scan. A day's actions are one
// contiguous list (a tick walks it without chasing a node per action). Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/stream_state.h"

namespace jem {

class DueIndex {
 public:
  using Day = std::chrono::sys_days;

  // Files `action` under its current due date if it is open; takes it out if it is closed;
  // moves it when its date moved. O(log d) for d due dates in use.
  void Put(const ActionState& action);

  // The references of the open actions due on `day`, in no set order; valid until the next Put.
  const std::vector<std::string>& DueOn(Day day) const;
  // The earliest due date of an open action; nullopt when none is open.
  std::optional<Day> Earliest() const;

  size_t size() const { return by_ref_.size(); }
  // The same actions filed under the same days, whatever order each day's list is in.
  bool operator==(const DueIndex& other) const;

 private:
  struct Filed {
    Day day;
    std::string due;  // as the action gives it: most events leave it as it is, and are skipped
    size_t slot;      // where it is in by_day_[day]
  };
  // Takes what is filed as `filed` out of its day: the day's last entry moves into its slot.
  void Unfile(const Filed& filed);

  std::map<Day, std::vector<std::string>> by_day_;
  std::unordered_map<std::string, Filed> by_ref_;
};

}  // namespace jem
