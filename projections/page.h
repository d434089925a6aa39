// Pages of lists: no answer holds more than a page, whatever the log holds. A list is ordered
// by a key unique to each item; a page is the items after a cursor (the key of the last item
// of the page before), so that a list walked page by page misses nothing and repeats nothing
// while items are added to it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/status.h"

namespace jem::views {

inline constexpr size_t kPageSize = 100;      // what a page of a list holds unless asked otherwise
inline constexpr size_t kMaxPageSize = 500;   // the most a page holds
inline constexpr size_t kMaxCursorBytes = 256;

// Which page of a list to answer: the one after `after`, or (pages' "Previous") the one
// before `before`; the first when neither is given.
struct PageRequest {
  std::string after;
  std::string before;
  size_t limit = kPageSize;
};

// The whole list as one page: for readers on this machine (the CLI), not callers over a network.
inline PageRequest WholeList() { return PageRequest{.limit = SIZE_MAX}; }

// Checks a page request a caller sent: `limit` from 1 to kMaxPageSize, cursors at most
// kMaxCursorBytes. Errors name the parameter: "limit", "cursor".
Status CheckPage(const PageRequest& page);

// The part of a list one page holds: items [begin, end) in the list's order, and the cursors
// of the pages after and before it (none at either end).
struct Window {
  size_t begin = 0, end = 0;
  std::optional<std::string> next, previous;
};

// The window `page` asks of `items`, in list order, whose keys `key_of(item)` give that order:
// ascending, or descending when `descending`.
template <typename Item, typename KeyOf>
Window WindowOf(const std::vector<Item>& items, KeyOf key_of, const PageRequest& page, bool descending = false) {
  // Whether an item's key comes before `cursor` in the list's order (or is it).
  const auto until = [&](const std::string& cursor, bool inclusive) {
    return [&, inclusive](const Item& item) {
      const auto key = key_of(item);
      return descending ? (inclusive ? key >= cursor : key > cursor) : (inclusive ? key <= cursor : key < cursor);
    };
  };
  Window w;
  if (!page.before.empty()) {
    w.end = size_t(std::partition_point(items.begin(), items.end(), until(page.before, false)) - items.begin());
    w.begin = w.end > page.limit ? w.end - page.limit : 0;
  } else {
    w.begin = page.after.empty()
                  ? 0
                  : size_t(std::partition_point(items.begin(), items.end(), until(page.after, true)) - items.begin());
    w.end = std::min(items.size(), w.begin + std::min(page.limit, items.size()));
  }
  if (w.end < items.size() && w.end > w.begin) w.next = std::string(key_of(items[w.end - 1]));
  if (w.begin > 0 && w.begin < items.size()) w.previous = std::string(key_of(items[w.begin]));
  return w;
}

}  // namespace jem::views
