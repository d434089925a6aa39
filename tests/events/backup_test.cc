// Backups taken while appends go on restore to a log that verifies and holds every event
// acknowledged before the backup began; unfit directories and damaged backups are refused.
#include "events/backup.h"

#include <atomic>
#include <thread>

#include "events/checkpoint_store.h"
#include "events/tree.h"
#include "events/verify.h"
#include "tests/events/tamper.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Notes;
using testing::OpenOrDie;

class BackupTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::string data_ = dir_.Sub("data"), backup_ = dir_.Sub("backup"), restored_ = dir_.Sub("restored");
};

TEST_F(BackupTest, ABackupTakenDuringAppendsHoldsEveryEventAcknowledgedBeforeIt) {
  auto log = OpenOrDie(data_, &clock_);
  ASSERT_TRUE(CheckpointStore(*log).Put(0, "kept note").ok());
  std::atomic<bool> stop{false};
  std::atomic<int> appended{0};
  std::vector<std::thread> appenders;
  for (int t = 0; t < 4; ++t) {
    appenders.emplace_back([&, t] {
      while (!stop) {
        auto r = log->Append("writer-" + std::to_string(t), ExpectedVersion::Any(), Notes({"a", "b", "c"}));
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ++appended;
      }
    });
  }
  while (appended < 200) std::this_thread::yield();
  const Head acknowledged = log->head();  // every event up to here was acknowledged
  auto report = BackupLog(data_, backup_);
  const int during = appended;
  while (appended < during + 50) std::this_thread::yield();  // appends went on meanwhile
  stop = true;
  for (auto& t : appenders) t.join();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_GE(report->events, acknowledged.position);
  EXPECT_GT(report->bytes, 0u);

  auto restored = RestoreLog(backup_, restored_);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  const uint64_t held = (*restored)->head().position;
  EXPECT_EQ(held, report->events);
  EXPECT_LT(held, log->head().position);  // the appends after it are not in it
  // The chain verified, so the events up to the acknowledged head are the original ones.
  EXPECT_EQ((*restored)->ReadAll(acknowledged.position, 1)->front().hash(), acknowledged.hash);
  EXPECT_EQ(*LogTree(*(*restored)).Root(held), *LogTree(*log).Root(held));
  EXPECT_EQ(**CheckpointStore(*(*restored)).Latest(), "kept note");
  // The restored log takes appends like any other.
  EXPECT_TRUE((*restored)->Append("after-restore", ExpectedVersion::NoStream(), Notes({"x"})).ok());
  EXPECT_TRUE(VerifyLog(*(*restored))->ok());
}

TEST_F(BackupTest, UnfitDirectoriesAreRefusedWithTheReason) {
  { auto log = OpenOrDie(data_, &clock_); ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"x"})).ok()); }
  auto missing = BackupLog(dir_.Sub("nowhere"), backup_);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("there is no jem log"), std::string::npos);
  auto into_log = BackupLog(data_, data_);
  ASSERT_FALSE(into_log.ok());
  EXPECT_NE(into_log.status().message().find("is not empty"), std::string::npos);
  ASSERT_TRUE(BackupLog(data_, backup_).ok());
  auto restore_over = RestoreLog(backup_, data_);
  ASSERT_FALSE(restore_over.ok());
  EXPECT_NE(restore_over.status().message().find("is not empty"), std::string::npos);
  auto not_a_backup = RestoreLog(dir_.Sub("nowhere"), restored_);
  ASSERT_FALSE(not_a_backup.ok());
  EXPECT_NE(not_a_backup.status().message().find("holds no backup"), std::string::npos);
}

TEST_F(BackupTest, ADamagedBackupIsNamedAtItsPositionWhenRestored) {
  {
    auto log = OpenOrDie(data_, &clock_);
    ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"a", "b", "c", "d"})).ok());
  }
  ASSERT_TRUE(BackupLog(data_, backup_).ok());
  testing::RewriteEnvelope(backup_, 3, [](schema::Event::Builder e) { e.getActor().setUserId("someone-else"); });
  auto restored = RestoreLog(backup_, restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.status().code(), Status::Code::kCorruption);
  EXPECT_NE(restored.status().message().find("damaged at position 3"), std::string::npos) << restored.status().message();
}

}  // namespace
}  // namespace jem
