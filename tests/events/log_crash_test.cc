// Crash safety, proven: a child process appends from several threads and tells the parent
// about each append only after Append returned; the parent kills it with SIGKILL at random
// moments, reopens the log, and checks that nothing acknowledged was lost.
//
// The child is this same binary, forked and re-executed with --append-until-killed: a fresh
// process image, because RocksDB's background threads in the parent do not survive a fork.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <boost/uuid/uuid_io.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "events/verify.h"
#include "tests/test_util.h"

namespace jem {
namespace {

constexpr int kKillPoints = 24;
constexpr int kAppenders = 6;

struct Ack {
  std::string stream;
  uint64_t first_version, last_version;
  uint64_t first_position;
  std::string ids;  // the batch's event ids, space-separated
};

// The child: appends batches of 1-3 notes to its own streams until killed.
[[noreturn]] void AppendUntilKilled(const std::string& dir, int round, int ack_fd) {
  auto log = Log::Open(dir, {});
  if (!log.ok()) {
    std::string m = "FAIL " + log.status().ToString() + "\n";
    (void)!::write(ack_fd, m.data(), m.size());
    ::_exit(1);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kAppenders; ++t) {
    threads.emplace_back([&, t] {
      const std::string stream = "crash-" + std::to_string(t);
      uint64_t version = (*log)->StreamVersion(stream).value();
      std::mt19937 rng(round * 100 + t);
      for (;;) {
        std::vector<NewEvent> batch;
        std::string ids;
        for (int n = int(rng() % 3) + 1; n > 0; --n) {
          batch.push_back(testing::Note("round " + std::to_string(round)));
          ids += boost::uuids::to_string(batch.back().id) + " ";
        }
        const size_t count = batch.size();
        auto r = (*log)->Append(stream, ExpectedVersion::Exactly(version), std::move(batch));
        if (!r.ok()) {
          std::string m = "FAIL " + r.status().ToString() + "\n";
          (void)!::write(ack_fd, m.data(), m.size());
          ::_exit(1);
        }
        // One write() of under PIPE_BUF bytes is atomic, so lines never interleave.
        std::ostringstream line;
        line << "ACK " << stream << ' ' << version + 1 << ' ' << version + count << ' '
             << r->positions[0] << ' ' << ids << '\n';
        version += count;
        (void)!::write(ack_fd, line.str().data(), line.str().size());
      }
    });
  }
  for (auto& th : threads) th.join();
  ::_exit(0);
}

TEST(LogCrashTest, NoAcknowledgedEventIsLostOnSigkill) {
  testing::TempDir dir;
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::vector<Ack> acks;

  for (int round = 0; round < kKillPoints; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      const std::string round_arg = std::to_string(round), fd_arg = std::to_string(fds[1]);
      ::execl("/proc/self/exe", "log_crash_test", "--append-until-killed", dir.path().c_str(),
              round_arg.c_str(), fd_arg.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(fds[1]);
    FILE* in = ::fdopen(fds[0], "r");
    // Wait for the first acknowledgement, then kill at a random moment afterwards.
    char line[4096];
    auto read_ack = [&]() -> bool {
      if (!std::fgets(line, sizeof line, in)) return false;
      std::istringstream s(line);
      std::string tag;
      s >> tag;
      if (tag != "ACK") {
        ADD_FAILURE() << "child: " << line;
        return false;
      }
      Ack a;
      s >> a.stream >> a.first_version >> a.last_version >> a.first_position;
      std::getline(s, a.ids);
      acks.push_back(a);
      return true;
    };
    ASSERT_TRUE(read_ack()) << "the child acknowledged nothing in round " << round;
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 40000));
    ::kill(child, SIGKILL);
    while (read_ack()) {
    }
    ::fclose(in);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": the child " << (WIFSIGNALED(status) ? "died of signal " + std::to_string(WTERMSIG(status)) : "exited with " + std::to_string(WEXITSTATUS(status)));

    // Reopen after every kill: everything acknowledged so far must be there.
    auto log = Log::Open(dir.path(), {});
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    auto report = VerifyLog(*(*log));
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->ok()) << "round " << round << ": position " << *report->bad_position << ": "
                              << report->problem;
    for (const Ack& a : acks) {
      auto events = (*log)->ReadStream(a.stream, a.first_version, a.last_version - a.first_version + 1);
      ASSERT_TRUE(events.ok()) << events.status().ToString();
      ASSERT_EQ(events->size(), a.last_version - a.first_version + 1)
          << "lost acknowledged events of " << a.stream << " in round " << round;
      EXPECT_EQ((*events)[0].position(), a.first_position);
      std::string ids;
      for (auto& e : *events) ids += boost::uuids::to_string(e.id()) + " ";
      EXPECT_EQ(" " + ids, a.ids) << a.stream;
    }
    // Streams hold contiguous versions, all positions are gap-free (Verify), and each
    // stream's versions end where StreamVersion says.
    std::map<std::string, uint64_t> versions;
    ASSERT_TRUE((*log)->Scan(1, [&](const RecordedEvent& e) {
      EXPECT_EQ(e.stream_version(), ++versions[std::string(e.stream_id())]) << "at " << e.position();
      return true;
    }).ok());
    for (auto& [stream, version] : versions) EXPECT_EQ((*log)->StreamVersion(stream).value(), version);
  }
  EXPECT_GT(acks.size(), size_t(kKillPoints));
}

}  // namespace
}  // namespace jem

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--append-until-killed") {
    jem::AppendUntilKilled(argv[2], std::stoi(argv[3]), std::stoi(argv[4]));
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
