// Access tokens, managed by admins while the server runs. A token works, or stops working,
// by the time the answer is sent: the routes wait until the live registry holds the change.
#include <spdlog/spdlog.h>

#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/token.h"

namespace jem::api {

void ListTokens(Exchange& ex) {
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  SendJson(ex.res, views::ToJson(ex.s.views.ReadTokens([&](const TokenRegistry& tokens) { return views::TokensOf(tokens, *page); })));
}

void IssueToken(Exchange& ex) {
  auto made = GenerateToken();
  if (!made.ok()) return SendError(ex.res, made.status());
  auto command = ReadBody(ex, made->id);
  if (!command) return;
  std::get<command::IssueToken>(*command).token_hash = TokenHash(made->token);
  auto outcome = Execute(ex, {Step{std::move(*command), std::nullopt}});
  if (!outcome) return;
  // The token works once the views hold it, almost always before this answer; if they lag,
  // its first requests are refused (401) until they catch up. The answer is sent either way:
  // it shows the token, once.
  if (!ex.s.views.WaitFor(outcome->positions.back(), std::chrono::seconds(5))) {
    spdlog::warn("token {} issued, but the views have not caught up with it yet", ex.Param("token"));
  }
  // Shown once; a replayed request cannot show it again: only its hash was recorded.
  if (!outcome->replayed) {
    Json answer = OutcomeJson(*outcome);
    answer["token"] = made->token;
    SendJson(ex.res, answer, ex.route.success);
  }
}

void RevokeToken(Exchange& ex) {
  auto command = ReadBody(ex, ex.Param("token"));
  if (!command) return;
  auto outcome = Execute(ex, {Step{std::move(*command), std::nullopt}});
  // A revocation in the log but not in the views leaves the token working here: say so.
  if (outcome && !ex.s.views.WaitFor(outcome->positions.back(), std::chrono::seconds(5))) {
    ex.res.set_header("Retry-After", "5");
    SendError(ex.res, 503, "the revocation is recorded, but the views have not caught up with it: the token still "
                           "works until they do; check /healthz");
  }
}

}  // namespace jem::api
