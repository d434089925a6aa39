// The views as of a past day, for requests that ask for them (?as_of=D&basis=recorded or
// happened). Folding the log to a past day reads much of it, so the last two models folded
// are kept while the log has not moved on, and one fold runs at a time, in turns shared
// fairly between callers (api/fair_turns.h): a caller's request waits its turn; one that
// already has a fold waiting, or whose role's line is full, is told to come back (503).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "api/fair_turns.h"
#include "events/log.h"
#include "projections/audit/as_of.h"

namespace jem::api {

class PastViews {
 public:
  // The most callers of one role that may wait for a fold at once.
  static constexpr size_t kWaitingPerRole = 8;

  // The read model as of the end of `day` on `basis`, folded in `who`'s turn if it is not
  // kept. Errors: kBusy (FairTurns::Take's); the log's read errors.
  Result<std::shared_ptr<const ReadModel>> Model(const Log& log, std::chrono::sys_days day, audit::Basis basis,
                                                 const FairTurns::Who& who);

  // A turn at folding the log, for other work of that cost (the late records fold it twice).
  Result<FairTurns::Turn> Turn(const FairTurns::Who& who) { return turns_.Take(who); }

  // Ends every wait (the server is stopping).
  void Close() { turns_.Close(); }

 private:
  struct Kept {
    std::chrono::sys_days day;
    audit::Basis basis;
    uint64_t head;  // the log's head when it was folded
    std::shared_ptr<const ReadModel> model;
  };
  static constexpr size_t kKept = 2;
  // The model kept for `day` and `basis` at `head`, or null.
  std::shared_ptr<const ReadModel> Find(std::chrono::sys_days day, audit::Basis basis, uint64_t head);

  std::mutex mu_;           // guards kept_
  std::vector<Kept> kept_;  // most recent last
  FairTurns turns_{kWaitingPerRole};
};

}  // namespace jem::api
