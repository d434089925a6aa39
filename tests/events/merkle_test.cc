// The RFC 9162 tree as pure functions: known roots, and every proof of small trees checked
// both ways, including proofs with a hash altered, added or dropped (the bug class of
// immudb's GHSA-672p-m5jq-mrh8, where a verifier let part of a proof go unchecked).
#include "events/merkle.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace jem::merkle {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// The tree computed the slow way, straight from RFC 9162's definition of MTH.
Hash Mth(const std::vector<Hash>& leaves, uint64_t begin, uint64_t end) {
  if (end - begin == 1) return leaves[begin];
  uint64_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return NodeHash(Mth(leaves, begin, begin + k), Mth(leaves, begin + k, end));
}

// A tree built with TreeEdge, its completed nodes kept in a map as the log keeps them.
struct StoredTree {
  std::map<std::pair<uint8_t, uint64_t>, Hash> nodes;
  std::vector<Hash> leaves;
  TreeEdge edge;

  void Add(const std::string& entry) {
    leaves.push_back(LeafHash(Bytes(entry)));
    edge.Append(leaves.back(), [&](Node n, const Hash& h) {
      EXPECT_TRUE(nodes.emplace(std::pair(n.level, n.index), h).second) << "node stored twice";
    });
  }
  NodeReader Reader() const {
    return [this](std::span<const Node> want) -> Result<std::vector<Hash>> {
      std::vector<Hash> out;
      for (const Node& n : want) {
        auto it = nodes.find({n.level, n.index});
        if (it == nodes.end()) return Status::NotFound("no node " + std::to_string(n.index));
        out.push_back(it->second);
      }
      return out;
    };
  }
  Hash Root(uint64_t size) const { return *RootHash(size, Reader()); }
};

StoredTree TreeOf(int n) {
  StoredTree t;
  for (int i = 0; i < n; ++i) t.Add("event " + std::to_string(i));
  return t;
}

TEST(MerkleTest, RootsMatchTheCertificateTransparencyTestVectors) {
  // The eight leaves and roots of the reference implementation's tests (RFC 6962's tree,
  // unchanged in RFC 9162).
  const std::vector<std::string> leaves = {"", std::string(1, '\0'), "\x10", "\x20\x21", "\x30\x31",
                                           "\x40\x41\x42\x43", "\x50\x51\x52\x53\x54\x55\x56\x57",
                                           "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  StoredTree t;
  for (size_t i = 0; i < leaves.size(); ++i) {
    t.Add(leaves[i]);
    EXPECT_EQ(ToHex(t.edge.Root()), roots[i]) << "tree of " << i + 1;
    EXPECT_EQ(ToHex(t.Root(i + 1)), roots[i]) << "tree of " << i + 1 << " from stored nodes";
  }
  EXPECT_EQ(ToHex(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MerkleTest, StoredNodesGiveTheRootOfEveryEarlierTree) {
  const StoredTree t = TreeOf(70);
  for (uint64_t n = 1; n <= 70; ++n) EXPECT_EQ(t.Root(n), Mth(t.leaves, 0, n)) << n;
  // About two stored hashes per leaf: the leaves and the complete subtrees above them.
  EXPECT_EQ(t.nodes.size(), 2u * 70 - 3 /* popcount(70) */);
}

TEST(MerkleTest, EveryInclusionProofVerifiesAndNoOtherLeafOrTreePasses) {
  const StoredTree t = TreeOf(37);
  for (uint64_t n = 1; n <= 37; ++n) {
    const Hash root = t.Root(n);
    for (uint64_t leaf = 0; leaf < n; ++leaf) {
      auto proof = HashRanges(InclusionRanges(leaf, n), t.Reader());
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(VerifyInclusion(leaf, n, t.leaves[leaf], *proof, root).ok()) << leaf << " in " << n;
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion((leaf + 1) % n, n, t.leaves[leaf], *proof, root).ok());
      }
      if (n < 37) {
        EXPECT_FALSE(VerifyInclusion(leaf, n + 1, t.leaves[leaf], *proof, t.Root(n + 1)).ok());
      }
      EXPECT_FALSE(VerifyInclusion(leaf, n, t.leaves[(leaf + 1) % 37], *proof, root).ok());
      for (size_t i = 0; i < proof->size(); ++i) {
        auto altered = *proof;
        altered[i][i % 32] ^= 1;
        EXPECT_FALSE(VerifyInclusion(leaf, n, t.leaves[leaf], altered, root).ok());
        auto shorter = *proof;
        shorter.erase(shorter.begin() + i);
        EXPECT_FALSE(VerifyInclusion(leaf, n, t.leaves[leaf], shorter, root).ok());
      }
      auto longer = *proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaf, n, t.leaves[leaf], longer, root).ok());
    }
  }
  EXPECT_FALSE(VerifyInclusion(3, 3, t.leaves[3], {}, t.Root(3)).ok());
}

TEST(MerkleTest, EveryConsistencyProofVerifiesAndEveryAlteredHashIsCaught) {
  const StoredTree t = TreeOf(33);
  for (uint64_t m = 1; m <= 33; ++m) {
    for (uint64_t n = m; n <= 33; ++n) {
      const Hash old_root = t.Root(m), new_root = t.Root(n);
      auto proof = HashRanges(ConsistencyRanges(m, n), t.Reader());
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyConsistency(m, n, old_root, new_root, *proof).ok()) << m << " to " << n;
      for (size_t i = 0; i < proof->size(); ++i) {
        auto altered = *proof;
        altered[i][31 - i % 32] ^= 0x80;
        EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, altered).ok())
            << "hash " << i << " of the proof from " << m << " to " << n << " goes unchecked";
        auto shorter = *proof;
        shorter.erase(shorter.begin() + i);
        EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, shorter).ok());
      }
      auto longer = *proof;
      longer.push_back(new_root);
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, longer).ok());
      if (m < n) {
        // A rewritten history: the same sizes, any other old root.
        EXPECT_FALSE(VerifyConsistency(m, n, t.leaves[0] == old_root ? new_root : t.leaves[0],
                                       new_root, *proof).ok());
        EXPECT_FALSE(VerifyConsistency(m, n, old_root, old_root, *proof).ok());
        if (m > 1) {
          EXPECT_FALSE(VerifyConsistency(m - 1, n, old_root, new_root, *proof).ok());
        }
      }
    }
  }
  EXPECT_FALSE(VerifyConsistency(0, 5, t.Root(1), t.Root(5), {}).ok());
  EXPECT_FALSE(VerifyConsistency(6, 5, t.Root(6), t.Root(5), {}).ok());
  EXPECT_FALSE(VerifyConsistency(5, 5, t.Root(5), t.Root(5), std::vector<Hash>{t.Root(5)}).ok());
}

}  // namespace
}  // namespace jem::merkle
