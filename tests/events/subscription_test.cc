// Subscriptions: catch up from a position, then follow live appends, with nothing missed
// or repeated at the hand-over.
#include <thread>

#include "tests/test_util.h"

namespace jem {
namespace {

using namespace std::chrono_literals;
using testing::Notes;
using testing::NoteText;

TEST(SubscriptionTest, CatchesUpThenFollowsLiveAppendsWithoutGapOrRepeat) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  auto log = testing::OpenOrDie(dir.path(), &clock);
  for (int i = 1; i <= 100; ++i) {
    ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({std::to_string(i)})).ok());
  }
  auto sub = log->Subscribe(41);

  // Appends keep coming while the subscriber catches up in small batches.
  std::thread writer([&] {
    for (int i = 101; i <= 400; ++i) {
      ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({std::to_string(i)})).ok());
    }
  });
  std::vector<uint64_t> seen;
  while (seen.size() < 360) {
    auto batch = sub->Next(7, 5s);
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    ASSERT_FALSE(batch->empty()) << "no event within 5 s after " << seen.size();
    for (auto& e : *batch) {
      EXPECT_EQ(NoteText(e), std::to_string(e.position()));
      seen.push_back(e.position());
    }
  }
  writer.join();
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], 41 + i);
  EXPECT_EQ(sub->next_position(), 401u);

  auto none = sub->Next(10, 20ms);  // caught up: waits, then returns nothing
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(SubscriptionTest, WakesUpForANewEvent) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  auto log = testing::OpenOrDie(dir.path(), &clock);
  auto sub = log->Subscribe(1);
  std::thread writer([&] {
    std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"late"})).ok());
  });
  auto batch = sub->Next(10, 10s);
  writer.join();
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 1u);
  EXPECT_EQ(NoteText((*batch)[0]), "late");
}

TEST(SubscriptionTest, CancelWakesAWaitingReader) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  auto log = testing::OpenOrDie(dir.path(), &clock);
  auto sub = log->Subscribe(1);
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    sub->Cancel();
  });
  auto started = std::chrono::steady_clock::now();
  auto batch = sub->Next(10, 60s);
  canceller.join();
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
}

}  // namespace
}  // namespace jem
