#include "api/web/handlers.h"
#include "api/web/pages.h"

#include <chrono>
#include <map>

#include <spdlog/spdlog.h>

#include "api/commands.h"
#include "api/routes.h"
#include "engine/command_forms.h"
#include "engine/fields.h"
#include "projections/reference.h"

namespace jem::api::web {

nlohmann::json Frame(const Exchange& ex, const std::string& title, const std::string& current) {
  nlohmann::json frame = {{"title", title}, {"assets", AssetsVersion(ex.s.assets_dir)}};
  if (ex.session_id.empty()) return frame;
  std::string role(RoleName(ex.caller.role));
  if (!ex.caller.agency.empty()) role += " for " + ex.caller.agency;
  frame["signed_in"] = true;
  frame["user"] = ex.caller.user_id;
  frame["role_description"] = role;
  frame["csrf"] = ex.csrf;
  // The timeout warning (assets/jem.mjs) counts down to the idle limit from the page's load.
  const auto idle = ex.s.sessions.limits().idle;
  frame["idle_seconds"] = std::to_string(idle.count());
  frame["idle_minutes"] = std::to_string(std::chrono::duration_cast<std::chrono::minutes>(idle).count());
  nlohmann::json navigation = nlohmann::json::array();
  for (const auto& [href, text] : Sections(ex.s.routes, ex.caller.role)) {
    navigation.push_back({{"href", href}, {"text", text}, {"current", current == href}});
  }
  frame["navigation"] = navigation;
  if (ex.route.TakesAsOf()) frame["as_of"] = AsOfChoice(ex, frame);
  return frame;
}

nlohmann::json AsOfChoice(const Exchange& ex, nlohmann::json& frame) {
  static const auto DayInput = [](const FormState& form) { return form.DateInput("as_of", "Day", "For example, 31 12 2009"); };
  static const std::string kEmpty = RenderFields(nlohmann::json::array({DayInput(FormState())}));  // as most pages draw it: drawn once
  FormState form;
  const std::optional<views::Day> day = DayFilter(ex, form, "as_of", "day");
  if (form.ok()) {  // the day is right: is the basis?
    if (auto asked = ex.AsOfAsked(); !asked.ok()) form.AddError("as_of", asked.status().message());
  }
  form.ShowErrors(frame);
  const bool happened = ex.Query("basis") == "happened";
  // The page's other parameters (filters) go with the choice.
  nlohmann::json keep = nlohmann::json::array();
  for (const auto& [name, value] : ex.req.params) {
    if (!name.starts_with("as_of") && name != "basis" && name != "page") {
      keep.push_back({{"name", name}, {"value", value.substr(0, 100)}});
    }
  }
  return {{"path", ex.req.path}, {"day", day ? reference::WrittenDate(*day) : ""}, {"active", day.has_value()},
          {"open", day.has_value() || !form.ok()}, {"happened", happened},
          {"words", happened ? "as now known to have happened by the end of" : "as recorded by the end of"},
          {"field", day || !form.ok() ? RenderFields(nlohmann::json::array({DayInput(form)})) : kEmpty}, {"keep", keep}};
}

std::optional<views::Day> DayFilter(const Exchange& ex, FormState& form, const std::string& name, std::string_view what) {
  static constexpr const char* kBoxes[] = {"-day", "-month", "-year"};
  for (const char* box : kBoxes) form.Set(name + box, ex.req.get_param_value(name + box).substr(0, 10));
  auto asked = ex.DayQuery(name, what);
  if (!asked.ok()) {
    form.AddError(name, asked.status().message());
    return std::nullopt;
  }
  if (!*asked) return std::nullopt;
  const views::Day day = **asked;
  // A day given whole (a link's ?as_of=2009-12-31) fills the boxes as if typed.
  const std::chrono::year_month_day ymd(day);
  form.Set(name + "-day", std::to_string(unsigned(ymd.day())));
  form.Set(name + "-month", std::to_string(unsigned(ymd.month())));
  form.Set(name + "-year", std::to_string(int(ymd.year())));
  return day;
}

std::vector<std::pair<std::string, std::string>> Sections(const RouteTable& routes, Role role) {
  static const std::pair<const char*, const char*> kSections[] = {
      {"/", "Actions"}, {"/meetings", "Meetings"}, {"/good-practice", "Good practice"},
      {"/pan-london-issues", "Pan-London issues"}, {"/rounds", "Rounds"}, {"/feedback", "Feedback"},
      {"/reminders", "Reminders"}, {"/contacts", "Contacts"}, {"/calendars", "Calendars"}, {"/audit", "Audit"},
      {"/tokens", "Access tokens"}};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [href, text] : kSections) {
    // The route table says who may open each page: the menu offers only those.
    const Route* route = routes.Find("GET", href).route;
    if (route != nullptr && route->callers.Allows(role)) out.emplace_back(href, text);
  }
  return out;
}

views::PageRequest ListPage(const Exchange& ex) {
  views::PageRequest page{.after = ex.Query("after"), .before = ex.Query("before"), .limit = kListPageSize};
  if (!views::CheckPage(page).ok()) page = {.limit = kListPageSize};
  return page;
}

size_t CountedListPage(const Exchange& ex) {
  auto after = ParseWholeNumber(ex.Query("after"), "after", UINT32_MAX);
  return after.ok() ? size_t(*after) : 0;
}

nlohmann::json Pagination(const Exchange& ex, const views::Cursors& list, const std::string& label, bool counted) {
  const auto link = [&](const char* key, const std::optional<std::string>& cursor) -> nlohmann::json {
    if (!cursor) return false;
    httplib::Params query;  // a GET's filters; never a form's fields (its CSRF token among them)
    for (const auto& [name, value] : ex.req.method == "GET" ? ex.req.params : httplib::Params()) {
      if (name != "after" && (counted || name != "before")) query.emplace(name, value.substr(0, 100));
    }
    query.emplace(key, *cursor);
    return httplib::append_query_params(ex.req.path, query);
  };
  nlohmann::json previous = link(counted ? "after" : "before", list.previous);
  nlohmann::json next = link("after", list.next);
  if (previous == false && next == false) return false;
  return {{"label", label}, {"previous", previous}, {"next", next}};
}

std::vector<std::pair<std::string, std::string>> AgencyOptions(const std::string& none) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!none.empty()) out.emplace_back("", none);
  for (std::string_view a : reference::Agencies()) out.emplace_back(a, a);
  return out;
}

std::vector<std::pair<std::string, std::string>> BoroughOptions(const std::string& none) {
  std::vector<std::pair<std::string, std::string>> out = {{"", none}};
  for (const auto& b : reference::Boroughs()) out.emplace_back(b.code, b.name);
  return out;
}

std::vector<std::pair<std::string, std::string>> ThemeOptions(const std::string& none) {
  std::vector<std::pair<std::string, std::string>> out = {{"", none}};
  for (auto t : reference::Themes()) out.emplace_back(reference::ThemeName(t), reference::ThemeWords(t));
  return out;
}

Result<AnyCommand> ReadFields(const Form& form, const nlohmann::json& fields, const std::string& subject,
                              std::string_view what) {
  JEM_ASSIGN_OR_RETURN(auto source, JsonFields(fields.dump()));
  return ReadForm(form, *source, subject, what);
}

CommandContext FormContext(const Exchange& ex, const std::string& idempotency_key) {
  return ContextFor(ex.caller, idempotency_key, ex.req.path + "\n" + ex.req.body);
}

Result<Outcome> RunForm(Exchange& ex, const FormState& form, AnyCommand command) {
  size_t failed = 0;
  auto outcome = Append(ex, FormContext(ex, form.Value("idempotency")), {Step{std::move(command), std::nullopt}}, &failed);
  // The views hold the change before the answer, so that what it made works at once (a
  // calendar's new address). If they lag, the page it leads to waits for them or says why not.
  if (outcome.ok() && !outcome->positions.empty() &&
      !ex.s.views.WaitFor(outcome->positions.back(), std::chrono::seconds(5))) {
    spdlog::warn("a form's change at position {} is not yet in the views", outcome->positions.back());
  }
  return outcome;
}

bool Offers(const Exchange& ex, std::string_view method, std::string_view path) {
  const Route* route = ex.s.routes.Find(method, path).route;
  return route != nullptr && route->callers.Allows(ex.caller.role);
}

}  // namespace jem::api::web
