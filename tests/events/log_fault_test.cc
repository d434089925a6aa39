// A disk that fails to sync: every append of the group fails, none of it becomes visible,
// and the log refuses further writes instead of carrying on over a hole.
#include <atomic>
#include <thread>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include "events/verify.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Notes;

// Fails Sync and Fsync of RocksDB's write-ahead log files while `failing` is set.
class FailingSyncFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingSyncFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
      : FileSystemWrapper(std::move(base)) {}
  const char* Name() const override { return "FailingSyncFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok() && name.ends_with(".log")) *file = std::make_unique<File>(std::move(*file), this);
    return s;
  }

  std::atomic<bool> failing{false};

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> f, FailingSyncFileSystem* fs)
        : FSWritableFileOwnerWrapper(std::move(f)), fs_(fs) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      return fs_->failing ? rocksdb::IOStatus::IOError("injected sync failure")
                          : FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      return fs_->failing ? rocksdb::IOStatus::IOError("injected sync failure")
                          : FSWritableFileOwnerWrapper::Fsync(o, d);
    }

   private:
    FailingSyncFileSystem* fs_;
  };
};

// A log on a file system whose syncs fail on demand.
class LogFaultTest : public ::testing::Test {
 protected:
  LogOptions WithFaults() {
    LogOptions options;
    options.env = env_.get();
    return options;
  }
  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::shared_ptr<FailingSyncFileSystem> fs_ =
      std::make_shared<FailingSyncFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fs_);
  std::unique_ptr<Log> log_ = testing::OpenOrDie(dir_.path(), &clock_, WithFaults());
};

TEST_F(LogFaultTest, FailedSyncFailsTheAppendHidesItAndStopsWrites) {
  ASSERT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"durable"})).ok());
  const Head before = log_->head();

  fs_->failing = true;
  auto r = log_->Append("s", ExpectedVersion::Any(), Notes({"lost"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_NE(r.status().message().find("injected sync failure"), std::string::npos)
      << r.status().message();

  // Not visible through any reader.
  EXPECT_EQ(log_->head().position, before.position);
  EXPECT_EQ(log_->ReadAll(1, 10)->size(), 1u);
  EXPECT_EQ(log_->ReadStream("s", 1, 10)->size(), 1u);
  EXPECT_EQ(log_->StreamVersion("s").value(), 1u);

  // Fail-stop: even with the disk back, this instance writes no more.
  fs_->failing = false;
  r = log_->Append("s", ExpectedVersion::Any(), Notes({"after"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  log_.reset();

  // Reopened, the log is whole and writable. The failed event may or may not be there: it
  // reached the file but was never known to be durable (a retry with its id is safe).
  log_ = testing::OpenOrDie(dir_.path(), &clock_);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
  EXPECT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({"again"})).ok());
}

TEST_F(LogFaultTest, ConcurrentAppendersAroundAFailedSyncSeeOnlyDurableSuccesses) {
  constexpr int kThreads = 8;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        if (t == 0 && i == 30) fs_->failing = true;  // the disk fails mid-run
        auto r = log_->Append("s-" + std::to_string(t), ExpectedVersion::Any(), Notes({"x"}));
        if (!r.ok()) {
          EXPECT_EQ(r.status().code(), Status::Code::kIOError) << r.status().ToString();
          return;
        }
        ++succeeded;
      }
    });
  }
  for (auto& th : threads) th.join();

  // Exactly the acknowledged appends are visible: none of a failed group leaked through.
  EXPECT_EQ(log_->head().position, uint64_t(succeeded.load()));
  EXPECT_EQ(log_->ReadAll(1, 100000)->size(), size_t(succeeded.load()));
  EXPECT_GE(succeeded.load(), 30);
}

}  // namespace
}  // namespace jem
