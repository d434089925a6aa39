// Answers no client can make the server hold in memory: a partner writes long notes on its
// own action, then many connections ask for the largest pages of its history (and an auditor
// for the largest pages of the log) and never read them. The server, a `jem serve` process,
// must stay within a stated bound of its memory before the attack, and come back near it when
// the connections close.
#include <httplib.h>

#include <iostream>
#include <memory>
#include <thread>

#include "api/answer.h"
#include "api/connection.h"
#include "engine/fields.h"
#include "engine/token.h"
#include "tests/api/server_process.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using testing::RawConnection;
using testing::Await;
using testing::Metric;
using testing::ServerProcess;

constexpr int kNotes = 600;               // of nearly kMaxFieldBytes each: a 12 MB history
constexpr size_t kBound = 150u << 20;     // the most the attacks may add to the server's memory
constexpr size_t kAfterBound = 64u << 20; // what may remain once the connections are gone

class AnswerMemoryTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    HoldCamden();
    ref_ = Agree("TfL");
    partner_ = Issue("asmith", "partner", "TfL");
    auditor_ = Issue("kaudit", "auditor", "");
    admin_ = Issue("root", "admin", "");
    for (int i = 0; i < kNotes; ++i) {
      const std::string text = std::to_string(i) + std::string(kMaxFieldBytes - 10, 'n');
      ASSERT_TRUE(Run(command::UpdateAction{command::UpdateAction::Kind::kNote, ref_, text}, testing::Partner("TfL")).ok());
    }
    log_.reset();  // the server process owns the directory from here on
  }

  std::string Issue(const std::string& user, const std::string& role, const std::string& agency) {
    auto t = GenerateToken();
    EXPECT_TRUE(Run(command::IssueToken{t->id, TokenHash(t->token), user, role, agency}, *ParseCaller("r:admin")).ok());
    return t->token;
  }

  // The server's gauge `name` (0 until it has one).
  size_t Gauge(const ServerProcess& server, const std::string& name) { return size_t(Metric(server.port, admin_, name)); }

  // `n` connections send `request` and never read; once the server holds every one of their
  // answers (a chunk each, at least), its memory is measured. Then they close.
  void Attack(ServerProcess& server, const std::string& request, int n, size_t baseline) {
    std::vector<std::unique_ptr<RawConnection>> unread;
    for (int i = 0; i < n; ++i) {
      unread.push_back(std::make_unique<RawConnection>(server.port, 4096));
      ASSERT_TRUE(unread.back()->Send(request));
    }
    Await([&] { return Gauge(server, "jem_http_answer_bytes") >= size_t(n) * api::kStreamChunkBytes; },
          "every answer held");
    const size_t held = server.ResidentBytes();
    EXPECT_LT(held, baseline + kBound) << "held " << (held - baseline) / (1 << 20) << " MB more";
    unread.clear();
    Await([&] { return Gauge(server, "jem_http_connections_open") == 1; }, "every connection closed but this one");
    const size_t after = server.ResidentBytes();
    EXPECT_LT(after, baseline + kAfterBound) << "kept " << (after - baseline) / (1 << 20) << " MB more";
    std::cout << n << " unread: " << baseline / (1 << 20) << " MB before, " << held / (1 << 20) << " MB held, "
              << after / (1 << 20) << " MB after\n";
  }

  std::string ref_, partner_, auditor_, admin_;
};

TEST_F(AnswerMemoryTest, UnreadHistoriesAndPagesOfTheLogStayWithinTheBound) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "an AddressSanitizer build's memory is its shadow and quarantine, not jem's";
#endif
  ServerProcess server(dir_.path());
  ASSERT_GT(server.port, 0);
  // RocksDB's block cache (bounded, not answers' memory) fills as the log is first read.
  httplib::Client warm("127.0.0.1", server.port);
  for (int from = 1; from < kNotes + 100; from += 500) {
    ASSERT_EQ(warm.Get("/api/v1/events?limit=500&from=" + std::to_string(from), {{"Authorization", "Bearer " + auditor_}})->status, 200);
  }
  const size_t baseline = server.ResidentBytes();
  const std::string history = "GET /api/v1/actions/" + ref_ + "/history?limit=500 HTTP/1.1\r\nHost: x\r\n";
  Attack(server, history + "Authorization: Bearer " + partner_ + "\r\n\r\n", 30, baseline);
  Attack(server, "GET /api/v1/audit/history/action/" + ref_ + "?limit=500 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     auditor_ + "\r\n\r\n", 30, baseline);
  for (int round = 0; round < 2; ++round) {
    Attack(server, "GET /api/v1/events?limit=1000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + auditor_ + "\r\n\r\n",
           60, baseline);
  }
  // And it still answers everyone else.
  EXPECT_EQ(warm.Get("/api/v1/actions/" + ref_, {{"Authorization", "Bearer " + partner_}})->status, 200);
}

TEST_F(AnswerMemoryTest, AStopWithUnreadAnswersPendingEndsWithinItsGrace) {
  ServerProcess server(dir_.path());
  std::vector<std::unique_ptr<RawConnection>> unread;
  for (int i = 0; i < 30; ++i) {
    unread.push_back(std::make_unique<RawConnection>(server.port, 4096));
    ASSERT_TRUE(unread.back()->Send("GET /api/v1/actions/" + ref_ + "/history?limit=500 HTTP/1.1\r\nHost: x\r\n"
                                    "Authorization: Bearer " + partner_ + "\r\n\r\n"));
  }
  Await([&] { return Gauge(server, "jem_http_answer_bytes") >= 30 * api::kStreamChunkBytes; }, "every answer held");
  const auto start = std::chrono::steady_clock::now();
  const int status = server.Stop(SIGTERM);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::cout << "stopped in " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
  // The documented bound: answers being sent get the grace (2 s), then the connections close;
  // the rest of the stop (the access records' last batch, closing the log) is quick.
  EXPECT_LT(took, api::ConnectionLimits().stop_grace + std::chrono::milliseconds(1000))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
}

}  // namespace
}  // namespace jem
