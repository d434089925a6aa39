// The Merkle tree of RFC 9162 (Certificate Transparency 2.0) over the log's events, as pure
// functions: hashing, the proofs a log gives, and the checks a verifier makes.
//
// Leaf i is the event at position i + 1; its hash is SHA-256(0x00 || the event's stored
// bytes). A node is SHA-256(0x01 || left || right). The tree of n leaves splits at the
// largest power of two below n, so every left subtree is complete. The log stores the hash
// of every complete subtree (a Node), which is enough to answer any proof with O(log n)
// reads; TreeEdge keeps the right edge in memory so an append adds O(1) hashes on average.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "events/event.h"
#include "events/status.h"

namespace jem::merkle {

// The complete subtree of 2^level leaves starting at leaf index << level.
struct Node {
  uint8_t level = 0;
  uint64_t index = 0;
  bool operator==(const Node&) const = default;
};

// The leaves [begin, end) of a tree: what one hash of a proof covers.
struct Range {
  uint64_t begin = 0;
  uint64_t end = 0;
};

Hash LeafHash(std::span<const uint8_t> entry);
Hash NodeHash(const Hash& left, const Hash& right);
// The root of the empty tree: SHA-256 of nothing.
Hash EmptyRoot();

// The stored nodes whose hashes make up the hash of `range`, largest first. The range must
// be one that RFC 9162's recursion produces (its start aligned to its largest power of two).
std::vector<Node> NodesOf(Range range);

// The ranges whose hashes make the inclusion proof of `leaf` in a tree of `size` leaves, from
// the leaf's sibling up to the root's child (RFC 9162, 2.1.3.1). Needs leaf < size.
std::vector<Range> InclusionRanges(uint64_t leaf, uint64_t size);
// The ranges of the proof that the tree of `old_size` leaves is a prefix of the tree of
// `new_size` (RFC 9162, 2.1.4.1). Needs 0 < old_size <= new_size; empty when they are equal.
std::vector<Range> ConsistencyRanges(uint64_t old_size, uint64_t new_size);

// Gives the stored hash of each node asked for, in order.
using NodeReader = std::function<Result<std::vector<Hash>>(std::span<const Node>)>;

// The hash of each range, reading every node they need in one call to `read`.
Result<std::vector<Hash>> HashRanges(std::span<const Range> ranges, const NodeReader& read);
// The root hash of the tree of `size` leaves.
Result<Hash> RootHash(uint64_t size, const NodeReader& read);

// Ok if `proof` shows the leaf with hash `leaf_hash` at index `leaf` in the tree of `size`
// leaves whose root is `root` (RFC 9162, 2.1.3.2); otherwise says what does not hold.
Status VerifyInclusion(uint64_t leaf, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);
// Ok if `proof` shows the tree (old_size, old_root) is a prefix of (new_size, new_root)
// (RFC 9162, 2.1.4.2). Every element of the proof takes part in the check.
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof);

// The right edge of a growing tree: the roots of its complete subtrees, largest first.
class TreeEdge {
 public:
  TreeEdge() = default;
  // The edge of the tree of `size` leaves whose complete-subtree roots are `roots`
  // (NodesOf({0, size}), in that order).
  TreeEdge(uint64_t size, std::vector<Hash> roots);

  // Adds a leaf. Calls `completed` for every node this completes: the leaf itself, then
  // each subtree it closes, smallest first.
  void Append(const Hash& leaf_hash, const std::function<void(Node, const Hash&)>& completed);

  uint64_t size() const { return size_; }
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> roots_;
};

}  // namespace jem::merkle
