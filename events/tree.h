// The Merkle tree of RFC 9162 over an open log's events (events/merkle.h): leaf i is the
// event at position i + 1, and the tree of `size` leaves is the log as it stood at that
// head. The log keeps the tree as it appends; this reads it. Each call reads O(log n) stored
// hashes, and fails with kInvalidArgument for a tree beyond the head.
#pragma once

#include <cstdint>
#include <vector>

#include "events/log.h"

namespace jem {

class LogTree {
 public:
  // Reads `log`'s tree; `log` must outlive it. Cheap to make.
  explicit LogTree(const Log& log) : log_(log) {}

  // The root hash of the tree of the first `size` events.
  Result<Hash> Root(uint64_t size) const;
  // The proof that the event at `position` is leaf position - 1 of the tree of `size` events.
  Result<std::vector<Hash>> InclusionProof(uint64_t position, uint64_t size) const;
  // The proof that the tree of `old_size` events is the start of the tree of `new_size`.
  Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size) const;
  // The hashes of the complete subtrees of 2^level events numbered first .. first+count-1
  // (the hash tiles of C2SP tlog-tiles are runs of these).
  Result<std::vector<Hash>> Level(uint8_t level, uint64_t first, uint64_t count) const;

 private:
  const Log& log_;
};

}  // namespace jem
