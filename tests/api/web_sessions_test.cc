// Sessions of the web pages on a fake clock: idle and absolute expiry, a revoked token
// ending its sessions, a bounded number of them, and secrets that are random and compared
// in constant time; the forms sent after a session ended, held for their sender alone.
#include "api/held_forms.h"
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

// An ended session is known as one for a while (so that a form it sent can be held), whether
// it ended idle or signed out; not one whose token was revoked, nor one that never was.
TEST_F(WebSessionsTest, AnEndedSessionIsKnownForAWhileNotARevokedOne) {
  Sessions sessions(clock_, {.idle = 30min, .remember_ended = 30min});
  auto idle = sessions.Open(officer_, "tok1");
  auto signed_out = sessions.Open(officer_, "tok1");
  auto revoked = sessions.Open(officer_, "tok2");
  ASSERT_TRUE(idle.ok() && signed_out.ok() && revoked.ok());
  EXPECT_FALSE(sessions.EndedWith(idle->csrf)) << "it is live";
  EXPECT_FALSE(sessions.EndedWith(idle->id)) << "found by its CSRF token, not its cookie";
  sessions.Close(signed_out->id);
  clock_.Advance(31min);
  EXPECT_FALSE(sessions.Find(idle->id, Active));
  EXPECT_FALSE(sessions.Find(revoked->id, [](const std::string& token) { return token != "tok2"; }));
  auto ended = sessions.EndedWith(idle->csrf);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->csrf, idle->csrf);
  EXPECT_EQ(ended->caller.user_id, "jsmith");
  EXPECT_FALSE(sessions.EndedWith(signed_out->csrf)) << "signed out 31 minutes ago: forgotten";
  EXPECT_FALSE(sessions.EndedWith(revoked->csrf)) << "a revoked token's session holds nothing";
  EXPECT_FALSE(sessions.EndedWith("0123"));
  clock_.Advance(30min);
  EXPECT_FALSE(sessions.EndedWith(idle->csrf)) << "forgotten after remember_ended";
}

// The memory of ended sessions is bounded as the sessions are: past max_sessions, the oldest goes.
TEST_F(WebSessionsTest, EndedSessionsAreBounded) {
  Sessions sessions(clock_, {.max_sessions = 3});
  std::vector<std::string> ids;  // their CSRF tokens
  for (int i = 0; i < 5; ++i) {
    auto s = sessions.Open(officer_, "tok" + std::to_string(i));
    ASSERT_TRUE(s.ok());
    ids.push_back(s->csrf);
    sessions.Close(s->id);
    clock_.Advance(1s);
  }
  EXPECT_FALSE(sessions.EndedWith(ids[0]));
  EXPECT_FALSE(sessions.EndedWith(ids[1]));
  for (int i = 2; i < 5; ++i) EXPECT_TRUE(sessions.EndedWith(ids[i])) << i;
}

class HeldFormsTest : public WebSessionsTest {
 protected:
  static HeldForms::Form Note(const std::string& user, const std::string& text) {
    return {user, "/actions/CAM-2009-01/note", {{"csrf", "x"}, {"text", text}}};
  }
};

// A held form is taken once, by its own user, within the time it is held.
TEST_F(HeldFormsTest, AFormIsTakenOnceByItsUserWhileHeld) {
  HeldForms held(clock_, {.keep = 30min});
  auto key = held.Hold(Note("jsmith", "Patrols agreed with the council"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 64u);
  EXPECT_FALSE(held.Holds(*key, "other"));
  EXPECT_FALSE(held.Take(*key, "other")) << "another user is never given it";
  EXPECT_TRUE(held.Holds(*key, "jsmith")) << "and asking did not spend it";
  EXPECT_FALSE(held.Take(key->substr(1) + "0", "jsmith"));
  auto form = held.Take(*key, "jsmith");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->path, "/actions/CAM-2009-01/note");
  EXPECT_EQ(form->fields.at(1).second, "Patrols agreed with the council");
  EXPECT_FALSE(held.Take(*key, "jsmith")) << "taken once";

  auto late = held.Hold(Note("jsmith", "Too late"));
  ASSERT_TRUE(late.ok());
  clock_.Advance(30min);
  EXPECT_FALSE(held.Holds(*late, "jsmith"));
  EXPECT_FALSE(held.Take(*late, "jsmith")) << "held 30 minutes only";
  EXPECT_EQ(held.size(), (std::pair<size_t, size_t>{0, 0}));
}

// Whatever is sent, what is held stays bounded: a form too large is refused, a user's own
// oldest goes past its count, anyone's oldest past the total.
TEST_F(HeldFormsTest, WhatIsHeldIsBounded) {
  HeldForms held(clock_, {.form_bytes = 1000, .per_user = 2, .total_bytes = 2500});
  auto big = held.Hold(Note("jsmith", std::string(1000, 'x')));
  EXPECT_EQ(big.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(big.status().message().find("larger than"), std::string::npos) << big.status().message();

  std::vector<std::string> own;
  for (int i = 0; i < 3; ++i) own.push_back(*held.Hold(Note("jsmith", std::to_string(i))));
  EXPECT_FALSE(held.Holds(own[0], "jsmith")) << "the user's oldest made room";
  EXPECT_TRUE(held.Holds(own[1], "jsmith") && held.Holds(own[2], "jsmith"));

  const std::string other = *held.Hold(Note("other", std::string(900, 'o')));
  const std::string third = *held.Hold(Note("third", std::string(900, 't')));
  EXPECT_TRUE(held.Holds(third, "third"));
  EXPECT_TRUE(held.Holds(other, "other"));
  EXPECT_LE(held.size().second, 2500u);
  const std::string fourth = *held.Hold(Note("fourth", std::string(900, 'f')));
  EXPECT_TRUE(held.Holds(fourth, "fourth"));
  EXPECT_LE(held.size().second, 2500u) << "the oldest went, whoever's it was";
  EXPECT_FALSE(held.Holds(own[1], "jsmith"));
}

}  // namespace
}  // namespace jem::api::web
