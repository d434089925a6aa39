// Caches of views kept beside a log, outside the chain (the read model's snapshot,
// projections/read_model.h). Deleting them loses nothing: every view can be rebuilt from the
// events. Not synced: a cache lost in a crash is rebuilt.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "events/log.h"

namespace jem {

class ViewsCache {
 public:
  // Caches beside `log`; `log` must outlive it. Cheap to make.
  explicit ViewsCache(const Log& log) : log_(log) {}

  // Writes the entries all at once (or none), so that a cache is never half saved.
  Status Put(const std::vector<std::pair<std::string, std::string>>& entries) const;
  // The entry `name`, if there is one.
  Result<std::optional<std::string>> Get(std::string_view name) const;
  // Calls `visit(name, value)` for every entry whose name starts with `prefix`.
  // Stops at the first error `visit` returns, and returns it.
  Status Scan(std::string_view prefix, const std::function<Status(std::string_view, std::string_view)>& visit) const;
  // Deletes every entry: the views are rebuilt from the events when next loaded.
  Status Clear() const;

 private:
  const Log& log_;
};

}  // namespace jem
