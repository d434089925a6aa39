// The Merkle tree beside the chain: adding leaves as events are written, adding the tree to
// a log from before it, and reading roots and proofs (events/tree.h).
#include <spdlog/spdlog.h>

#include "events/tree.h"

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {
namespace {

rocksdb::Slice HashSlice(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

// How many events a backfill adds to the tree per write.
constexpr uint64_t kBackfillBatch = 20000;

}  // namespace

void Log::Impl::AddLeaf(std::span<const uint8_t> bytes, merkle::TreeEdge& tree_edge,
                        rocksdb::WriteBatch& batch) {
  tree_edge.Append(merkle::LeafHash(bytes), [&](merkle::Node n, const Hash& h) {
    batch.Put(tree, storage::TreeNodeKey(n.level, n.index), HashSlice(h));
  });
}

Result<std::vector<Hash>> Log::Impl::ReadNodes(std::span<const merkle::Node> nodes,
                                               const rocksdb::ReadOptions& ro) const {
  std::vector<std::string> keys;
  std::vector<rocksdb::Slice> slices;
  keys.reserve(nodes.size());
  for (const merkle::Node& n : nodes) keys.push_back(storage::TreeNodeKey(n.level, n.index));
  for (const std::string& k : keys) slices.emplace_back(k);
  std::vector<rocksdb::PinnableSlice> values(nodes.size());
  std::vector<rocksdb::Status> statuses(nodes.size());
  db->MultiGet(ro, tree, slices.size(), slices.data(), values.data(), statuses.data());
  std::vector<Hash> out(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    const std::string what = "tree node " + std::to_string(nodes[i].index) + " at level " +
                             std::to_string(nodes[i].level);
    if (statuses[i].IsNotFound()) return Status::Corruption(what + " is missing from " + dir);
    if (!statuses[i].ok()) return FromRocks(statuses[i], "reading " + what);
    if (values[i].size() != out[i].size()) {
      return Status::Corruption(what + " is " + std::to_string(values[i].size()) + " bytes, not 32");
    }
    std::memcpy(out[i].data(), values[i].data(), out[i].size());
  }
  return out;
}

Status Log::Impl::LoadTree() {
  const uint64_t size = head.position;
  if (size > 0) {
    // Every append writes its leaves with its events, so a tree that has the last leaf has
    // them all; one that lacks it belongs to a log from before the tree.
    const merkle::Node last{0, size - 1};
    if (!ReadNodes({&last, 1}, {}).ok()) {
      // Resume a backfill that was cut short, if its nodes are still there; else start over.
      uint64_t done = 0;
      std::string value;
      if (db->Get({}, meta, storage::kTreeBackfillKey, &value).ok()) {
        done = std::min(storage::DecodePosition(value), size);
      }
      auto resumed = ReadNodes(merkle::NodesOf({0, done}), {});
      if (!resumed.ok()) done = 0;
      spdlog::info("adding the Merkle tree to the log in {}: {} events, from {}", dir, size, done + 1);
      merkle::TreeEdge building(done, done == 0 ? std::vector<Hash>() : std::move(*resumed));
      while (done < size) {
        rocksdb::WriteBatch batch;
        const uint64_t to = std::min(size, done + kBackfillBatch);
        JEM_RETURN_IF_ERROR(ScanRange(done + 1, to, {}, [&](RecordedEvent& e) {
          AddLeaf(e.bytes(), building, batch);
          return true;
        }));
        done = to;
        if (done < size) {
          batch.Put(meta, storage::kTreeBackfillKey, storage::PositionKey(done));
        } else {
          batch.Delete(meta, storage::kTreeBackfillKey);
        }
        rocksdb::WriteOptions synced;
        synced.sync = true;
        JEM_RETURN_IF_ERROR(FromRocks(db->Write(synced, &batch), "adding the tree to " + dir));
      }
    }
  }
  JEM_ASSIGN_OR_RETURN(auto roots, ReadNodes(merkle::NodesOf({0, size}), {}));
  edge = merkle::TreeEdge(size, std::move(roots));
  return Status::Ok();
}

namespace {

Status WithinHead(uint64_t size, uint64_t head) {
  if (size > head) {
    return Status::InvalidArgument("the log holds " + std::to_string(head) +
                                   " events; there is no tree of " + std::to_string(size));
  }
  return Status::Ok();
}

}  // namespace

Result<Hash> LogTree::Root(uint64_t size) const {
  JEM_RETURN_IF_ERROR(WithinHead(size, log_.head().position));
  return merkle::RootHash(size, [&](auto nodes) { return log_.impl_->ReadNodes(nodes, {}); });
}

Result<std::vector<Hash>> LogTree::InclusionProof(uint64_t position, uint64_t size) const {
  JEM_RETURN_IF_ERROR(WithinHead(size, log_.head().position));
  if (position == 0 || position > size) {
    return Status::InvalidArgument("position " + std::to_string(position) +
                                   " is not in the tree of " + std::to_string(size) +
                                   " events (positions start at 1)");
  }
  const auto ranges = merkle::InclusionRanges(position - 1, size);
  return merkle::HashRanges(ranges, [&](auto nodes) { return log_.impl_->ReadNodes(nodes, {}); });
}

Result<std::vector<Hash>> LogTree::ConsistencyProof(uint64_t old_size, uint64_t new_size) const {
  JEM_RETURN_IF_ERROR(WithinHead(new_size, log_.head().position));
  if (old_size == 0 || old_size > new_size) {
    return Status::InvalidArgument("a consistency proof goes from a smaller tree to a larger one "
                                   "(asked from " + std::to_string(old_size) + " to " +
                                   std::to_string(new_size) + " events, and the smaller must have at least one)");
  }
  const auto ranges = merkle::ConsistencyRanges(old_size, new_size);
  return merkle::HashRanges(ranges, [&](auto nodes) { return log_.impl_->ReadNodes(nodes, {}); });
}

Result<std::vector<Hash>> LogTree::Level(uint8_t level, uint64_t first, uint64_t count) const {
  const uint64_t size = log_.head().position;
  if (level >= 64 || first + count < first || ((first + count) << level) >> level != first + count ||
      ((first + count) << level) > size) {
    return Status::InvalidArgument("the tree of " + std::to_string(size) + " events has no " +
                                   std::to_string(count) + " nodes from " + std::to_string(first) +
                                   " at level " + std::to_string(level));
  }
  std::vector<Hash> out;
  out.reserve(count);
  std::unique_ptr<rocksdb::Iterator> it(log_.impl_->db->NewIterator({}, log_.impl_->tree));
  uint64_t index = first;
  for (it->Seek(storage::TreeNodeKey(level, first)); it->Valid() && index < first + count;
       it->Next(), ++index) {
    if (it->key().ToStringView() != storage::TreeNodeKey(level, index) || it->value().size() != 32) {
      return Status::Corruption("tree node " + std::to_string(index) + " at level " +
                                std::to_string(level) + " is missing or malformed");
    }
    std::memcpy(out.emplace_back().data(), it->value().data(), 32);
  }
  JEM_RETURN_IF_ERROR(FromRocks(it->status(), "reading the tree"));
  if (out.size() != count) return Status::Corruption("the tree ends before node " + std::to_string(index));
  return out;
}

}  // namespace jem
