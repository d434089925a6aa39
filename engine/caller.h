// Who is issuing a command, and what their role lets them do.
#pragma once

#include <string>
#include <string_view>

#include "events/event.h"
#include "events/status.h"

namespace jem {

enum class Role {
  kOfficer,  // police authority officers: everything on meetings, actions, registers
  kPartner,  // a partner agency: updates the actions it leads
  kAuditor,  // reads everything, changes nothing
  kAdmin,    // manages access tokens, not the record
};

struct Caller {
  std::string user_id;
  Role role = Role::kOfficer;
  std::string agency;  // partners only: the agency they act for (canonical name)

  // The actor recorded on events: user id and role name ("asmith", "partner:TfL").
  Actor ToActor() const;
};

std::string_view RoleName(Role role);

// Parses "USER:ROLE" or, for partners, "USER:partner:AGENCY" (e.g. "asmith:partner:TfL").
Result<Caller> ParseCaller(std::string_view text);

// Refuses (kPermissionDenied) unless the caller is an officer; `what` completes
// "only officers may ...".
Status RequireOfficer(const Caller& caller, std::string_view what);

}  // namespace jem
