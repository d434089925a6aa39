// The action board, one action, and its history. (Updates are commands: commands.cc.)
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/access_policy.h"

namespace jem::api {

void ActionBoard(Exchange& ex) {
  views::BoardFilter filter;
  filter.borough = ex.Query("borough");
  filter.agency = ex.Query("agency");
  filter.status = ex.Query("status");
  filter.theme = ex.Query("theme");
  const std::string overdue = ex.Query("overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false") {
    return SendError(ex.res, 400, "overdue must be true or false, not '" + overdue.substr(0, 40) + "'");
  }
  filter.overdue_only = overdue == "true";
  if (ex.req.has_param("round")) {
    auto round = WholeNumber(ex, ex.Query("round"), "round", UINT32_MAX);
    if (!round) return;
    filter.round = uint32_t(*round);
  }
  filter.visible = access::ActionsOpenTo(ex.caller);
  auto board = ex.ReadViews([&](const ReadModel& m, views::Day day) { return views::ActionBoard(m, filter, day); });
  if (!board.ok()) return SendError(ex.res, board.status());
  SendJson(ex.res, *board);
}

void ActionDetail(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  auto row = ex.ReadViews([&](const ReadModel& m, views::Day day) -> Result<Json> {
    if (Status visible = access::FindAction(ex.caller, m, ref).status(); !visible.ok()) return visible;
    return views::ActionDetail(m, ref, day);
  });
  if (!row.ok()) return SendError(ex.res, row.status());
  if (auto v = ex.s.log.StreamVersion(ActionStream(ref)); v.ok()) ex.res.set_header("ETag", "\"" + std::to_string(*v) + "\"");
  SendJson(ex.res, *row);
}

void ActionHistory(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  const Status visible = ex.s.views.Read([&](const ReadModel& m) { return access::FindAction(ex.caller, m, ref).status(); });
  if (!visible.ok()) return SendError(ex.res, visible);
  auto events = ex.s.log.ReadStream(ActionStream(ref), 1, 10000);
  if (!events.ok()) return SendError(ex.res, events.status());
  Json history = Json::array();
  for (const auto& e : *events) {
    Json event = Json::parse(EventToJson(e));
    // What another partner agency wrote stays theirs: the reader learns only which agency wrote.
    if (auto withheld = access::WithheldEvent(ex.caller, AsView(e.envelope().getActor().getRole()))) {
      event["body"] = Json{{"withheld", *withheld}};
      event["actor"].erase("userId");
    }
    history.push_back(std::move(event));
  }
  SendJson(ex.res, Json{{"reference", ref}, {"events", history}});
}

}  // namespace jem::api
