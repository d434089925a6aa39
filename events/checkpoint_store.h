// Signed checkpoints kept beside a log: notes that sign its tree at some size (C2SP
// tlog-checkpoint, events/proofs/checkpoint.h), outside the chain, so that keeping them does
// not change the log. One note per tree size.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "events/log.h"

namespace jem {

class CheckpointStore {
 public:
  // Keeps `log`'s notes; `log` must outlive it. Cheap to make.
  explicit CheckpointStore(const Log& log) : log_(log) {}

  // Stores the note for the tree of `size` events, replacing any before it (a note that
  // gained cosignatures); synced before it returns. kIOError if the disk fails.
  Status Put(uint64_t size, std::string_view note) const;
  // The note of the tree of `size` events, if one is kept.
  Result<std::optional<std::string>> Get(uint64_t size) const;
  // The note of the largest tree signed so far, if any.
  Result<std::optional<std::string>> Latest() const;
  // Calls `visit(size, note)` for each kept note, smallest tree first, until it returns false.
  Status Scan(const std::function<bool(uint64_t, std::string_view)>& visit) const;

 private:
  const Log& log_;
};

}  // namespace jem
