// Open actions by due date: what the reminder engine asks "which actions fall due on day D"
// without looking at every open action. Kept by folding each action's state as events change
// it (Put), so a tick costs a lookup per day it asks about, not a scan. A day's actions are one
// contiguous list (a tick walks it without chasing a node per action). Beside them, every open
// action as the figures count it (open()): one contiguous array, so that counting how actions
// stand per agency and borough walks it instead of every action's node. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
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

  // An open action as the figures count it (views::CountActions).
  struct Open {
    static constexpr int32_t kNoDay = std::numeric_limits<int32_t>::max();  // a due date that does not parse
    static constexpr uint8_t kUnknown = 0xff;                               // an agency or borough not listed
    std::string reference;
    int32_t due = kNoDay;          // days since 1 January 1970
    uint8_t lead = kUnknown;       // its index in reference::Agencies()
    uint8_t borough = kUnknown;    // its index in reference::Boroughs(): its reference's code
    bool blocked = false;
    uint32_t supporting = 0;       // bit i: reference::Agencies()[i] supports it (never the lead)
    bool operator==(const Open&) const = default;
  };

  // Files `action` under its current due date if it is open; takes it out if it is closed;
  // moves it when its date moved; keeps what the figures count of it. O(log d) for d due dates
  // in use when its date moved; O(1) otherwise.
  void Put(const ActionState& action);

  // The references of the open actions due on `day`, in no set order; valid until the next Put.
  const std::vector<std::string>& DueOn(Day day) const;
  // The earliest due date of an open action; nullopt when none is open.
  std::optional<Day> Earliest() const;

  // Every open action, in no set order; valid until the next Put.
  const std::vector<Open>& open() const { return open_; }

  size_t size() const { return by_ref_.size(); }
  // The same actions filed under the same days, whatever order each day's list is in.
  bool operator==(const DueIndex& other) const;

 private:
  struct Filed {
    std::optional<Day> day;  // none when its due date does not parse: counted, never reminded of
    std::string due;         // as the action gives it: most events leave it as it is
    size_t slot;             // where it is in by_day_[*day]
    size_t open_slot;        // where it is in open_
  };
  // Takes what is filed as `filed` out of its day and out of open_: the last entry of each
  // moves into its slot.
  void Unfile(const Filed& filed);

  std::map<Day, std::vector<std::string>> by_day_;
  std::unordered_map<std::string, Filed> by_ref_;
  std::vector<Open> open_;
};

}  // namespace jem
