// The Merkle tree the log keeps beside its chain: it matches the events, answers proofs a
// verifier accepts, survives reopening, is added to a log written before it, and Verify
// names the position where it (or an index) stops matching the events.
#include <thread>

#include "events/checkpoint_store.h"
#include "events/merkle.h"
#include "events/tree.h"
#include "events/verify.h"
#include "tests/events/tamper.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Note;
using testing::Notes;
using testing::OpenOrDie;

// The leaf hashes of every event, computed from the stored bytes as any reader would.
std::vector<Hash> Leaves(const Log& log) {
  std::vector<Hash> leaves;
  EXPECT_TRUE(log.Scan(1, [&](const RecordedEvent& e) {
    leaves.push_back(merkle::LeafHash(e.bytes()));
    return true;
  }).ok());
  return leaves;
}

Hash RootOf(const std::vector<Hash>& leaves, uint64_t size) {
  merkle::TreeEdge edge;
  for (uint64_t i = 0; i < size; ++i) edge.Append(leaves[i], [](auto, auto&) {});
  return edge.Root();
}

class LogTreeTest : public ::testing::Test {
 protected:
  void Fill(int events) {
    for (int i = 0; i < events; ++i) {
      ASSERT_TRUE(log_->Append("stream-" + std::to_string(i % 3), ExpectedVersion::Any(),
                               Notes({"event " + std::to_string(i)})).ok());
    }
  }
  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::unique_ptr<Log> log_ = OpenOrDie(dir_.path(), &clock_);
};

TEST_F(LogTreeTest, RootsAndProofsOfEveryTreeSizeCheckOut) {
  EXPECT_EQ(*LogTree(*log_).Root(0), merkle::EmptyRoot());
  Fill(21);
  const auto leaves = Leaves(*log_);
  for (uint64_t n = 1; n <= 21; ++n) {
    const Hash root = *LogTree(*log_).Root(n);
    ASSERT_EQ(root, RootOf(leaves, n)) << n;
    for (uint64_t position = 1; position <= n; ++position) {
      auto proof = LogTree(*log_).InclusionProof(position, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      EXPECT_TRUE(merkle::VerifyInclusion(position - 1, n, leaves[position - 1], *proof, root).ok());
    }
    for (uint64_t m = 1; m <= n; ++m) {
      auto proof = LogTree(*log_).ConsistencyProof(m, n);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(merkle::VerifyConsistency(m, n, *LogTree(*log_).Root(m), root, *proof).ok()) << m << " " << n;
    }
  }
}

TEST_F(LogTreeTest, AskingBeyondTheHeadIsRefusedWithTheHeadNamed) {
  Fill(4);
  auto root = LogTree(*log_).Root(5);
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(root.status().message().find("holds 4 events"), std::string::npos);
  EXPECT_FALSE(LogTree(*log_).InclusionProof(0, 4).ok());
  EXPECT_FALSE(LogTree(*log_).InclusionProof(5, 4).ok());
  EXPECT_FALSE(LogTree(*log_).ConsistencyProof(0, 4).ok());
  EXPECT_FALSE(LogTree(*log_).ConsistencyProof(4, 3).ok());
  EXPECT_FALSE(LogTree(*log_).Level(0, 3, 2).ok());
  EXPECT_FALSE(LogTree(*log_).Level(63, 1, 1).ok());
  EXPECT_EQ(LogTree(*log_).Level(0, 0, 4)->size(), 4u);
  EXPECT_EQ(LogTree(*log_).Level(2, 0, 1)->front(), *LogTree(*log_).Root(4));
}

TEST_F(LogTreeTest, ConcurrentAppendersBuildTheSameTreeAsTheirEvents) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        auto r = log_->Append("writer-" + std::to_string(t), ExpectedVersion::Any(), Notes({"x", "y"}));
        EXPECT_TRUE(r.ok()) << r.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  const uint64_t n = log_->head().position;
  ASSERT_EQ(n, 640u);
  EXPECT_EQ(*LogTree(*log_).Root(n), RootOf(Leaves(*log_), n));
  EXPECT_TRUE(VerifyLog(*log_)->ok()) << VerifyLog(*log_)->problem;
}

TEST_F(LogTreeTest, TheTreeSurvivesReopeningAndGrowsOnFromIt) {
  Fill(11);
  const Hash root11 = *LogTree(*log_).Root(11);
  log_.reset();
  log_ = OpenOrDie(dir_.path(), &clock_);
  EXPECT_EQ(*LogTree(*log_).Root(11), root11);
  Fill(6);
  EXPECT_EQ(*LogTree(*log_).Root(17), RootOf(Leaves(*log_), 17));
  EXPECT_TRUE(merkle::VerifyConsistency(11, 17, root11, *LogTree(*log_).Root(17), *LogTree(*log_).ConsistencyProof(11, 17)).ok());
}

TEST_F(LogTreeTest, ALogFromBeforeTheTreeGetsItWhenOpened) {
  Fill(45);
  const Hash root = *LogTree(*log_).Root(45);
  log_.reset();
  {
    // What a log written before the tree looks like: no nodes at all.
    auto raw = storage::RawLogDb::Open(dir_.path(), false);
    ASSERT_TRUE(raw.ok());
    auto& db = (*raw)->db();
    ASSERT_TRUE(db.DropColumnFamily((*raw)->tree()).ok());
  }
  log_ = OpenOrDie(dir_.path(), &clock_);
  EXPECT_EQ(*LogTree(*log_).Root(45), root);
  EXPECT_TRUE(VerifyLog(*log_)->ok()) << VerifyLog(*log_)->problem;
  // The tree dropped again after that (as an attacker covering a rewrite would), with a
  // backfill's progress marker left behind whose nodes are gone: rebuilt from the start.
  log_.reset();
  {
    auto raw = storage::RawLogDb::Open(dir_.path(), false);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE((*raw)->db().DropColumnFamily((*raw)->tree()).ok());
    ASSERT_TRUE((*raw)->db().Put({}, (*raw)->meta(), storage::kTreeBackfillKey, storage::PositionKey(30)).ok());
  }
  log_ = OpenOrDie(dir_.path(), &clock_);
  ASSERT_NE(log_, nullptr);
  EXPECT_EQ(*LogTree(*log_).Root(45), root);
}

TEST_F(LogTreeTest, SignedCheckpointsAreKeptAndTheLatestFound) {
  EXPECT_FALSE(CheckpointStore(*log_).Latest()->has_value());
  ASSERT_TRUE(CheckpointStore(*log_).Put(9, "nine").ok());
  ASSERT_TRUE(CheckpointStore(*log_).Put(300, "three hundred").ok());
  ASSERT_TRUE(CheckpointStore(*log_).Put(12, "twelve").ok());
  EXPECT_EQ(**CheckpointStore(*log_).Latest(), "three hundred");
  EXPECT_EQ(**CheckpointStore(*log_).Get(12), "twelve");
  EXPECT_FALSE(CheckpointStore(*log_).Get(13)->has_value());
  ASSERT_TRUE(CheckpointStore(*log_).Put(12, "twelve, cosigned").ok());
  EXPECT_EQ(**CheckpointStore(*log_).Get(12), "twelve, cosigned");
}

// Each edit of the stores beside the events is named at the position it concerns.
class LogIndexTamperTest : public LogTreeTest {
 protected:
  void SetUp() override {
    Fill(12);
    log_.reset();
  }
  void Edit(const std::function<void(storage::RawLogDb&)>& edit) {
    auto raw = storage::RawLogDb::Open(dir_.path(), false);
    ASSERT_TRUE(raw.ok());
    edit(**raw);
  }
  void ExpectNamed(uint64_t position, const std::string& fragment) {
    log_ = OpenOrDie(dir_.path(), &clock_);
    auto report = VerifyLog(*log_);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->bad_position, position) << report->problem;
    EXPECT_NE(report->problem.find(fragment), std::string::npos) << report->problem;
  }
};

TEST_F(LogIndexTamperTest, AnAlteredInnerNodeOfTheTree) {
  Edit([](storage::RawLogDb& raw) {
    ASSERT_TRUE(raw.db().Put({}, raw.tree(), storage::TreeNodeKey(2, 1), std::string(32, 'x')).ok());
  });
  ExpectNamed(8, "node 1 at level 2 does not match");
}

TEST_F(LogIndexTamperTest, AStreamIndexEntryPointingElsewhere) {
  Edit([](storage::RawLogDb& raw) {
    ASSERT_TRUE(raw.db().Put({}, raw.streams(), storage::StreamKey("stream-1", 2),
                             storage::PositionKey(7)).ok());
  });
  ExpectNamed(7, "puts 'stream-1' version 2 at position 7, which holds another event");
}

TEST_F(LogIndexTamperTest, AStreamHeadBehindItsEvents) {
  Edit([](storage::RawLogDb& raw) {
    ASSERT_TRUE(raw.db().Put({}, raw.streams(), storage::StreamHeadKey("stream-2"),
                             storage::PositionKey(3)).ok());
  });
  ExpectNamed(0, "records version 3 as the last of 'stream-2', but it lists 4 versions");
}

TEST_F(LogIndexTamperTest, AnEventIdDroppedFromItsIndex) {
  Edit([](storage::RawLogDb& raw) {
    std::unique_ptr<rocksdb::Iterator> it(raw.db().NewIterator({}, raw.event_ids()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (storage::DecodePosition(it->value().ToStringView()) == 5) {
        ASSERT_TRUE(raw.db().Delete({}, raw.event_ids(), it->key()).ok());
      }
    }
  });
  ExpectNamed(5, "missing from the event-id index");
}

}  // namespace
}  // namespace jem
