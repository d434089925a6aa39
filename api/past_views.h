// The views as of a past day, for requests that ask for them (?as_of=D&basis=recorded or
// happened). Folding the log to a past day reads much of it, so the last two models folded
// are kept while the log has not moved on, and one fold runs at a time: a request that
// would have to wait for another's is refused (503), so a burst of them costs one fold and
// holds no worker.
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
  // The read model as of the end of `day` on `basis`. Errors: kBusy while another is being
  // folded; the log's read errors.
  Result<std::shared_ptr<const ReadModel>> Model(const Log& log, std::chrono::sys_days day, audit::Basis basis);

 private:
  struct Kept {
    std::chrono::sys_days day;
    audit::Basis basis;
    uint64_t head;  // the log's head when it was folded
    std::shared_ptr<const ReadModel> model;
  };
  static constexpr size_t kKept = 2;
  std::mutex mu_;            // guards kept_
  std::mutex fold_mu_;       // held while a model is folded
  std::vector<Kept> kept_;   // most recent last
};

}  // namespace jem::api
