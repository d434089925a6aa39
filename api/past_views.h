// The views as of a past day, for requests that ask for them (?as_of=D&basis=recorded or
// happened). Folding the log to a past day reads much of it, so the last few models folded
// are kept while the log has not moved on; one fold runs at a time, so a burst of such
// requests costs one fold, not one each.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "events/log.h"
#include "projections/audit/as_of.h"

namespace jem::api {

class PastViews {
 public:
  // The read model as of the end of `day` on `basis`; the log's read errors.
  Result<std::shared_ptr<const ReadModel>> Model(const Log& log, std::chrono::sys_days day, audit::Basis basis);

 private:
  struct Kept {
    std::chrono::sys_days day;
    audit::Basis basis;
    uint64_t head;  // the log's head when it was folded
    std::shared_ptr<const ReadModel> model;
  };
  static constexpr size_t kKept = 2;
  std::mutex mu_;
  std::vector<Kept> kept_;  // most recent last
};

}  // namespace jem::api
