// Appending and reading: positions, stream versions, expected versions, idempotency,
// group commit under concurrency, the hash chain, and reopening.
#include <cstring>
#include <random>
#include <set>
#include <thread>

#include "events/verify.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Batch;
using testing::Note;
using testing::Notes;
using testing::NoteText;
using testing::OpenOrDie;

class LogAppendTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::unique_ptr<Log> log_ = OpenOrDie(dir_.path(), &clock_);
};

TEST_F(LogAppendTest, NewLogIsEmpty) {
  EXPECT_EQ(log_->head().position, 0u);
  EXPECT_EQ(log_->head().hash, Hash{});
  auto all = log_->ReadAll(1, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  auto v = log_->StreamVersion("meeting-CAM-2009");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 0u);
}

TEST_F(LogAppendTest, AppendAssignsPositionsVersionsAndTime) {
  auto r = log_->Append("meeting-CAM-2009", ExpectedVersion::NoStream(),
                        Notes({"scheduled", "held"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(r->stream_version, 2u);
  EXPECT_FALSE(r->already_present);

  clock_.Advance(std::chrono::hours(24));
  r = log_->Append("action-CAM-2009-03", ExpectedVersion::Any(), Notes({"agreed"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{3}));
  EXPECT_EQ(r->stream_version, 1u);

  auto all = log_->ReadAll(1, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].stream_id(), "meeting-CAM-2009");
  EXPECT_EQ((*all)[1].stream_version(), 2u);
  EXPECT_EQ(NoteText((*all)[1]), "held");
  EXPECT_EQ((*all)[0].recorded_at(), testing::CamdenJem());
  EXPECT_EQ((*all)[2].recorded_at(), testing::CamdenJem() + std::chrono::hours(24));
  EXPECT_EQ((*all)[2].type(), "note");
  EXPECT_EQ((*all)[2].envelope().getActor().getRole(), "officer");
  EXPECT_EQ((*all)[2].envelope().getSchemaVersion(), kSchemaVersion);
}

TEST_F(LogAppendTest, CausationAndCorrelationAreKept) {
  NewEvent e = Note("agreed");
  const EventId cause = e.causation_id = NewEventId();
  const EventId corr = e.correlation_id = NewEventId();
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Batch(std::move(e))).ok());
  auto all = log_->ReadAll(1, 1);
  ASSERT_TRUE(all.ok());
  auto env = (*all)[0].envelope();
  EXPECT_EQ(0, std::memcmp(env.getCausationId().begin(), cause.data, 16));
  EXPECT_EQ(0, std::memcmp(env.getCorrelationId().begin(), corr.data, 16));
}

TEST_F(LogAppendTest, ExpectedVersionMismatchIsAConflictNamingBothVersions) {
  ASSERT_TRUE(log_->Append("action-CAM-2009-03", ExpectedVersion::NoStream(), Notes({"a", "b"})).ok());

  auto r = log_->Append("action-CAM-2009-03", ExpectedVersion::Exactly(1), Notes({"c"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kConflict);
  EXPECT_EQ(r.status().message(),
            "stream 'action-CAM-2009-03' is at version 2, but the append expected version 1");

  r = log_->Append("action-CAM-2009-03", ExpectedVersion::NoStream(), Notes({"c"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kConflict);
  EXPECT_NE(r.status().message().find("expected no stream"), std::string::npos);

  r = log_->Append("action-HAR-2009-01", ExpectedVersion::Exactly(4), Notes({"c"}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("is at no stream"), std::string::npos)
      << r.status().message();

  // Nothing was written by the refused appends.
  EXPECT_EQ(log_->head().position, 2u);
  r = log_->Append("action-CAM-2009-03", ExpectedVersion::Exactly(2), Notes({"c"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stream_version, 3u);
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{3}));
}

TEST_F(LogAppendTest, RetryWithTheSameEventIdsReturnsOriginalPositionsAndWritesNothing) {
  const EventId a = NewEventId(), b = NewEventId();
  auto batch = [&] { return Batch(Note("agreed", a), Note("started", b)); };
  ASSERT_TRUE(log_->Append("other", ExpectedVersion::Any(), Notes({"x"})).ok());
  auto first = log_->Append("action-1", ExpectedVersion::NoStream(), batch());
  ASSERT_TRUE(first.ok());
  const Head head = log_->head();

  // The retry carries the same expected version, which no longer matches: still a success.
  auto retry = log_->Append("action-1", ExpectedVersion::NoStream(), batch());
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_TRUE(retry->already_present);
  EXPECT_EQ(retry->positions, first->positions);
  EXPECT_EQ(retry->stream_version, 2u);
  EXPECT_EQ(log_->head().position, head.position);
  EXPECT_EQ(log_->head().hash, head.hash);
}

TEST_F(LogAppendTest, ReusingAnEventIdInAnotherStreamIsAConflict) {
  const EventId a = NewEventId();
  ASSERT_TRUE(log_->Append("action-1", ExpectedVersion::Any(), Batch(Note("agreed", a))).ok());
  auto r = log_->Append("action-2", ExpectedVersion::Any(), Batch(Note("agreed", a)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kConflict);
  EXPECT_NE(r.status().message().find("in stream 'action-1', not in 'action-2'"), std::string::npos);
  EXPECT_EQ(log_->head().position, 1u);
}

TEST_F(LogAppendTest, BatchMixingKnownAndNewEventIdsIsRefused) {
  const EventId a = NewEventId();
  ASSERT_TRUE(log_->Append("action-1", ExpectedVersion::Any(), Batch(Note("agreed", a))).ok());
  auto r = log_->Append("action-1", ExpectedVersion::Any(), Batch(Note("agreed", a), Note("started")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("already in the log at position 1"), std::string::npos);
  EXPECT_EQ(log_->head().position, 1u);
}

TEST_F(LogAppendTest, AtomicAppendToSeveralStreamsWritesAllOrNothing) {
  ASSERT_TRUE(log_->Append("action-CAM-2009-01", ExpectedVersion::NoStream(), Notes({"agreed"})).ok());
  auto parts = [&](uint64_t action_version) {
    std::vector<StreamAppend> p;
    p.push_back({"meeting-CAM-20090616", ExpectedVersion::NoStream(), Notes({"held"})});
    p.push_back({"action-CAM-2009-01", ExpectedVersion::Exactly(action_version), Notes({"started"})});
    return p;
  };
  // The second part's version is wrong: the first part must not be written either.
  auto refused = log_->AppendAtomically(parts(7));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kConflict);
  EXPECT_EQ(log_->head().position, 1u);
  EXPECT_EQ(log_->StreamVersion("meeting-CAM-20090616").value(), 0u);

  auto r = log_->AppendAtomically(parts(1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].positions, (std::vector<uint64_t>{2}));
  EXPECT_EQ((*r)[1].positions, (std::vector<uint64_t>{3}));
  EXPECT_EQ((*r)[1].stream_version, 2u);

  std::vector<StreamAppend> twice;
  twice.push_back({"s", ExpectedVersion::Any(), Notes({"a"})});
  twice.push_back({"s", ExpectedVersion::Any(), Notes({"b"})});
  auto dup = log_->AppendAtomically(std::move(twice));
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("stream 's' appears twice"), std::string::npos);
  EXPECT_EQ(log_->head().position, 3u);
}

TEST_F(LogAppendTest, FindAnEventById) {
  const EventId id = NewEventId();
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Batch(Note("a"), Note("b", id))).ok());
  EXPECT_EQ(log_->Find(id).value(), std::optional<uint64_t>(2));
  EXPECT_EQ(log_->Find(NewEventId()).value(), std::nullopt);
}

TEST_F(LogAppendTest, OccurredAtIsKeptApartFromRecordedAt) {
  NewEvent held = Note("held yesterday");
  held.occurred_at = testing::CamdenJem() - std::chrono::hours(24);
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Batch(std::move(held), Note("now"))).ok());
  auto all = log_->ReadAll(1, 2);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[0].occurred_at(), testing::CamdenJem() - std::chrono::hours(24));
  EXPECT_EQ((*all)[0].recorded_at(), testing::CamdenJem());
  EXPECT_EQ((*all)[1].occurred_at(), testing::CamdenJem());  // defaults to recorded-at
}

TEST_F(LogAppendTest, ListStreamsByPrefix) {
  // 300 events: version 256 ends in a zero byte, which must not pass for a stream's head key.
  for (int i = 0; i < 3; ++i) {
    std::vector<NewEvent> batch;
    for (int j = 0; j < 100; ++j) batch.push_back(Note("x"));
    ASSERT_TRUE(log_->Append("action-CAM-2009-01", ExpectedVersion::Any(), std::move(batch)).ok());
  }
  ASSERT_TRUE(log_->Append("action-CAM-2009-02", ExpectedVersion::Any(), Notes({"y"})).ok());
  ASSERT_TRUE(log_->Append("action-CAM-2010-01", ExpectedVersion::Any(), Notes({"z"})).ok());
  EXPECT_EQ(log_->ListStreams("action-CAM-2009-").value(),
            (std::vector<std::string>{"action-CAM-2009-01", "action-CAM-2009-02"}));
  EXPECT_EQ(log_->ListStreams("action-").value().size(), 3u);
  EXPECT_TRUE(log_->ListStreams("meeting-").value().empty());
}

TEST_F(LogAppendTest, ReadStreamFromAVersion) {
  ASSERT_TRUE(log_->Append("a", ExpectedVersion::Any(), Notes({"a1", "a2"})).ok());
  ASSERT_TRUE(log_->Append("b", ExpectedVersion::Any(), Notes({"b1"})).ok());
  ASSERT_TRUE(log_->Append("a", ExpectedVersion::Any(), Notes({"a3"})).ok());
  // A stream whose id has "a" as a prefix must not leak into "a".
  ASSERT_TRUE(log_->Append("ab", ExpectedVersion::Any(), Notes({"ab1"})).ok());

  auto a = log_->ReadStream("a", 2, 10);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ(NoteText((*a)[0]), "a2");
  EXPECT_EQ(NoteText((*a)[1]), "a3");
  EXPECT_EQ((*a)[1].position(), 4u);
  EXPECT_EQ(log_->StreamVersion("a").value(), 3u);

  auto limited = log_->ReadStream("a", 1, 1);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ(NoteText((*limited)[0]), "a1");
  EXPECT_TRUE(log_->ReadStream("missing", 1, 10)->empty());
}

TEST_F(LogAppendTest, ReadAllInBatchesAndScan) {
  for (int i = 0; i < 25; ++i) {
    ASSERT_TRUE(log_->Append("s" + std::to_string(i % 3), ExpectedVersion::Any(),
                             Notes({std::to_string(i)})).ok());
  }
  uint64_t from = 1;
  std::vector<std::string> texts;
  while (true) {
    auto batch = log_->ReadAll(from, 10);
    ASSERT_TRUE(batch.ok());
    if (batch->empty()) break;
    for (auto& e : *batch) texts.push_back(NoteText(e));
    from = batch->back().position() + 1;
  }
  ASSERT_EQ(texts.size(), 25u);
  EXPECT_EQ(texts[24], "24");

  int visited = 0;
  ASSERT_TRUE(log_->Scan(20, [&](const RecordedEvent& e) {
    EXPECT_EQ(e.position(), 20u + visited);
    return ++visited < 3;
  }).ok());
  EXPECT_EQ(visited, 3);
}

TEST_F(LogAppendTest, EachEventLinksToTheHashOfTheOneBefore) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"x", "y"})).ok());
  }
  auto all = log_->ReadAll(1, 100);
  ASSERT_TRUE(all.ok());
  Hash previous{};
  for (auto& e : *all) {
    EXPECT_EQ(e.previous_hash(), previous) << "at position " << e.position();
    previous = e.hash();
  }
  EXPECT_EQ(log_->head().hash, previous);
  auto report = VerifyLog(*log_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->events_checked, 10u);
}

TEST_F(LogAppendTest, RecordedAtNeverGoesBackwards) {
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"x"})).ok());
  clock_.Advance(-std::chrono::hours(1));  // e.g. an NTP step backwards
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"y"})).ok());
  auto all = log_->ReadAll(1, 2);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[1].recorded_at(), (*all)[0].recorded_at());
}

TEST_F(LogAppendTest, EverythingSurvivesReopening) {
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"x", "y"})).ok());
  const Head head = log_->head();
  log_.reset();
  log_ = OpenOrDie(dir_.path(), &clock_);
  EXPECT_EQ(log_->head().position, head.position);
  EXPECT_EQ(log_->head().hash, head.hash);
  EXPECT_EQ(log_->StreamVersion("s").value(), 2u);
  auto r = log_->Append("s", ExpectedVersion::Exactly(2), Notes({"z"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->positions[0], 3u);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

TEST_F(LogAppendTest, ConcurrentAppendersShareSyncsAndKeepPositionsGapFree) {
  constexpr int kThreads = 16, kPerThread = 50;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> positions(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Exact expected versions: each thread owns its stream, so none may conflict.
        auto r = log_->Append("stream-" + std::to_string(t), ExpectedVersion::Exactly(i),
                              Notes({std::to_string(i)}));
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        positions[t].push_back(r->positions[0]);
      }
    });
  }
  for (auto& th : threads) th.join();

  std::set<uint64_t> all;
  for (auto& p : positions) {
    EXPECT_TRUE(std::is_sorted(p.begin(), p.end()));
    all.insert(p.begin(), p.end());
  }
  ASSERT_EQ(all.size(), size_t(kThreads * kPerThread));
  EXPECT_EQ(*all.begin(), 1u);
  EXPECT_EQ(*all.rbegin(), uint64_t(kThreads * kPerThread));
  for (int t = 0; t < kThreads; ++t) {
    auto events = log_->ReadStream("stream-" + std::to_string(t), 1, 1000);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), size_t(kPerThread));
    for (int i = 0; i < kPerThread; ++i) EXPECT_EQ(NoteText((*events)[i]), std::to_string(i));
  }
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

TEST_F(LogAppendTest, ConcurrentWritersOnOneStreamExactlyOneWinsEachVersion) {
  constexpr int kThreads = 8;
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto r = log_->Append("action-CAM-2009-03", ExpectedVersion::NoStream(), Notes({"agreed"}));
      if (r.ok()) {
        ++wins;
      } else if (r.status().code() == Status::Code::kConflict) {
        ++conflicts;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  EXPECT_EQ(log_->StreamVersion("action-CAM-2009-03").value(), 1u);
}

TEST_F(LogAppendTest, ConcurrentRetriesOfOneBatchAppendItOnce) {
  const EventId id = NewEventId();
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<uint64_t> positions(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto r = log_->Append("action-1", ExpectedVersion::Any(), Batch(Note("agreed", id)));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      positions[t] = r->positions[0];
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(log_->head().position, 1u);
  for (uint64_t p : positions) EXPECT_EQ(p, 1u);
}

TEST_F(LogAppendTest, MixedConcurrentLoadOfAppendsRetriesAndConflicts) {
  // Groups that write nothing (retries, refusals) interleave with groups that write, so the
  // pipeline completes groups out of the order they were synced in; nothing may be lost.
  constexpr int kThreads = 12, kOps = 150;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::pair<uint64_t, std::string>>> written(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      std::vector<EventId> mine;
      for (int i = 0; i < kOps; ++i) {
        const std::string stream = "shared-" + std::to_string(rng() % 3);
        switch (rng() % 3) {
          case 0: {  // retry an earlier event of this thread: must return its position
            if (mine.empty()) break;
            const EventId id = mine[rng() % mine.size()];
            auto r = log_->Append(stream, ExpectedVersion::Any(), Batch(Note("retry", id)));
            // The id lives in another shared stream two times in three: a conflict then.
            if (!r.ok()) {
              EXPECT_EQ(r.status().code(), Status::Code::kConflict);
            }
            break;
          }
          case 1: {  // a guess at the version: wins or conflicts
            auto r = log_->Append(stream, ExpectedVersion::Exactly(rng() % 50), Notes({"guess"}));
            if (!r.ok()) {
              EXPECT_EQ(r.status().code(), Status::Code::kConflict);
              break;
            }
            written[t].emplace_back(r->positions[0], "guess");
            break;
          }
          default: {
            std::vector<NewEvent> v;
            v.push_back(Note("t" + std::to_string(t) + "-" + std::to_string(i)));
            mine.push_back(v.back().id);
            auto r = log_->Append(stream, ExpectedVersion::Any(), std::move(v));
            ASSERT_TRUE(r.ok()) << r.status().ToString();
            written[t].emplace_back(r->positions[0], "t" + std::to_string(t) + "-" + std::to_string(i));
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  size_t total = 0;
  for (auto& w : written) {
    total += w.size();
    for (auto& [position, text] : w) {
      auto e = log_->ReadAll(position, 1);
      ASSERT_TRUE(e.ok());
      ASSERT_EQ(e->size(), 1u);
      EXPECT_EQ(NoteText((*e)[0]), text);
    }
  }
  EXPECT_EQ(log_->head().position, total);
  auto report = VerifyLog(*log_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem;
}

}  // namespace
}  // namespace jem
