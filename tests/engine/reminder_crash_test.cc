// The reminder engine killed with SIGKILL at random moments, then restarted, sends every
// reminder once and misses none: the messages recorded (ids and items) equal those of a run
// that was never interrupted, every one is delivered, and the e-mail outbox holds exactly one
// file per message.
//
// The child is this same binary re-executed with --send-until-killed (RocksDB's threads do
// not survive a fork). It runs the scheduler on a fake clock that resumes where the log left
// off, an hour at a time, slowly enough to be killed anywhere.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "engine/engine.h"
#include "engine/reminders/email.h"
#include "engine/reminders/scheduler.h"
#include "projections/live_model.h"
#include "projections/reference.h"
#include "tests/test_util.h"

namespace jem {
namespace {

const Timestamp kStart = Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 11) + std::chrono::hours(6));
const Timestamp kEnd = Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 7 / 1));
constexpr int kKills = 6;

Status Execute(Engine& engine, const AnyCommand& command) {
  CommandContext context;
  context.caller = *ParseCaller("jsmith:officer");
  return engine.Execute(context, command).status();
}

// A held meeting, its contacts, and 24 actions due every five days from mid-January.
Status Prepare(const std::string& dir) {
  FakeClock clock(kStart - std::chrono::hours(1));
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(dir, {.clock = &clock}));
  Engine engine(*log, clock);
  JEM_RETURN_IF_ERROR(Execute(engine, command::ScheduleMeeting{"Camden", 1, "serious-youth-violence", "2009-06-16",
                                                               "15:00", "17:00", "MPA room 1", "Kit Malthouse"}));
  JEM_RETURN_IF_ERROR(Execute(engine, command::HoldMeeting{"CAM-20090616", "", "", {{"Kit Malthouse", "MPA", "Chair"}}}));
  for (const command::SetContact& c : {
           command::SetContact{"tfl", "agency", "TfL", "jem@tfl.example", "TfL", "", ""},
           command::SetContact{"mps", "agency", "MPS", "jem@met.example", "MPS", "", ""},
           command::SetContact{"chair", "chair", "Kit Malthouse", "kit@mpa.example", "", "", ""},
           command::SetContact{"officer", "officer", "J Smith", "js@mpa.example", "", "", "jsmith"}}) {
    JEM_RETURN_IF_ERROR(Execute(engine, c));
  }
  for (int i = 0; i < 24; ++i) {
    const auto due = std::chrono::sys_days(std::chrono::year(2010) / 1 / 15) + std::chrono::days(5 * i);
    JEM_RETURN_IF_ERROR(Execute(engine, command::AgreeAction{"CAM-20090616", "", "Action " + std::to_string(i), "",
                                                             i % 3 ? "TfL" : "MPS", {}, reference::FormatDate(due), ""}));
  }
  return Status::Ok();
}

// Runs the reminder engine from where the log left off to kEnd, an hour at a time, pausing
// `pause` between hours.
Status Send(const std::string& dir, const std::string& outbox, std::chrono::microseconds pause) {
  JEM_ASSIGN_OR_RETURN(auto log, Log::Open(dir, {}));
  Timestamp last = kStart;
  JEM_RETURN_IF_ERROR(log->Scan(1, [&](const RecordedEvent& e) {
    last = std::max(last, e.recorded_at());
    return true;
  }));
  FakeClock clock(last);
  log.reset();
  JEM_ASSIGN_OR_RETURN(log, Log::Open(dir, {.clock = &clock}));
  JEM_ASSIGN_OR_RETURN(auto views, LiveModel::Start(*log));
  reminders::EmailOutbox email({outbox, "JEM <jem@mpa.example>", ""});
  boost::asio::io_context io;
  JEM_ASSIGN_OR_RETURN(auto scheduler, reminders::Scheduler::Create(*log, clock, *views, {{}, {}, &email, nullptr}, io));
  scheduler->Start();
  io.poll();
  while (clock.Now() < kEnd) {
    clock.Set(std::min(kEnd, clock.Now() + std::chrono::hours(1)));
    io.restart();
    io.poll();
    std::this_thread::sleep_for(pause);
  }
  return Status::Ok();
}

// Every message recorded: its id -> its items' reminder ids; and whether each is delivered
// with its file in `outbox`.
std::map<std::string, std::vector<std::string>> Sent(const std::string& dir, const std::string& outbox) {
  auto log = Log::Open(dir, {});
  EXPECT_TRUE(log.ok());
  auto model = RebuildModel(**log);
  EXPECT_TRUE(model.ok());
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [id, m] : model->reminders.messages) {
    EXPECT_EQ(m.status, MessageRecord::Status::kDelivered) << id;
    EXPECT_TRUE(std::filesystem::exists(outbox + "/" + reminders::EmailFileName(id))) << id;
    for (const auto& item : m.items) out[id].push_back(item.reminder_id);
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(outbox)) files += entry.path().extension() == ".eml";
  EXPECT_EQ(files, out.size()) << "files in the outbox that no message names, or a message twice";
  return out;
}

TEST(ReminderCrashTest, KilledAtRandomAndRestartedItSendsEveryReminderOnceAndMissesNone) {
  testing::TempDir calm, killed, calm_outbox, killed_outbox;
  ASSERT_TRUE(Prepare(calm.path()).ok());
  ASSERT_TRUE(Prepare(killed.path()).ok());
  ASSERT_TRUE(Send(calm.path(), calm_outbox.path(), std::chrono::microseconds(0)).ok());
  const auto expected = Sent(calm.path(), calm_outbox.path());
  ASSERT_GT(expected.size(), 60u);

  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int round = 0; round < kKills; ++round) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::execl("/proc/self/exe", "reminder_crash_test", "--send-until-killed", killed.path().c_str(),
              killed_outbox.path().c_str(), nullptr);
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 700));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": the child exited with " << WEXITSTATUS(status) << " before it was killed";
  }
  // The last restart runs to the end.
  ASSERT_TRUE(Send(killed.path(), killed_outbox.path(), std::chrono::microseconds(0)).ok());
  EXPECT_EQ(Sent(killed.path(), killed_outbox.path()), expected);
}

}  // namespace
}  // namespace jem

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--send-until-killed") {
    // Slow enough (about 4 s to the end) to be killed before it is done.
    const jem::Status s = jem::Send(argv[2], argv[3], std::chrono::microseconds(1000));
    return s.ok() ? 3 : 1;  // 3: finished before it was killed, which the test reports
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
