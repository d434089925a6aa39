#include "api/web/handlers.h"

namespace jem::api::web {

nlohmann::json Frame(const Exchange& ex, const std::string& title, const std::string& current) {
  nlohmann::json frame = {{"title", title}};
  if (ex.session_id.empty()) return frame;
  std::string role(RoleName(ex.caller.role));
  if (!ex.caller.agency.empty()) role += " for " + ex.caller.agency;
  frame["signed_in"] = true;
  frame["user"] = ex.caller.user_id;
  frame["role_description"] = role;
  frame["csrf"] = ex.csrf;
  frame["navigation"] = nlohmann::json::array({{{"href", "/"}, {"text", "Actions"}, {"current", current == "/"}},
                                               {{"href", "/meetings"}, {"text", "Meetings"}, {"current", current == "/meetings"}}});
  return frame;
}

std::string AgencyList(const views::Json& agencies) {
  std::string out;
  for (const auto& a : agencies) out += (out.empty() ? "" : ", ") + a.get<std::string>();
  return out;
}

}  // namespace jem::api::web
