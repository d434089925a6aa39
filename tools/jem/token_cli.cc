// `jem token create|revoke|list`: bearer tokens for the HTTP API, managed by admins.
#include <cstdlib>
#include <iostream>

#include "engine/token.h"
#include "projections/token_registry.h"
#include "projections/views.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

// Whoever can open the data directory is its administrator: the default actor for tokens.
std::string LocalAdmin() {
  const char* user = std::getenv("USER");
  return std::string(user && *user ? user : "local") + ":admin";
}

}  // namespace

void AddTokenCommands(CLI::App& app, Globals& g) {
  auto* token = app.add_subcommand("token", "access tokens for the HTTP API: create, revoke, list");
  RequireVerb(*token);

  struct Create {
    std::string user, role, agency, as;
    bool json = false;
  };
  auto create = std::make_shared<Create>();
  auto* c = token->add_subcommand("create", "issue a token; it is printed once, on the last line");
  c->add_option("--user", create->user, "who will use it")->required();
  c->add_option("--role", create->role, "officer, partner, auditor or admin")->required();
  c->add_option("--agency", create->agency, "the partner's agency (partners only)");
  c->add_option("--as", create->as, "who issues it (default: $USER:admin)");
  c->callback([&g, create] {
    auto made = GenerateToken();
    if (!made.ok()) {
      g.exit_code = Fail(made.status());
      return;
    }
    command::IssueToken cmd{made->id, TokenHash(made->token), create->user, create->role, create->agency};
    size_t failed = 0;
    auto outcome = ExecuteSteps(g, create->as.empty() ? LocalAdmin() : create->as, "", {Step{cmd, {}}}, &failed);
    if (!outcome.ok()) {
      g.exit_code = Fail(outcome.status());
      return;
    }
    std::cout << "token " << made->id << " for " << create->user << " (" << create->role
              << (create->agency.empty() ? "" : ", " + create->agency) << "); keep it secret, it is not stored:\n"
              << made->token << "\n";
    g.exit_code = 0;
  });

  auto revoke = std::make_shared<command::RevokeToken>();
  auto revoke_as = std::make_shared<std::string>();
  auto* r = token->add_subcommand("revoke", "revoke a token, by its id or the token itself");
  r->add_option("token", revoke->token_id, "token id (see jem token list) or the token")->required();
  r->add_option("--reason", revoke->reason, "why")->required();
  r->add_option("--as", *revoke_as, "who revokes it (default: $USER:admin)");
  r->callback([&g, revoke, revoke_as] {
    command::RevokeToken cmd = *revoke;
    cmd.token_id = TokenIdOf(cmd.token_id);
    size_t failed = 0;
    auto outcome = ExecuteSteps(g, revoke_as->empty() ? LocalAdmin() : *revoke_as, "", {Step{cmd, {}}}, &failed);
    g.exit_code = outcome.ok() ? PrintOutcome(*outcome, false) : Fail(outcome.status());
  });

  auto list_json = std::make_shared<bool>(false);
  auto* l = token->add_subcommand("list", "every token issued: id, holder, role, status (never the secret)");
  l->add_flag("--json", *list_json, "print one JSON object");
  l->callback([&g, list_json] {
    auto log = OpenLog(g, false);
    if (!log) {
      g.exit_code = kExitError;
      return;
    }
    auto registry = TokenRegistry::Load(*log);
    if (!registry.ok()) {
      g.exit_code = Fail(registry.status());
      return;
    }
    const views::TokenList list = views::TokensOf(*registry, views::WholeList());
    if (*list_json) {
      std::cout << views::ToJson(list).dump() << "\n";
    } else {
      for (const views::TokenItem& t : list.tokens) {
        std::cout << Shown(t.id) << "  " << Shown(t.status) << "  " << Shown(t.user) << "  " << Shown(t.role)
                  << (t.agency.empty() ? "" : "  " + Shown(t.agency)) << "\n";
      }
    }
    g.exit_code = 0;
  });
}

}  // namespace jem::cli
