// Access tokens: admins issue and revoke them; the log keeps only their hashes; the
// registry authenticates the live ones.
#include "engine/token.h"
#include "projections/token_registry.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using Code = Status::Code;

class TokenTest : public testing::EngineTest {
 protected:
  Caller Admin() { return *ParseCaller("root:admin"); }
  command::IssueToken Issue(const NewToken& t, std::string role = "partner", std::string agency = "TfL") {
    return command::IssueToken{t.id, TokenHash(t.token), "asmith", role, agency};
  }
};

TEST_F(TokenTest, IssuedTokensAuthenticateUntilRevoked) {
  auto token = GenerateToken();
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->token.size(), 4 + 8 + 1 + 64u);
  EXPECT_EQ(TokenIdOf(token->token), token->id);
  ASSERT_TRUE(Run(Issue(*token), Admin()).ok());

  auto registry = TokenRegistry::Load(*log_);
  ASSERT_TRUE(registry.ok());
  auto holder = registry->Authenticate(token->token);
  ASSERT_TRUE(holder.ok());
  EXPECT_EQ(holder->user_id, "asmith");
  EXPECT_EQ(holder->role, "partner");
  EXPECT_EQ(holder->agency, "TfL");
  EXPECT_EQ(registry->Authenticate(token->token + "x").status().code(), Code::kNotFound);

  // The secret is nowhere in the log.
  auto events = log_->ReadAll(1, 10);
  for (const auto& e : *events) EXPECT_EQ(EventToJson(e).find(token->token.substr(13)), std::string::npos);

  ASSERT_TRUE(Run(command::RevokeToken{token->id, "left TfL"}, Admin()).ok());
  registry = TokenRegistry::Load(*log_);
  EXPECT_EQ(registry->Authenticate(token->token).status().code(), Code::kNotFound);
  ExpectRefused(command::RevokeToken{token->id, "again"}, Code::kFailedPrecondition, "is already revoked", Admin());
}

TEST_F(TokenTest, OnlyAdminsManageTokens) {
  auto token = GenerateToken();
  ExpectRefused(Issue(*token), Code::kPermissionDenied, "only admins may issue tokens; jsmith is officer");
  ExpectRefused(command::RevokeToken{token->id, "x"}, Code::kPermissionDenied, "only admins may revoke tokens");
}

TEST_F(TokenTest, BadTokenRequestsAreRefused) {
  auto token = GenerateToken();
  ExpectRefused(Issue(*token, "partner", ""), Code::kInvalidArgument, "Choose the agency the partner acts for", Admin());
  ExpectRefused(Issue(*token, "officer", "TfL"), Code::kInvalidArgument, "Only partners' tokens name an agency",
                Admin());
  ExpectRefused(Issue(*token, "chief", ""), Code::kInvalidArgument, "'chief' is not a role", Admin());
  ExpectRefused(Issue(*token, "partner", "Interpol"), Code::kInvalidArgument, "'Interpol' is not a known agency",
                Admin());
  auto bad_user = Issue(*token);
  bad_user.user_id = "a b";
  ExpectRefused(bad_user, Code::kInvalidArgument, "User must be 1 to 64 letters, digits or . _ @ -, not 'a b'", Admin());
  ASSERT_TRUE(Run(Issue(*token), Admin()).ok());
  ExpectRefused(Issue(*token), Code::kFailedPrecondition, "already exists", Admin());
  ExpectRefused(command::RevokeToken{"00000000", "x"}, Code::kNotFound, "there is no token 00000000", Admin());
  ExpectRefused(command::RevokeToken{token->id, ""}, Code::kInvalidArgument, "Enter why the token is revoked",
                Admin());
}

}  // namespace
}  // namespace jem
