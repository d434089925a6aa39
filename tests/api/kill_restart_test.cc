// Kill the server with SIGKILL in the middle of a load of writes, restart it: every write
// that was answered 2xx is in the log, and the log verifies.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "engine/token.h"
#include "tests/api/api_client.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

const std::string kJem = std::string(JEM_BINARY_DIR) + "/tools/jem";

// A `jem serve` child process on any free port.
struct ServerProcess {
  pid_t pid = -1;
  int port = 0;

  explicit ServerProcess(const std::string& data) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::execl(kJem.c_str(), "jem", "--data", data.c_str(), "serve", "--port", "0", "--rate", "100000", "--burst",
              "100000", nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const size_t colon = line.rfind(':');
    port = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
    EXPECT_GT(port, 0) << "jem serve said: " << line;
  }
  int Stop(int signal) {
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
  }
};

class KillRestartTest : public testing::EngineTest {};

TEST_F(KillRestartTest, EveryAcknowledgedWriteSurvivesSigkill) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  auto token = GenerateToken();
  ASSERT_TRUE(Run(command::IssueToken{token->id, TokenHash(token->token), "jsmith", "officer", ""},
                  *ParseCaller("r:admin")).ok());
  log_.reset();  // the server processes own the directory from here on

  std::mt19937 rng(std::random_device{}());
  std::set<std::string> acknowledged;
  std::mutex mu;
  for (int round = 0; round < 3; ++round) {
    ServerProcess server(dir_.path());
    ASSERT_GT(server.port, 0);
    std::atomic<bool> down{false};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        auto client = testing::ApiClient(server.port);
        for (int i = 0; !down; ++i) {
          const std::string text = "round " + std::to_string(round) + " writer " + std::to_string(t) + " note " +
                                   std::to_string(i);
          httplib::Headers headers = {{"Authorization", "Bearer " + token->token}, {"Idempotency-Key", text}};
          auto r = client.Post("/api/v1/actions/" + ref + "/note", headers,
                               nlohmann::json{{"text", text}}.dump(), "application/json");
          if (!r) return;  // the server is gone
          if (r->status == 200) {
            std::lock_guard lock(mu);
            acknowledged.insert(text);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 300));
    const int status = server.Stop(SIGKILL);
    down = true;
    for (auto& w : writers) w.join();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }
  ASSERT_GT(acknowledged.size(), 10u);

  // Restarted, the server has every acknowledged note.
  ServerProcess again(dir_.path());
  auto client = testing::ApiClient(again.port);
  auto history = client.Get("/api/v1/actions/" + ref + "/history", {{"Authorization", "Bearer " + token->token}});
  ASSERT_TRUE(history);
  ASSERT_EQ(history->status, 200);
  std::set<std::string> found;
  const auto parsed = nlohmann::json::parse(history->body);  // a named value: the loop reads into it
  for (const auto& e : parsed["events"]) {
    if (e["body"].contains("actionProgressNoted")) found.insert(e["body"]["actionProgressNoted"]["text"]);
  }
  for (const auto& text : acknowledged) EXPECT_TRUE(found.count(text)) << "lost: " << text;
  const int status = again.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "graceful stop";
  log_ = testing::OpenOrDie(dir_.path(), &clock_);
  EXPECT_TRUE(log_->Verify()->ok());
}

}  // namespace
}  // namespace jem
