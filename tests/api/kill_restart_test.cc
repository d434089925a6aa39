// Kill the server with SIGKILL in the middle of a load of writes, restart it: every write
// that was answered 2xx is in the log, and the log verifies.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "engine/token.h"
#include "events/verify.h"
#include "tests/api/api_client.h"
#include "tests/api/server_process.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using testing::ServerProcess;

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
  std::set<std::string> found;
  for (std::string cursor = "0";;) {  // the history a page at a time, as a client walks it
    auto history = client.Get("/api/v1/actions/" + ref + "/history?limit=500&cursor=" + cursor,
                              {{"Authorization", "Bearer " + token->token}});
    ASSERT_TRUE(history);
    ASSERT_EQ(history->status, 200);
    const auto page = nlohmann::json::parse(history->body);  // a named value: the loop reads into it
    for (const auto& e : page["events"]) {
      if (e["body"].contains("actionProgressNoted")) found.insert(e["body"]["actionProgressNoted"]["text"]);
    }
    if (page["next"].is_null()) break;
    cursor = page["next"];
  }
  for (const auto& text : acknowledged) EXPECT_TRUE(found.count(text)) << "lost: " << text;
  const int status = again.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "graceful stop";
  log_ = testing::OpenOrDie(dir_.path(), &clock_);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

}  // namespace
}  // namespace jem
