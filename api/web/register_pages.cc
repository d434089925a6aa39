// The registers as pages: good practice (searched by words, borough, theme and status) and
// pan-London issues (open or resolved), each entry naming the meeting it came from when the
// reader may open that meeting.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "api/answer.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "engine/access_policy.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

// The GOV.UK tag colour of a register entry's status; the words say the same.
std::string PracticeOrIssueTag(const std::string& status) {
  if (status == "disseminated" || status == "resolved") return "govuk-tag--green";
  if (status == "validated") return "govuk-tag--blue";
  if (status == "rejected") return "govuk-tag--grey";
  return "govuk-tag--yellow";  // identified, open
}

// Where good practice may apply: any, pan-London, or a borough (by code).
Options ScopeOptions() {
  Options out = BoroughOptions("Any");
  out.insert(out.begin() + 1, {std::string(reference::kPanLondon), "Pan-London"});
  return out;
}

}  // namespace

void PracticePage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Good practice", "/good-practice");
  FormState form;
  for (const char* name : {"text", "borough", "theme", "status"}) form.Set(name, ex.Query(name).substr(0, 100));
  views::PracticeQuery query{form.Value("borough"), form.Value("theme"), form.Value("status"), form.Value("text"),
                             access::MeetingsOpenTo(ex.caller)};
  // A borough asked for by name (?borough=Camden) is the one the select shows chosen.
  if (auto scope = reference::FindScope(form.Value("borough")); scope.ok()) form.Set("borough", *scope);
  auto found =
      ex.ReadViews([&](const ReadModel& m, views::Day) { return views::PracticeRegister(m, query, ListPage(ex)); });
  if (!found.ok()) {
    form.AddError(found.status(), "", "text");
    form.ShowErrors(frame);
  }
  nlohmann::json entries = nlohmann::json::array();
  for (const views::GoodPractice& p : found.ok() ? found->good_practice : std::vector<views::GoodPractice>()) {
    entries.push_back({{"id", p.id}, {"title", p.title}, {"description", p.description},
                       {"status", Sentence(p.status)}, {"status_class", PracticeOrIssueTag(p.status)}, {"scope", reference::BoroughWords(p.scope)},
                       {"theme", reference::ThemeWordsOf(p.theme)}, {"partners", fmt::format("{}", fmt::join(p.partners, ", "))}, {"contact", p.contact},
                       {"meeting", p.meeting ? nlohmann::json(*p.meeting) : nlohmann::json(false)},
                       {"identified_on", p.identified_on ? nlohmann::json(*p.identified_on) : nlohmann::json(false)}});
  }
  const Options themes = ThemeOptions("Any");
  const nlohmann::json fields = {
      form.Input("text", "Words in the title, description or contact", "", "govuk-!-width-two-thirds"),
      form.Select("borough", "Borough", ScopeOptions()),
      form.Select("theme", "Theme", themes),
      form.Select("status", "Status", {{"", "Any"}, {"identified", "Identified"}, {"validated", "Validated"},
                                       {"disseminated", "Disseminated"}, {"rejected", "Rejected"}})};
  SendPage(ex.res, RenderPage("good_practice", {{"fields", fields}, {"entries", entries}, {"any", !entries.empty()},
                                                {"count", std::to_string(found.ok() ? found->count : 0)},
                                                {"pagination", found.ok() ? Pagination(ex, *found, "Pages of good practice")
                                                                          : nlohmann::json(false)}},
                              frame),
           found.ok() ? 200 : 400);
}

void IssuesPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Pan-London issues", "/pan-london-issues");
  std::string status = ex.Query("status");
  if (status != "open" && status != "resolved") status = "";
  auto found = ex.ReadViews(
      [&](const ReadModel& m, views::Day) {
        return views::IssueRegister(m, status, access::MeetingsOpenTo(ex.caller), ListPage(ex));
      });
  if (!found.ok()) return SendErrorPage(ex.res, HttpStatus(found.status().code()), found.status().message(), frame);
  nlohmann::json issues = nlohmann::json::array();
  for (const views::PanLondonIssue& i : found->pan_london_issues) {
    issues.push_back({{"id", i.id}, {"title", i.title}, {"lead", i.lead}, {"description", i.description},
                      {"status", Sentence(i.status)}, {"status_class", PracticeOrIssueTag(i.status)},
                      {"updates", i.updates}, {"has_updates", !i.updates.empty()},
                      {"resolution", i.resolution},
                      {"meeting", i.meeting ? nlohmann::json(*i.meeting) : nlohmann::json(false)}});
  }
  nlohmann::json filters = nlohmann::json::array();
  for (const auto& [value, text] : Options{{"", "All"}, {"open", "Open"}, {"resolved", "Resolved"}}) {
    filters.push_back({{"href", value.empty() ? "/pan-london-issues" : "/pan-london-issues?status=" + value},
                       {"text", text}, {"current", value == status}});
  }
  SendPage(ex.res, RenderPage("issues", {{"issues", issues}, {"any", !issues.empty()}, {"filters", filters},
                                         {"count", std::to_string(found->count)},
                                         {"pagination", Pagination(ex, *found, "Pages of issues")}},
                              frame));
}

}  // namespace jem::api::web
