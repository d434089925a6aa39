// The action board as a page: filters as a GET form (so a filtered board is a link), each
// action's status as a tag in words (status_tag.h), each reference a link to its page.
#include <fmt/format.h>

#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/web/status_tag.h"
#include "engine/access_policy.h"

namespace jem::api::web {

void BoardPage(Exchange& ex) {
  views::BoardFilter filter;
  filter.borough = ex.Query("borough").substr(0, 100);
  filter.agency = ex.Query("agency").substr(0, 100);
  filter.status = ex.Query("status");
  filter.overdue_only = ex.Query("overdue") == "true";
  filter.visible = access::ActionsOpenTo(ex.caller);
  const views::Day today = ex.Today();
  auto board = ex.s.views.Read([&](const ReadModel& m) { return views::ActionBoard(m, filter, today); });
  const nlohmann::json frame = Frame(ex, "Actions", "/");
  if (!board.ok()) {
    return SendErrorPage(ex.res, board.status().code() == Status::Code::kInvalidArgument ? 400 : 500,
                         board.status().message(), frame);
  }
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : (*board)["actions"]) {
    const Tag tag = StatusTag(a, today);
    actions.push_back({{"reference", a["reference"]},
                       {"text", a["text"]},
                       {"borough", a["borough"]},
                       {"round", a["round"]},
                       {"lead", a["lead"]},
                       {"supporting_text", AgencyList(a["supporting"])},
                       {"due", a["due"]},
                       {"tag_text", tag.text},
                       {"tag_class", tag.css}});
  }
  nlohmann::json statuses = nlohmann::json::array();
  for (const auto& [value, text] : std::initializer_list<std::pair<const char*, const char*>>{
           {"", "Any"}, {"open", "Open"}, {"in progress", "In progress"}, {"blocked", "Blocked"},
           {"completed", "Completed"}, {"dropped", "Dropped"}}) {
    statuses.push_back({{"value", value}, {"text", text}, {"selected", filter.status == value}});
  }
  const size_t count = actions.size();
  nlohmann::json data = {
      {"count", count > 0},  // a section: shown when there are actions
      {"one", count == 1},
      {"as_of", (*board)["as_of"]},
      {"partner", ex.caller.role == Role::kPartner},
      {"filtered", !filter.borough.empty() || !filter.agency.empty() || !filter.status.empty() || filter.overdue_only},
      {"filter", {{"borough", filter.borough}, {"agency", filter.agency}, {"overdue", filter.overdue_only}}},
      {"statuses", statuses},
      {"actions", actions}};
  data["count_text"] = std::to_string(count);
  SendPage(ex.res, RenderPage("board", data, frame));
}

}  // namespace jem::api::web
