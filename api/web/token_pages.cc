// Access tokens, for admins: who holds which, issuing one (its secret shown once, on the
// page that answers the form, never in a URL), and revoking one with a reason, which ends
// its holder's sessions at once.
#include "api/commands.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "engine/command_forms.h"
#include "engine/token.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// The fields of the form that issues a token, each named once.
std::vector<PageField> TokenFields() {
  using C = PageField::Control;
  std::vector<std::pair<std::string, std::string>> roles = {{"", "Choose a role"}};
  for (Role r : {Role::kOfficer, Role::kPartner, Role::kAuditor, Role::kAdmin}) roles.emplace_back(RoleName(r), RoleName(r));
  return {{"user", C::kInput, "Who will hold it", "Letters, digits and . _ @ -", "govuk-input--width-20"},
          {"role", C::kSelect, "Role", "", "", std::move(roles)},
          {"agency", C::kSelect, "Agency", "Partners only: the agency it acts for", "", AgencyOptions("None (not a partner)")}};
}

// The tokens page; `issued` is a new token's secret, shown this once.
void ShowTokens(Exchange& ex, const FormState& form, const std::string& issued, int status) {
  nlohmann::json frame = Frame(ex, "Access tokens", "/tokens");
  const views::TokenList list = ex.s.views.ReadTokens([&](const TokenRegistry& t) { return views::TokensOf(t, ListPage(ex)); });
  nlohmann::json tokens = nlohmann::json::array();
  for (const views::TokenItem& t : list.tokens) {
    tokens.push_back({{"id", t.id}, {"user", t.user}, {"role", t.role}, {"agency", t.agency},
                      {"status", Sentence(t.status)}, {"active", t.status == "active"},
                      {"reason", form.Input("revoke-" + t.id + "-reason", "Why revoke it", "", "")}});
  }
  const nlohmann::json fields = form.Draw(TokenFields());
  auto key = RandomHex();
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("tokens", {{"tokens", tokens}, {"fields", fields}, {"issued", issued},
                                 {"revoked", ex.Query("revoked").substr(0, 8)}, {"csrf", ex.csrf},
                                 {"pagination", Pagination(ex, list, "Pages of tokens")},
                                 {"idempotency", *key}},
                      frame),
           status);
}

}  // namespace

void TokensPage(Exchange& ex) { ShowTokens(ex, FormState(), "", 200); }

void IssueTokenPage(Exchange& ex) {
  FormState form(ex.req);
  auto made = GenerateToken();
  if (!made.ok()) return SendErrorPage(ex.res, 500, made.status().message(), Frame(ex, "", ""));
  auto command = ReadFields(IssueTokenForm(), form.Read(TokenFields(), IssueTokenForm()), made->id, "the form");
  if (command.ok()) {
    std::get<command::IssueToken>(*command).token_hash = TokenHash(made->token);
    auto outcome = RunForm(ex, form, std::move(*command));
    // A form sent twice records one token; the second answer cannot show the secret again.
    if (outcome.ok()) return ShowTokens(ex, FormState(), outcome->replayed ? "" : made->token, outcome->replayed ? 200 : 201);
    command = outcome.status();
  }
  form.AddError(command.status(), "", "user");
  ShowTokens(ex, form, "", HttpStatus(command.status().code()));
}

void RevokeTokenPage(Exchange& ex) {
  FormState form(ex.req);
  const std::string& id = ex.Param("token");
  const std::string prefix = "revoke-" + id + "-";
  auto outcome = RunForm(ex, form, command::RevokeToken{id, form.Value(prefix + "reason")});
  if (!outcome.ok()) {
    form.AddError(outcome.status(), prefix, prefix + "reason", "Token " + id);
    return ShowTokens(ex, form, "", HttpStatus(outcome.status().code()));
  }
  SeeOther(ex.res, "/tokens?revoked=" + id);
}

}  // namespace jem::api::web
