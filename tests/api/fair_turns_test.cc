// Turns at folding the log to a past day: one caller's requests, or one role's, never keep
// another from its turn. Below the server (FairTurns itself), and through it: partners asking
// for past views as fast as they may never make an auditor's past view answer 503.
#include <atomic>
#include <mutex>
#include <thread>

#include "api/fair_turns.h"
#include "engine/token.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

using api::FairTurns;

// Waits until `turns` has `n` callers waiting.
void AwaitWaiting(const FairTurns& turns, size_t n) {
  while (turns.waiting() != n) std::this_thread::yield();
}

TEST(FairTurnsTest, RolesTakeTurnsAndWithinARoleCallersDo) {
  FairTurns turns(8);
  std::mutex mu;
  std::vector<std::string> order;
  auto first = turns.Take({Role::kPartner, "p1"});
  ASSERT_TRUE(first.ok());
  std::vector<std::thread> waiting;
  auto wait_for_turn = [&](Role role, std::string caller) {
    waiting.emplace_back([&, role, caller] {
      auto turn = turns.Take({role, caller});
      ASSERT_TRUE(turn.ok()) << caller;
      std::lock_guard lock(mu);
      order.push_back(caller);
    });
  };
  // Four partners queue before the auditor does.
  for (int i = 2; i <= 5; ++i) {
    wait_for_turn(Role::kPartner, "p" + std::to_string(i));
    AwaitWaiting(turns, size_t(i - 1));
  }
  wait_for_turn(Role::kAuditor, "a1");
  AwaitWaiting(turns, 5);
  { auto done = std::move(*first); }  // p1's turn ends
  for (auto& t : waiting) t.join();
  ASSERT_EQ(order.size(), 5u);
  // The auditor's role has its turn after one partner's at most, not after all four.
  EXPECT_LE(std::find(order.begin(), order.end(), "a1") - order.begin(), 1) << order[0] << " " << order[1];
  // Partners in the order they came.
  std::vector<std::string> partners;
  for (const auto& c : order) {
    if (c != "a1") partners.push_back(c);
  }
  EXPECT_EQ(partners, (std::vector<std::string>{"p2", "p3", "p4", "p5"}));
}

TEST(FairTurnsTest, ACallerHasOneTurnAtATimeAndARolesLineIsBounded) {
  FairTurns turns(2);
  auto held = turns.Take({Role::kPartner, "p1"});
  ASSERT_TRUE(held.ok());
  auto again = turns.Take({Role::kPartner, "p1"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kBusy);
  std::vector<std::thread> waiting;
  std::atomic<int> refused{0}, served{0};
  for (const char* caller : {"p2", "p3"}) {
    waiting.emplace_back([&, caller] {
      auto turn = turns.Take({Role::kPartner, caller});
      (turn.ok() ? served : refused)++;
    });
  }
  AwaitWaiting(turns, 2);
  auto full = turns.Take({Role::kPartner, "p4"});
  EXPECT_EQ(full.status().code(), Status::Code::kBusy) << "the partners' line is full";
  waiting.emplace_back([&] {
    auto turn = turns.Take({Role::kAuditor, "a1"});
    (turn.ok() ? served : refused)++;
  });
  AwaitWaiting(turns, 3);
  { auto done = std::move(*held); }
  for (auto& t : waiting) t.join();
  EXPECT_EQ(served, 3) << "the auditor waits in a line of its own";
  EXPECT_EQ(refused, 0);
}

TEST(FairTurnsTest, ClosingEndsEveryWait) {
  FairTurns turns(8);
  auto held = turns.Take({Role::kPartner, "p1"});
  ASSERT_TRUE(held.ok());
  std::atomic<int> refused{0};
  std::thread waiter([&] { refused += !turns.Take({Role::kAuditor, "a1"}).ok(); });
  AwaitWaiting(turns, 1);
  turns.Close();
  waiter.join();
  EXPECT_EQ(refused, 1);
  EXPECT_FALSE(turns.Take({Role::kAuditor, "a2"}).ok());
}

class PastViewsStarvationTest : public testing::ApiTest {};

TEST_F(PastViewsStarvationTest, PartnersAskingAsFastAsTheyMayNeverTurnAnAuditorAway) {
  HoldCamden();
  const std::string ref = Agree("TfL");
  for (int i = 0; i < 3000; ++i) {  // a log long enough that each fold takes a while
    ASSERT_TRUE(Run(command::UpdateAction{command::UpdateAction::Kind::kNote, ref, "note " + std::to_string(i)},
                    testing::Partner("TfL")).ok());
  }
  api::ServerOptions options;
  options.requests_per_second = options.request_burst = 1e9;  // the fake clock stands still
  Start(options);
  std::vector<std::string> partners;
  for (int i = 0; i < 4; ++i) partners.push_back(Token("partner" + std::to_string(i), "partner", "TfL"));
  const std::string auditor = Token("kaudit", "auditor");
  std::atomic<bool> done{false};
  std::atomic<int> partner_answers{0};
  std::vector<std::thread> load;
  for (const std::string& token : partners) {
    for (int connection = 0; connection < 2; ++connection) {
      load.emplace_back([&, token, connection] {
        auto client = Client();
        for (int day = 1; !done; ++day) {
          const std::string as_of = "2009-" + std::string(connection ? "11-" : "10-") + std::to_string(10 + day % 20);
          auto r = client.Get("/api/v1/actions?as_of=" + as_of, As(token));
          partner_answers += r && r->status == 200;
        }
      });
    }
  }
  while (partner_answers < 8) std::this_thread::yield();  // the partners' load is on
  int refused = 0;
  auto client = Client();
  for (int day = 1; day <= 28; ++day) {
    auto r = client.Get("/api/v1/actions?as_of=2009-12-" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                            "&basis=happened",
                        As(auditor));
    ASSERT_TRUE(r);
    refused += r->status == 503;
    EXPECT_TRUE(r->status == 200 || r->status == 503) << r->body;
  }
  done = true;
  for (auto& t : load) t.join();
  EXPECT_EQ(refused, 0) << "the auditor's past views were refused while partners asked";
}

}  // namespace
}  // namespace jem
