// Rules for access tokens: admins issue and revoke them.

#include "engine/rules.h"
#include "projections/reference.h"

namespace jem::rules {
namespace {

Status RequireAdmin(const Caller& caller, std::string_view what) {
  if (caller.role == Role::kAdmin) return Status::Ok();
  return Status::PermissionDenied("only admins may " + std::string(what) + "; " + caller.user_id + " is " +
                                  std::string(RoleName(caller.role)));
}

}  // namespace

Result<Change> Decide(const Context& c, const command::IssueToken& cmd) {
  JEM_RETURN_IF_ERROR(RequireAdmin(c.caller, "issue tokens"));
  if (!reference::IsId(reference::IdKind::kTokenId, cmd.token_id)) {
    return Status::InvalidArgument("token id '" + cmd.token_id + "' is not 8 lower-case hex digits");
  }
  FieldChecks checks;
  if (!reference::IsId(reference::IdKind::kUserId, cmd.user_id)) {
    checks.Check(Status::InvalidArgument(cmd.user_id.empty() ? std::string("Enter the user the token is for")
                                                             : "User must be 1 to 64 letters, digits or . _ @ -, not '" +
                                                                   cmd.user_id.substr(0, 64) + "'"),
                 "user");
  }
  if (cmd.role == "partner" && cmd.agency.empty()) {
    checks.Check(Status::InvalidArgument("Choose the agency the partner acts for"), "agency");
  }
  if (cmd.role != "partner" && !cmd.agency.empty()) {
    checks.Check(Status::InvalidArgument("Only partners' tokens name an agency; " + cmd.role + "s see every agency's"),
                 "agency");
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
  auto caller = ParseCaller(cmd.user_id + ":" + cmd.role + (cmd.agency.empty() ? "" : ":" + cmd.agency));
  if (!caller.ok()) {
    // The user is checked above: what is wrong is the role, or a partner's agency.
    return caller.status().OnField(reference::FindAgency(cmd.agency).ok() || cmd.agency.empty() ? "role" : "agency");
  }
  JEM_ASSIGN_OR_RETURN(auto existing, Load<TokenState>(c.catalog, TokenStream(cmd.token_id)));
  if (existing.state.status != TokenState::Status::kNone) {
    return Status::FailedPrecondition("token " + cmd.token_id + " already exists");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initTokenIssued();
    e.setTokenId(AsText(cmd.token_id));
    e.setTokenHash(capnp::Data::Reader(cmd.token_hash.data(), cmd.token_hash.size()));
    e.setUserId(AsText(caller->user_id));
    e.setRole(AsText(std::string(RoleName(caller->role))));
    e.setAgency(AsText(caller->agency));
  });
  return Change{cmd.token_id, TokenStream(cmd.token_id), 0, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::RevokeToken& cmd) {
  JEM_RETURN_IF_ERROR(RequireAdmin(c.caller, "revoke tokens"));
  JEM_ASSIGN_OR_RETURN(auto token, Load<TokenState>(c.catalog, TokenStream(cmd.token_id)));
  if (token.state.status == TokenState::Status::kNone) {
    return Status::NotFound("there is no token " + cmd.token_id + " (see jem token list)");
  }
  if (token.state.status == TokenState::Status::kRevoked) {
    return Status::FailedPrecondition("token " + cmd.token_id + " is already revoked");
  }
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "Enter why the token is revoked").OnField("reason"));
  auto body = EventBody::Make([&](schema::Body::Builder b) { b.initTokenRevoked().setReason(AsText(cmd.reason)); });
  return Change{cmd.token_id, TokenStream(cmd.token_id), token.version, std::move(body), c.occurred_at};
}

}  // namespace jem::rules
