// Bad input gets a clear error, and nothing is lost: every refused append leaves the log
// exactly as it was, and damaged or foreign data directories are named, not crashed on.
#include <fstream>

#include "events/verify.h"
#include "tests/events/tamper.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Batch;
using testing::Note;
using testing::Notes;
using testing::OpenOrDie;

class LogBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(log_->Append("meeting-CAM-2009", ExpectedVersion::Any(), Notes({"held"})).ok());
    before_ = log_->head();
  }
  // The refused append must name `fragment` and leave the log untouched.
  void ExpectRefused(const Result<AppendResult>& r, Status::Code code, const std::string& fragment) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
    EXPECT_EQ(log_->head().position, before_.position);
    EXPECT_EQ(log_->head().hash, before_.hash);
    EXPECT_TRUE(VerifyLog(*log_)->ok());
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::unique_ptr<Log> log_ = OpenOrDie(dir_.path(), &clock_);
  Head before_;
};

TEST_F(LogBadInputTest, EmptyStreamId) {
  ExpectRefused(log_->Append("", ExpectedVersion::Any(), Notes({"x"})),
                Status::Code::kInvalidArgument, "the stream id is empty");
}

TEST_F(LogBadInputTest, StreamIdOver256Bytes) {
  ExpectRefused(log_->Append(std::string(257, 'a'), ExpectedVersion::Any(), Notes({"x"})),
                Status::Code::kInvalidArgument, "the stream id is 257 bytes; the limit is 256");
  // 256 bytes is still fine.
  EXPECT_TRUE(log_->Append(std::string(256, 'a'), ExpectedVersion::Any(), Notes({"x"})).ok());
}

TEST_F(LogBadInputTest, StreamIdWithForbiddenCharacters) {
  ExpectRefused(log_->Append(std::string("a\0b", 3), ExpectedVersion::Any(), Notes({"x"})),
                Status::Code::kInvalidArgument, "other than letters, digits");
  ExpectRefused(log_->Append("meeting CAM", ExpectedVersion::Any(), Notes({"x"})),
                Status::Code::kInvalidArgument, "other than letters, digits");
}

TEST_F(LogBadInputTest, PayloadOverTheLimit) {
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), Notes({std::string(1 << 20, 'x')})),
                Status::Code::kInvalidArgument, "over the limit of 1048576 bytes");
}

TEST_F(LogBadInputTest, PayloadLimitIsConfigurable) {
  log_.reset();
  LogOptions options;
  options.max_event_bytes = 1000;
  log_ = OpenOrDie(dir_.path(), &clock_, options);
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), Notes({std::string(1000, 'x')})),
                Status::Code::kInvalidArgument, "over the limit of 1000 bytes");
  EXPECT_TRUE(log_->Append("s", ExpectedVersion::Any(), Notes({std::string(900, 'x')})).ok());
}

TEST_F(LogBadInputTest, ZeroEvents) {
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), {}), Status::Code::kInvalidArgument,
                "needs at least one event; the batch for 's' is empty");
}

TEST_F(LogBadInputTest, RepeatedEventIdInOneBatch) {
  const EventId id = NewEventId();
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), Batch(Note("a"), Note("b", id), Note("c", id))),
                Status::Code::kInvalidArgument, "appears twice in the batch (events 2 and 3)");
}

TEST_F(LogBadInputTest, NilEventIdAndMissingActor) {
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), Batch(Note("a", EventId{}))),
                Status::Code::kInvalidArgument, "nil event id");
  NewEvent anonymous = Note("a");
  anonymous.actor = {};
  ExpectRefused(log_->Append("s", ExpectedVersion::Any(), Batch(std::move(anonymous))),
                Status::Code::kInvalidArgument, "has no actor");
}

TEST_F(LogBadInputTest, UnknownSchemaVersionOnRead) {
  log_.reset();
  testing::RewriteEnvelope(dir_.path(), 1, [](schema::Event::Builder e) { e.setSchemaVersion(99); });
  log_ = OpenOrDie(dir_.path(), &clock_);
  auto all = log_->ReadAll(1, 10);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(all.status().message(),
            "event at position 1 was written with schema version 99; this jem reads versions 1 "
            "to 1. Upgrade jem to read it");
  auto stream = log_->ReadStream("meeting-CAM-2009", 1, 10);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().code(), Status::Code::kUnsupported);
}

TEST(LogOpenTest, DirectoryThatIsNotAJemLog) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("notes.txt")) << "minutes of the Camden JEM\n";
  auto log = Log::Open(dir.path(), {});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(log.status().message(), dir.path() + " is not a jem log: it holds other files. Give an "
                                                 "empty or new directory, or an existing jem data directory");
  // Nothing was written into it.
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("CURRENT")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("jem.lock")));
}

TEST(LogOpenTest, RocksDbThatIsNotAJemLog) {
  testing::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(db->Put({}, "key", "value").ok());
  }
  auto log = Log::Open(dir.path(), {});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(log.status().message().find("is a RocksDB database but not a jem log"), std::string::npos)
      << log.status().message();
}

TEST(LogOpenTest, AFileInsteadOfADirectory) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("file")) << "x";
  auto log = Log::Open(dir.Sub("file"), {});
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("is not a directory"), std::string::npos);
}

TEST(LogOpenTest, MissingDirectoryWithoutCreate) {
  testing::TempDir dir;
  LogOptions options;
  options.create_if_missing = false;
  auto log = Log::Open(dir.Sub("nothing"), options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("nothing")));
}

TEST(LogOpenTest, SecondOpenOfTheSameDirectoryIsRefusedNamingTheProcess) {
  testing::TempDir dir;
  auto first = Log::Open(dir.path(), {});
  ASSERT_TRUE(first.ok());
  auto second = Log::Open(dir.path(), {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  EXPECT_EQ(second.status().message(),
            "data directory " + dir.path() + " is in use by process " + std::to_string(::getpid()) +
                "; stop that process or use another directory");
  first->reset();
  EXPECT_TRUE(Log::Open(dir.path(), {}).ok());  // released on close
}

TEST(LogOpenTest, SecondProcessIsRefusedNamingTheFirst) {
  testing::TempDir dir;
  auto log = Log::Open(dir.path(), {});
  ASSERT_TRUE(log.ok());
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  if (child == 0) {
    auto other = Log::Open(dir.path(), {});
    std::string message = other.ok() ? "opened" : other.status().message();
    (void)!::write(pipe_fds[1], message.data(), message.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) message.append(buf, size_t(n));
  ::close(pipe_fds[0]);
  ::waitpid(child, nullptr, 0);
  EXPECT_EQ(message, "data directory " + dir.path() + " is in use by process " +
                         std::to_string(::getpid()) + "; stop that process or use another directory");
}

TEST(LogTamperTest, AlteredLastEventOpensAndVerifyNamesItsPosition) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  {
    auto log = OpenOrDie(dir.path(), &clock);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"agreed: due 2009-09-30"})).ok());
    }
  }
  // Change one character of the last note: the envelope still decodes.
  testing::EditStoredEvent(dir.path(), 5, [](std::string& value) {
    auto at = value.find("2009-09-30");
    ASSERT_NE(at, std::string::npos);
    value[at + 6] = '1';
  });
  auto log = OpenOrDie(dir.path(), &clock);
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(testing::NoteText(log->ReadAll(5, 1)->at(0)), "agreed: due 2009-01-30");
  auto report = VerifyLog(*log);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(report->bad_position, 5u);
  EXPECT_NE(report->problem.find("altered after it was written"), std::string::npos) << report->problem;
}

TEST(LogTamperTest, AlteredMiddleEventIsNamedAtItsPosition) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  {
    auto log = OpenOrDie(dir.path(), &clock);
    ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"a", "b", "c", "d"})).ok());
  }
  testing::RewriteEnvelope(dir.path(), 2, [](schema::Event::Builder e) {
    e.getActor().setUserId("someone-else");
  });
  auto log = OpenOrDie(dir.path(), &clock);
  auto report = VerifyLog(*log);
  ASSERT_TRUE(report.ok());
  // Its leaf in the tree no longer matches; without the tree, the link after it would not.
  EXPECT_EQ(report->bad_position, 2u);
  EXPECT_NE(report->problem.find("does not match its leaf"), std::string::npos) << report->problem;
}

TEST(LogTamperTest, GarbageBytesAreCorruptionNotACrash) {
  testing::TempDir dir;
  FakeClock clock(testing::CamdenJem());
  {
    auto log = OpenOrDie(dir.path(), &clock);
    ASSERT_TRUE(log->Append("s", ExpectedVersion::Any(), Notes({"a", "b"})).ok());
  }
  testing::EditStoredEvent(dir.path(), 1, [](std::string& value) { value.assign(24, '\xff'); });
  auto log = OpenOrDie(dir.path(), &clock);
  auto all = log->ReadAll(1, 10);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), Status::Code::kCorruption);
  EXPECT_NE(all.status().message().find("event at position 1 is not a valid envelope"), std::string::npos)
      << all.status().message();
  auto report = VerifyLog(*log);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->bad_position, 1u);
}

}  // namespace
}  // namespace jem
