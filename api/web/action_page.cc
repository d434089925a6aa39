// An action's page: what was agreed, its state today, and its timeline: every event of its
// stream, with who recorded it, when, what changed and why. What another partner agency
// wrote is withheld, as everywhere (engine/access_policy.h).
#include <fmt/format.h>

#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/web/status_tag.h"
#include "engine/access_policy.h"

namespace jem::api::web {
namespace {

// What an event of an action's stream says happened, in words, and the text that says why.
struct Happening {
  std::string what, detail;
};

Happening Describe(const nlohmann::json& body) {
  if (body.empty()) return {"Unknown", ""};
  const auto member = body.begin();  // the body is {"actionStarted": {...}}: one member
  const std::string type = member.key();
  const nlohmann::json& f = member.value();
  auto text = [&](const char* field) { return f.contains(field) ? f[field].get<std::string>() : std::string(); };
  if (type == "actionAgreed") {
    return {"Agreed, led by " + text("leadAgency") + ", due " + text("dueDate"), text("text")};
  }
  if (type == "actionStarted") return {"Started", text("note")};
  if (type == "actionProgressNoted") {
    const std::string percent = f.contains("percent") && f["percent"].get<int>() >= 0
                                    ? fmt::format(" ({}% done)", f["percent"].get<int>())
                                    : "";
    return {"Progress noted" + percent, text("text")};
  }
  if (type == "actionBlocked") return {"Blocked", text("reason")};
  if (type == "actionUnblocked") return {"Unblocked", text("note")};
  if (type == "actionCompleted") return {"Completed", text("evidence")};
  if (type == "actionDropped") return {"Dropped", text("reason")};
  if (type == "actionReopened") return {"Reopened", text("reason")};
  if (type == "actionDueDateChanged") return {"Due date moved from " + text("oldDate") + " to " + text("newDate"), text("reason")};
  if (type == "actionReassigned") return {"Reassigned from " + text("fromAgency") + " to " + text("toAgency"), text("reason")};
  if (type == "correction") return {"Corrected", text("reason")};
  return {type, ""};
}

}  // namespace

void ActionPage(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  const nlohmann::json frame = Frame(ex, ref, "/");
  auto row = ex.s.views.Read([&](const ReadModel& m) -> Result<views::Json> {
    if (Status visible = access::FindAction(ex.caller, m, ref).status(); !visible.ok()) return visible;
    return views::ActionDetail(m, ref, ex.Today());
  });
  if (!row.ok()) {
    return SendErrorPage(ex.res, row.status().code() == Status::Code::kNotFound ? 404 : 500, row.status().message(),
                         frame);
  }
  auto events = ex.s.log.ReadStream(ActionStream(ref), 1, 10000);
  if (!events.ok()) return SendErrorPage(ex.res, 500, events.status().message(), frame);
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : *events) {
    const nlohmann::json event = nlohmann::json::parse(EventToJson(e));
    const std::string role(AsView(e.envelope().getActor().getRole()));
    // When it happened, and when it was recorded if later (an update logged after the fact).
    const std::string recorded = FormatTimestamp(e.recorded_at()).substr(0, 16).replace(10, 1, " at ") + " UTC";
    const std::string happened = FormatTimestamp(e.occurred_at()).substr(0, 10);
    nlohmann::json item = {
        {"when", happened == recorded.substr(0, 10) ? recorded : happened + " (recorded " + recorded + ")"}};
    if (auto withheld = access::WithheldEvent(ex.caller, role)) {
      // The reader learns that another agency wrote, and when; not who, nor what.
      item["what"] = "Updated by another agency";
      item["who"] = role.substr(role.find(':') + 1);
      item["withheld"] = *withheld;
    } else {
      const Happening h = Describe(event["body"]);
      item["what"] = h.what;
      item["detail"] = h.detail;
      item["who"] = event["actor"]["userId"].get<std::string>() + " (" + role + ")";
    }
    timeline.push_back(std::move(item));
  }
  const views::Json& a = *row;
  const std::string supporting = AgencyList(a["supporting"]);
  const Tag tag = StatusTag(a, ex.Today());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, value] : std::initializer_list<std::pair<const char*, std::string>>{
           {"Meeting", a["meeting"]}, {"Lead agency", a["lead"]}, {"Supporting", supporting.empty() ? "None" : supporting},
           {"Due", a["due"]}, {"Originally due", a["original_due"]}, {"Priority", a["priority"]},
           {"Theme", a["theme"]}, {"Last updated", a["last_update"]}}) {
    rows.push_back({{"key", key}, {"value", value}});
  }
  SendPage(ex.res, RenderPage("action", {{"reference", ref}, {"text", a["text"]}, {"tag_text", tag.text},
                                         {"tag_class", tag.css}, {"rows", rows}, {"timeline", timeline}},
                              frame));
}

}  // namespace jem::api::web
