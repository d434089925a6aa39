// Verify: re-reads the whole log and checks positions, hashes, links and the head; then that
// the stored Merkle tree and the indexes say what the events say.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/container_hash/hash.hpp>

#include "events/verify.h"

#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {
namespace {

// Compares the nodes the events complete, in the order they complete them, with the stored
// tree: each level's nodes complete in index order, so one iterator per level reads them.
class StoredTreeCheck {
 public:
  StoredTreeCheck(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree, const rocksdb::ReadOptions& ro)
      : db_(db), tree_(tree), ro_(ro) {}

  // Empty if the stored node matches `hash`, else what is wrong.
  std::string Check(merkle::Node node, const Hash& hash) {
    if (levels_.size() <= node.level) levels_.resize(node.level + 1);
    auto& it = levels_[node.level];
    if (!it) {
      it.reset(db_->NewIterator(ro_, tree_));
      it->Seek(storage::TreeNodeKey(node.level, node.index));
    }
    const std::string where = "the tree's node " + std::to_string(node.index) + " at level " +
                              std::to_string(node.level);
    if (!it->Valid() || it->key().ToStringView() != storage::TreeNodeKey(node.level, node.index)) {
      return where + " is missing";
    }
    const bool same = it->value().size() == hash.size() &&
                      std::memcmp(it->value().data(), hash.data(), hash.size()) == 0;
    it->Next();
    if (same) return {};
    if (node.level == 0) {
      return "the event does not match its leaf in the Merkle tree: the event (or the tree) was "
             "altered after it was written";
    }
    return where + " does not match the events below it: the tree was altered";
  }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* tree_;
  rocksdb::ReadOptions ro_;
  std::vector<std::unique_ptr<rocksdb::Iterator>> levels_;
};

// The tree's half of a verification, on a thread of its own so that it hashes the leaves
// while the caller hashes the chain: batches of stored events in, the first mismatch out.
class TreeVerifier {
 public:
  TreeVerifier(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree, const rocksdb::ReadOptions& ro)
      : check_(db, tree, ro), thread_([this] { Run(); }) {}
  ~TreeVerifier() { (void)Finish(); }

  // Adds the stored bytes of the next event.
  void Add(std::string_view stored) {
    filling_.data.append(stored);
    filling_.ends.push_back(filling_.data.size());
    if (filling_.ends.size() == kBatch) Send();
  }

  // Waits for every event added; the first position whose tree does not match, and why.
  std::optional<std::pair<uint64_t, std::string>> Finish() {
    if (thread_.joinable()) {
      Send();
      {
        std::lock_guard lock(mu_);
        closed_ = true;
      }
      changed_.notify_all();
      thread_.join();
    }
    return problem_;
  }

 private:
  static constexpr size_t kBatch = 512;
  struct Batch {
    std::string data;
    std::vector<size_t> ends;
  };

  void Send() {
    if (filling_.ends.empty()) return;
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return queued_.size() < 4; });  // bounded: at most a few batches ahead
    queued_.push_back(std::move(filling_));
    filling_ = Batch();
    changed_.notify_all();
  }

  void Run() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [&] { return closed_ || !queued_.empty(); });
        if (queued_.empty()) return;
        batch = std::move(queued_.front());
        queued_.pop_front();
      }
      changed_.notify_all();
      size_t begin = 0;
      for (size_t end : batch.ends) {
        if (problem_) break;  // the first is the one reported; the rest are only drained
        std::string found;
        const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(batch.data.data()) + begin, end - begin);
        edge_.Append(merkle::LeafHash(bytes), [&](merkle::Node n, const Hash& h) {
          if (found.empty()) found = check_.Check(n, h);
        });
        if (!found.empty()) problem_.emplace(edge_.size(), std::move(found));
        begin = end;
      }
    }
  }

  StoredTreeCheck check_;
  merkle::TreeEdge edge_;
  std::optional<std::pair<uint64_t, std::string>> problem_;  // written by the thread until joined
  Batch filling_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Batch> queued_;
  bool closed_ = false;
  std::thread thread_;
};

// What each position holds, in brief, so the indexes can be checked in one pass each.
struct Fingerprints {
  std::vector<uint64_t> stream_version;  // of (stream id, version), by position - 1
  std::vector<uint64_t> id;              // of the event id, by position - 1

  static uint64_t Of(std::string_view stream, uint64_t version) {
    size_t h = std::hash<std::string_view>()(stream);
    boost::hash_combine(h, version);
    return h;
  }
  static uint64_t Of(std::string_view id) { return std::hash<std::string_view>()(id); }
};

// Checks that the streams index maps every (stream, version) of the events to its position,
// that each stream's head holds its last version, and that it lists nothing else.
std::optional<std::pair<uint64_t, std::string>> CheckStreamIndex(
    rocksdb::Iterator& it, const Fingerprints& prints) {
  const uint64_t n = prints.stream_version.size();
  std::vector<bool> seen(n);
  std::string stream;
  uint64_t head_version = 0, last_version = 0;
  auto stream_ends = [&]() -> std::optional<std::pair<uint64_t, std::string>> {
    if (!stream.empty() && last_version != head_version) {
      return std::pair<uint64_t, std::string>(
          0, "the streams index records version " + std::to_string(head_version) + " as the last of '" +
                 stream + "', but it lists " + std::to_string(last_version) + " versions");
    }
    return std::nullopt;
  };
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const std::string_view key = it.key().ToStringView();
    const size_t zero = key.find('\0');
    const std::string_view id = key.substr(0, zero);
    const std::string_view rest = zero == std::string_view::npos ? "?" : key.substr(zero + 1);
    const uint64_t value = storage::DecodePosition(it.value().ToStringView());
    if (rest.empty()) {
      if (auto bad = stream_ends()) return bad;
      stream = id;
      head_version = value;
      last_version = 0;
      continue;
    }
    const uint64_t version = storage::DecodePosition(rest);
    if (id != stream || version != last_version + 1) {
      return std::pair<uint64_t, std::string>(
          value, "the streams index has an entry for '" + std::string(id) + "' version " +
                     std::to_string(version) + " out of place");
    }
    last_version = version;
    if (value == 0 || value > n || Fingerprints::Of(id, version) != prints.stream_version[value - 1]) {
      return std::pair<uint64_t, std::string>(
          value, "the streams index puts '" + std::string(id) + "' version " + std::to_string(version) +
                     " at position " + std::to_string(value) + ", which holds another event");
    }
    if (seen[value - 1]) {
      return std::pair<uint64_t, std::string>(value, "the streams index lists this event twice");
    }
    seen[value - 1] = true;
  }
  if (auto bad = stream_ends()) return bad;
  for (uint64_t p = 0; p < n; ++p) {
    if (!seen[p]) return std::pair<uint64_t, std::string>(p + 1, "the event is missing from the streams index");
  }
  return std::nullopt;
}

// Checks that the event-id index maps every event's id to its position, and nothing else.
std::optional<std::pair<uint64_t, std::string>> CheckIdIndex(rocksdb::Iterator& it,
                                                             const Fingerprints& prints) {
  const uint64_t n = prints.id.size();
  std::vector<bool> seen(n);
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const uint64_t value = storage::DecodePosition(it.value().ToStringView());
    if (value == 0 || value > n || Fingerprints::Of(it.key().ToStringView()) != prints.id[value - 1] ||
        seen[value - 1]) {
      return std::pair<uint64_t, std::string>(
          value, "the event-id index maps an id to position " + std::to_string(value) +
                     ", which does not hold an event with that id");
    }
    seen[value - 1] = true;
  }
  for (uint64_t p = 0; p < n; ++p) {
    if (!seen[p]) return std::pair<uint64_t, std::string>(p + 1, "the event's id is missing from the event-id index");
  }
  return std::nullopt;
}

}  // namespace

Result<VerifyReport> VerifyLog(const Log& log) {
  const auto& impl_ = log.impl_;
  // One snapshot, so appends running meanwhile neither shift the head nor half-appear.
  const rocksdb::Snapshot* snapshot = impl_->db->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{impl_->db.get(), snapshot};
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;

  Head recorded;
  std::string head_value;
  auto s = impl_->db->Get(ro, impl_->meta, storage::kHeadKey, &head_value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the head");
  VerifyReport report;
  auto fail = [&](uint64_t position, std::string problem) -> Result<VerifyReport> {
    report.bad_position = position;
    report.problem = std::move(problem);
    return report;
  };
  if (s.ok() && !storage::DecodeHead(head_value, &recorded.position, &recorded.hash)) {
    return fail(0, "the head record is malformed");
  }

  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  TreeVerifier tree(impl_->db.get(), impl_->tree, ro);
  // The first problem of the chain's scan, reported unless the tree's is at an earlier position.
  auto fail_after_tree = [&](uint64_t position, std::string problem) -> Result<VerifyReport> {
    auto tree_problem = tree.Finish();
    if (tree_problem && tree_problem->first <= position) return fail(tree_problem->first, std::move(tree_problem->second));
    return fail(position, std::move(problem));
  };
  Fingerprints prints;
  Hash previous{};
  uint64_t expected = 1;
  RecordedEvent event;  // reused from one position to the next
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    const uint64_t position = storage::DecodePosition(it->key().ToStringView());
    if (position != expected) {
      return fail_after_tree(expected, "position " + std::to_string(expected) +
                                " is missing; the next stored event is at " + std::to_string(position));
    }
    if (position > recorded.position) {
      return fail_after_tree(expected, "an event is stored after the recorded head (position " +
                                std::to_string(recorded.position) + ")");
    }
    Status decoded = event.Assign(position, it->value().ToStringView());
    if (!decoded.ok()) return fail_after_tree(expected, decoded.message());
    if (event.previous_hash() != previous) {
      return fail_after_tree(expected, "its previous-hash is " + ToHex(event.previous_hash()) +
                                " but the event before it hashes to " + ToHex(previous));
    }
    previous = event.hash();
    tree.Add(it->value().ToStringView());
    prints.stream_version.push_back(Fingerprints::Of(event.stream_id(), event.stream_version()));
    const EventId id = event.id();
    prints.id.push_back(Fingerprints::Of(storage::EventIdKey(id)));
    ++report.events_checked;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the log");
  if (auto tree_problem = tree.Finish()) return fail(tree_problem->first, std::move(tree_problem->second));
  if (expected <= recorded.position) {
    return fail_after_tree(expected, "the head is at position " + std::to_string(recorded.position) +
                              " but the log ends before it");
  }
  if (recorded.position > 0 && previous != recorded.hash) {
    return fail_after_tree(recorded.position, "the event hashes to " + ToHex(previous) + " but the head records " +
                                       ToHex(recorded.hash) + ": it was altered after it was written");
  }

  // The two indexes are independent: each is read on its own thread.
  std::unique_ptr<rocksdb::Iterator> streams(impl_->db->NewIterator(ro, impl_->streams));
  std::unique_ptr<rocksdb::Iterator> ids(impl_->db->NewIterator(ro, impl_->ids));
  std::optional<std::pair<uint64_t, std::string>> bad_id;
  std::thread id_check([&] { bad_id = CheckIdIndex(*ids, prints); });
  auto bad = CheckStreamIndex(*streams, prints);
  id_check.join();
  if (!bad) JEM_RETURN_IF_ERROR(FromRocks(streams->status(), "reading the streams index"));
  if (!bad && !bad_id) JEM_RETURN_IF_ERROR(FromRocks(ids->status(), "reading the event-id index"));
  if (!bad || (bad_id && bad_id->first != 0 && bad_id->first < bad->first)) bad = std::move(bad_id);
  if (bad) return fail(bad->first, std::move(bad->second));
  return report;
}

}  // namespace jem
