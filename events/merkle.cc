#include "events/merkle.h"

#include <bit>
#include <string>

namespace jem::merkle {
namespace {

constexpr uint8_t kLeafPrefix[1] = {0x00};
constexpr uint8_t kNodePrefix[1] = {0x01};

// The largest power of two below n (n >= 2): where RFC 9162 splits a tree of n leaves.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

void AddInclusion(uint64_t leaf, Range r, std::vector<Range>& out) {
  const uint64_t n = r.end - r.begin;
  if (n <= 1) return;
  const uint64_t k = SplitPoint(n);
  if (leaf - r.begin < k) {
    AddInclusion(leaf, {r.begin, r.begin + k}, out);
    out.push_back({r.begin + k, r.end});
  } else {
    AddInclusion(leaf, {r.begin + k, r.end}, out);
    out.push_back({r.begin, r.begin + k});
  }
}

// SUBPROOF(m, D[r], b) of RFC 9162, with `m` counted from r.begin.
void AddConsistency(uint64_t m, Range r, bool whole, std::vector<Range>& out) {
  const uint64_t n = r.end - r.begin;
  if (m == n) {
    if (!whole) out.push_back(r);
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    AddConsistency(m, {r.begin, r.begin + k}, whole, out);
    out.push_back({r.begin + k, r.end});
  } else {
    AddConsistency(m - k, {r.begin + k, r.end}, false, out);
    out.push_back({r.begin, r.begin + k});
  }
}

std::string Hex(const Hash& h) { return ToHex(h); }

// RFC 9162's "if LSB(fn) is not set, right-shift fn and sn equally until either LSB(fn) is
// set or fn is 0": up past the levels where the node is a left child with no right sibling.
void ClimbLeftEdges(uint64_t& fn, uint64_t& sn) {
  while (!(fn & 1) && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Hash LeafHash(std::span<const uint8_t> entry) { return Sha256({kLeafPrefix, entry}); }

Hash NodeHash(const Hash& left, const Hash& right) {
  return Sha256({kNodePrefix, left, right});
}

Hash EmptyRoot() { return Sha256(std::span<const uint8_t>()); }

std::vector<Node> NodesOf(Range range) {
  std::vector<Node> nodes;
  uint64_t at = range.begin;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((range.end - at) & width) {
      nodes.push_back({static_cast<uint8_t>(level), at >> level});
      at += width;
    }
  }
  return nodes;
}

std::vector<Range> InclusionRanges(uint64_t leaf, uint64_t size) {
  std::vector<Range> out;
  AddInclusion(leaf, {0, size}, out);
  return out;
}

std::vector<Range> ConsistencyRanges(uint64_t old_size, uint64_t new_size) {
  std::vector<Range> out;
  AddConsistency(old_size, {0, new_size}, true, out);
  return out;
}

Result<std::vector<Hash>> HashRanges(std::span<const Range> ranges, const NodeReader& read) {
  std::vector<Node> nodes;
  std::vector<size_t> ends;  // where each range's nodes end in `nodes`
  for (const Range& r : ranges) {
    for (const Node& n : NodesOf(r)) nodes.push_back(n);
    ends.push_back(nodes.size());
  }
  JEM_ASSIGN_OR_RETURN(auto hashes, read(nodes));
  if (hashes.size() != nodes.size()) {
    return Status::Corruption("the tree gave " + std::to_string(hashes.size()) + " hashes for " +
                              std::to_string(nodes.size()) + " nodes");
  }
  std::vector<Hash> out;
  size_t begin = 0;
  for (size_t end : ends) {
    // The largest subtree is the left child of the next; fold from the right.
    Hash h = hashes[end - 1];
    for (size_t i = end - 1; i-- > begin;) h = NodeHash(hashes[i], h);
    out.push_back(h);
    begin = end;
  }
  return out;
}

Result<Hash> RootHash(uint64_t size, const NodeReader& read) {
  if (size == 0) return EmptyRoot();
  const Range all{0, size};
  JEM_ASSIGN_OR_RETURN(auto hashes, HashRanges({&all, 1}, read));
  return hashes.front();
}

Status VerifyInclusion(uint64_t leaf, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  if (leaf >= size) {
    return Status::InvalidArgument("leaf " + std::to_string(leaf) + " is not in a tree of " +
                                   std::to_string(size) + " leaves");
  }
  uint64_t fn = leaf, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Status::InvalidArgument("the inclusion proof has more hashes than the tree has levels");
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      ClimbLeftEdges(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument("the inclusion proof has too few hashes for the tree");
  if (r != root) {
    return Status::InvalidArgument("the inclusion proof leads to root " + Hex(r) +
                                   ", not the checkpoint's " + Hex(root));
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof) {
  if (old_size == 0 || old_size > new_size) {
    return Status::InvalidArgument("no consistency proof goes from a tree of " +
                                   std::to_string(old_size) + " leaves to one of " +
                                   std::to_string(new_size));
  }
  if (old_size == new_size) {
    if (!proof.empty()) return Status::InvalidArgument("a proof between equal trees must be empty");
    if (old_root != new_root) {
      return Status::InvalidArgument("two trees of " + std::to_string(old_size) +
                                     " leaves have different roots: " + Hex(old_root) + " and " +
                                     Hex(new_root));
    }
    return Status::Ok();
  }
  if (proof.empty()) return Status::InvalidArgument("the consistency proof is empty");
  std::vector<Hash> path(proof.begin(), proof.end());
  if (std::has_single_bit(old_size)) path.insert(path.begin(), old_root);
  uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return Status::InvalidArgument("the consistency proof has too many hashes");
    const Hash& c = path[i];
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      ClimbLeftEdges(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument("the consistency proof has too few hashes");
  if (fr != old_root) {
    return Status::InvalidArgument("the consistency proof does not lead to the old root " +
                                   Hex(old_root) + " (it gives " + Hex(fr) + ")");
  }
  if (sr != new_root) {
    return Status::InvalidArgument("the consistency proof does not lead to the new root " +
                                   Hex(new_root) + " (it gives " + Hex(sr) + ")");
  }
  return Status::Ok();
}

TreeEdge::TreeEdge(uint64_t size, std::vector<Hash> roots) : size_(size), roots_(std::move(roots)) {}

void TreeEdge::Append(const Hash& leaf_hash,
                      const std::function<void(Node, const Hash&)>& completed) {
  Hash h = leaf_hash;
  uint64_t index = size_;
  uint8_t level = 0;
  completed({level, index}, h);
  // Each trailing one bit of the old size is a complete subtree this leaf now pairs with.
  while (index & 1) {
    h = NodeHash(roots_.back(), h);
    roots_.pop_back();
    index >>= 1;
    ++level;
    completed({level, index}, h);
  }
  roots_.push_back(h);
  ++size_;
}

Hash TreeEdge::Root() const {
  if (roots_.empty()) return EmptyRoot();
  Hash h = roots_.back();
  for (size_t i = roots_.size() - 1; i-- > 0;) h = NodeHash(roots_[i], h);
  return h;
}

}  // namespace jem::merkle
