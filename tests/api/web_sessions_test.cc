// Sessions of the web pages on a fake clock: idle and absolute expiry, a revoked token
// ending its sessions, a bounded number of them, and secrets that are random and compared
// in constant time.
#include "api/sessions.h"

#include <gtest/gtest.h>

#include <set>

namespace jem::api::web {
namespace {

using namespace std::chrono_literals;

class WebSessionsTest : public ::testing::Test {
 protected:
  FakeClock clock_{Timestamp(std::chrono::sys_days(std::chrono::year(2009) / 6 / 16))};
  const Caller officer_{"jsmith", Role::kOfficer, ""};
  static bool Active(const std::string&) { return true; }
};

TEST_F(WebSessionsTest, ASessionLastsWhileUsedAndEndsWhenIdleOrTooOld) {
  Sessions sessions(clock_, {.idle = 30min, .absolute = 12h, .max_sessions = 10});
  auto s = sessions.Open(officer_, "tok1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id.size(), 64u);
  EXPECT_NE(s->id, s->csrf);
  for (int i = 0; i < 24; ++i) {  // used every 29 minutes: alive for 11 h 36 min
    clock_.Advance(29min);
    auto found = sessions.Find(s->id, Active);
    ASSERT_TRUE(found) << "after " << (i + 1) * 29 << " minutes";
    EXPECT_EQ(found->caller.user_id, "jsmith");
    EXPECT_EQ(found->csrf, s->csrf);
  }
  clock_.Advance(29min);  // 12 h 5 min since it opened, though used 29 minutes ago
  EXPECT_FALSE(sessions.Find(s->id, Active)) << "12 hours in all, however busy";

  auto idle = sessions.Open(officer_, "tok1");
  ASSERT_TRUE(idle.ok());
  clock_.Advance(30min);
  EXPECT_FALSE(sessions.Find(idle->id, Active)) << "30 minutes idle";
  EXPECT_FALSE(sessions.Find("", Active));
  EXPECT_FALSE(sessions.Find("0123", Active));
}

TEST_F(WebSessionsTest, ARevokedTokenEndsItsSessionsAndSigningOutEndsOne) {
  Sessions sessions(clock_, {});
  auto a = sessions.Open(officer_, "tok1");
  auto b = sessions.Open(officer_, "tok2");
  ASSERT_TRUE(a.ok() && b.ok());
  auto tok1_revoked = [](const std::string& token_id) { return token_id != "tok1"; };
  EXPECT_FALSE(sessions.Find(a->id, tok1_revoked));
  EXPECT_FALSE(sessions.Find(a->id, Active)) << "ended, not only hidden";
  EXPECT_TRUE(sessions.Find(b->id, tok1_revoked));
  sessions.Close(b->id);
  EXPECT_FALSE(sessions.Find(b->id, Active));
  EXPECT_EQ(sessions.size(), 0u);
}

TEST_F(WebSessionsTest, ATokenHoldsAFewSessionsAndSigningInAgainEndsItsOwnOldest) {
  Sessions sessions(clock_, {.per_token = 3});
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(sessions.Open(officer_, "tok")->id);
    clock_.Advance(1min);
  }
  const std::string other = sessions.Open(officer_, "other")->id;
  ASSERT_TRUE(sessions.Find(ids[0], Active));  // seen now: the token's oldest seen is ids[1]
  const std::string newest = sessions.Open(officer_, "tok")->id;
  EXPECT_EQ(sessions.size(), 4u);
  EXPECT_FALSE(sessions.Find(ids[1], Active));
  EXPECT_TRUE(sessions.Find(ids[0], Active));
  EXPECT_TRUE(sessions.Find(newest, Active));
  // The eviction attack: one token signed in again and again never ends another's session.
  for (int i = 0; i < 10004; ++i) ASSERT_TRUE(sessions.Open(officer_, "tok").ok());
  EXPECT_EQ(sessions.size(), 4u);
  EXPECT_TRUE(sessions.Find(other, Active));
}

TEST_F(WebSessionsTest, PastTheTotalSignInsAreRefusedAndNoOneIsSignedOut) {
  Sessions sessions(clock_, {.per_token = 1, .max_sessions = 3});
  std::vector<std::string> ids;
  for (const char* token : {"a", "b", "c"}) ids.push_back(sessions.Open(officer_, token)->id);
  auto refused = sessions.Open(officer_, "d");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kBusy);
  for (const auto& id : ids) EXPECT_TRUE(sessions.Find(id, Active));
  EXPECT_TRUE(sessions.Open(officer_, "a").ok()) << "a token at its own cap still signs in, ending its own";
  EXPECT_FALSE(sessions.Find(ids[0], Active));
  EXPECT_TRUE(sessions.Find(ids[1], Active));
  clock_.Advance(31min);  // all idle too long: room again
  EXPECT_TRUE(sessions.Open(officer_, "d").ok());
  EXPECT_EQ(sessions.size(), 1u);
}

TEST_F(WebSessionsTest, OnlyTheServerMakesSignInFormTokensAndTheyExpire) {
  Sessions sessions(clock_, {});
  const std::string token = *sessions.SignInFormToken();
  EXPECT_TRUE(sessions.IsSignInFormToken(token));
  EXPECT_NE(token, *sessions.SignInFormToken());
  // What a client might set its cookie and form to instead.
  for (std::string forged : {std::string(), std::string(64, 'a'), *RandomHex(), token.substr(0, token.size() - 1),
                             "1." + token.substr(token.find('.') + 1), token + "0", std::string(200, '.')}) {
    EXPECT_FALSE(sessions.IsSignInFormToken(forged)) << forged;
  }
  std::string flipped = token;
  flipped.back() = flipped.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(sessions.IsSignInFormToken(flipped));
  EXPECT_FALSE(Sessions(clock_, {}).IsSignInFormToken(token)) << "another server's key";
  clock_.Advance(59min);
  EXPECT_TRUE(sessions.IsSignInFormToken(token));
  clock_.Advance(2min);
  EXPECT_FALSE(sessions.IsSignInFormToken(token));
}

TEST_F(WebSessionsTest, SecretsAreRandomAndComparedWhole) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(*RandomHex());
  EXPECT_EQ(seen.size(), 1000u);
  const std::string secret = *RandomHex();
  EXPECT_TRUE(SameSecret(secret, secret));
  EXPECT_FALSE(SameSecret(secret, secret.substr(0, 63)));
  EXPECT_FALSE(SameSecret(secret, ""));
  std::string other = secret;
  other.back() = other.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(SameSecret(secret, other));
}

}  // namespace
}  // namespace jem::api::web
