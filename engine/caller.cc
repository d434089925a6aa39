#include "engine/caller.h"

#include "projections/reference.h"

namespace jem {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kPartner: return "partner";
    case Role::kAuditor: return "auditor";
    case Role::kAdmin: return "admin";
  }
  return "unknown";
}

Actor Caller::ToActor() const {
  std::string role_name(RoleName(role));
  if (role == Role::kPartner) role_name += ":" + agency;
  return Actor{user_id, role_name};
}

Result<Caller> ParseCaller(std::string_view text) {
  const auto usage = [&] {
    return Status::InvalidArgument("'" + std::string(text) + "' does not say who you are: write " +
                                   "USER:ROLE (officer, auditor, admin) or USER:partner:AGENCY");
  };
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return usage();
  Caller caller;
  caller.user_id = std::string(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  const size_t second = rest.find(':');
  const std::string_view role = rest.substr(0, second);
  if (role == "officer") {
    caller.role = Role::kOfficer;
  } else if (role == "auditor") {
    caller.role = Role::kAuditor;
  } else if (role == "admin") {
    caller.role = Role::kAdmin;
  } else if (role == "partner") {
    caller.role = Role::kPartner;
    if (second == std::string_view::npos) {
      return Status::InvalidArgument("a partner acts for an agency: write USER:partner:AGENCY");
    }
    JEM_ASSIGN_OR_RETURN(auto agency, reference::FindAgency(rest.substr(second + 1)));
    caller.agency = agency;
    return caller;
  } else {
    return Status::InvalidArgument("'" + std::string(role) +
                                   "' is not a role; use officer, partner, auditor or admin");
  }
  if (second != std::string_view::npos) return usage();
  return caller;
}

Status RequireOfficer(const Caller& caller, std::string_view what) {
  if (caller.role == Role::kOfficer) return Status::Ok();
  return Status::PermissionDenied("only officers may " + std::string(what) + "; " + caller.user_id +
                                  " is " + std::string(RoleName(caller.role)));
}

}  // namespace jem
