// The pages over HTTP, below the browser tests (tests/web/): the cookies sign-in sets,
// Secure only when a trusted proxy says the browser came over TLS, and what a forged or
// incomplete sign-in gets; every page's roles and every form's CSRF token, read from the
// route table; the meeting form recorded all or nothing, after its answers are checked; a
// form sent after its session ended, held for its sender across signing in again.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "api/server/routes.h"
#include "api/web/handlers.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

class WebPagesTest : public testing::ApiTest {
 protected:
  // Signs in with `token`, the request carrying `headers`; the answer to the POST.
  httplib::Result SignIn(const std::string& token, httplib::Headers headers = {}) {
    auto client = Client();
    auto form = client.Get("/sign-in", headers);
    EXPECT_EQ(form->status, 200);
    const std::string cookie = form->get_header_value("Set-Cookie");
    const size_t value = cookie.find('=') + 1;
    const std::string csrf = cookie.substr(value, cookie.find(';') - value);
    if (auto given = headers.find("Cookie"); given != headers.end()) {
      given->second += "; jem_csrf=" + csrf;
    } else {
      headers.emplace("Cookie", "jem_csrf=" + csrf);
    }
    return client.Post("/sign-in", headers, httplib::Params{{"csrf", csrf}, {"token", token}});
  }
  static std::vector<std::string> Cookies(const httplib::Result& r) {
    std::vector<std::string> out;
    for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) out.push_back(r->get_header_value("Set-Cookie", i));
    return out;
  }
  // A browser signed in with `token`: its Cookie field and its session's CSRF token (read
  // from the sign-out form every signed-in page carries).
  std::pair<std::string, std::string> Browser(const std::string& token) {
    auto r = SignIn(token);
    EXPECT_EQ(r->status, 303);
    std::smatch session;
    const std::string cookie = Cookies(r).at(0);
    EXPECT_TRUE(std::regex_search(cookie, session, std::regex("jem_session=[0-9a-f]+")));
    auto page = Client().Get(r->get_header_value("Location"), {{"Cookie", session.str()}, {"Accept", "text/html"}});
    std::smatch csrf;
    EXPECT_TRUE(std::regex_search(page->body, csrf, std::regex(R"re(name="csrf" value="([0-9a-f]+)")re"))) << page->body;
    return {session.str(), csrf[1].str()};
  }
  // A path of `route` with example values for its parameters.
  static std::string Concrete(const api::Route& route) {
    static const std::map<std::string, std::string> kExamples = {
        {"ref", "CAM-2009-01"}, {"meeting", "CAM-20090616"}, {"n", "1"},
        {"token", "0000abcd"},   {"id", "CAM-2009-01"},       {"asset", "jem.css"},
        {"contact", "tfl"},      {"agency", "TfL"},           {"kind", "action"},
        {"record", "CAM-2009-01"}};
    std::string path = route.path;
    for (const auto& [name, value] : kExamples) {
      const std::string slot = "{" + name + "}";
      if (auto at = path.find(slot); at != std::string::npos) path.replace(at, slot.size(), value);
    }
    return path;
  }
};

// Who may open each signed-in page, written down from DESIGN.md's roles rather than read from
// the route table it checks: officers everything but tokens; partners the board, actions,
// meetings, registers and their calendar; auditors every page that reads; admins the tokens.
const std::map<std::string, std::set<Role>>& MayOpen() {
  constexpr Role O = Role::kOfficer, P = Role::kPartner, A = Role::kAuditor, D = Role::kAdmin;
  static const std::map<std::string, std::set<Role>> kMayOpen = {
      {"/", {O, P, A}}, {"/actions/{ref}", {O, P, A}}, {"/meetings", {O, P, A}}, {"/meetings/record", {O}}, {"/meetings/schedule", {O}},
      {"/meetings/{meeting}", {O, P, A}}, {"/meetings/{meeting}/follow-up-report", {O, P, A}},
      {"/meetings/{meeting}/brief", {O, A}},
      {"/feedback", {O, A}}, {"/good-practice", {O, P, A}}, {"/pan-london-issues", {O, P, A}}, {"/rounds", {O, A}},
      {"/rounds/{n}/coverage", {O, A}}, {"/rounds/{n}/committee-report", {O, A}}, {"/reminders", {O, A}},
      {"/contacts", {O, A}}, {"/calendars", {O, P}}, {"/audit", {O, A}}, {"/audit/history/{kind}/{record}", {O, A}},
      {"/audit/late", {O, A}}, {"/audit/promises", {O, A}}, {"/audit/access", {O, A}}, {"/tokens", {D}},
      {"/held-form", {O, P, A, D}},  // whoever signed in again after their session ended
      {"/session", {O, P, A, D}},    // the timeout warning's "Stay signed in", on every signed-in page
      {"/figures", {O, P, A}},
  };
  return kMayOpen;
}

TEST_F(WebPagesTest, EveryPageIsForTheRolesTheMatrixNamesAndNoOthers) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  ASSERT_TRUE(Run(CamdenHeld()).ok());
  std::map<Role, std::string> browsers;
  for (const auto& [role, name, agency] : {std::tuple{Role::kOfficer, "officer", ""}, {Role::kPartner, "partner", "TfL"},
                                           {Role::kAuditor, "auditor", ""}, {Role::kAdmin, "admin", ""}}) {
    browsers[role] = Browser(Token(std::string("web.") + name, name, agency)).first;
  }
  int checked = 0;
  std::set<std::string> seen;
  for (const api::Route& route : api::Routes().routes()) {
    if (!route.page || route.method != "GET" || route.callers.anyone() || route.path == "/live") continue;
    seen.insert(route.path);
    auto may = MayOpen().find(route.path);
    ASSERT_NE(may, MayOpen().end()) << route.path << ": a new page; say in MayOpen() who may open it";
    for (const auto& [role, cookie] : browsers) {
      auto r = Client().Get(Concrete(route), {{"Cookie", cookie}, {"Accept", "text/html"}});
      ASSERT_TRUE(r) << route.path;
      EXPECT_EQ(route.callers.Allows(role), may->second.contains(role)) << route.path << " for " << RoleName(role);
      if (may->second.contains(role)) {
        EXPECT_NE(r->status, 403) << route.path << " for " << RoleName(role);
      } else if (route.path == "/") {  // the home page sends each role to its own first section
        EXPECT_EQ(r->status, 303) << RoleName(role);
        EXPECT_EQ(r->get_header_value("Location"), "/tokens");
      } else {
        EXPECT_EQ(r->status, 403) << route.path << " for " << RoleName(role);
        EXPECT_NE(r->body.find("You cannot see this page"), std::string::npos) << "a page, not JSON";
      }
      ++checked;
    }
  }
  for (const auto& [path, roles] : MayOpen()) EXPECT_TRUE(seen.contains(path)) << path << ": no such page";
  EXPECT_EQ(checked, int(MayOpen().size() * browsers.size()));
}

TEST_F(WebPagesTest, EveryFormOfASignedInPageIsRefusedWithoutTheSessionsCsrfToken) {
  Start();
  std::map<Role, std::pair<std::string, std::string>> browsers = {
      {Role::kOfficer, Browser(Token("web.officer", "officer"))},
      {Role::kPartner, Browser(Token("web.partner", "partner", "TfL"))},
      {Role::kAdmin, Browser(Token("web.admin", "admin"))}};
  int checked = 0;
  for (const api::Route& route : api::Routes().routes()) {
    if (!route.page || route.method != "POST" || route.callers.anyone()) continue;
    const auto who = std::find_if(browsers.begin(), browsers.end(), [&](const auto& b) { return route.callers.Allows(b.first); });
    ASSERT_NE(who, browsers.end()) << route.path;
    const uint64_t head = log_->head().position;
    for (const std::string& csrf : {std::string(), std::string("0123"), std::string(64, 'a')}) {
      auto r = Client().Post(Concrete(route), {{"Cookie", who->second.first}, {"Accept", "text/html"}},
                             httplib::Params{{"csrf", csrf}, {"text", "forged"}, {"reason", "forged"}});
      ASSERT_TRUE(r) << route.path;
      EXPECT_EQ(r->status, 403) << route.path << " with csrf '" << csrf << "'";
    }
    EXPECT_EQ(log_->head().position, head) << route.path << ": a refused form records nothing";
    ++checked;
  }
  EXPECT_GE(checked, 12);
  // With the token, the same session's sign-out goes through.
  const auto& [cookie, csrf] = browsers[Role::kOfficer];
  EXPECT_EQ(Client().Post("/sign-out", {{"Cookie", cookie}}, httplib::Params{{"csrf", csrf}})->status, 303);
}

TEST_F(WebPagesTest, TheMeetingFormRecordsEverythingOrNothing) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  httplib::Params form = {{"csrf", csrf},
                          {"meeting", "CAM-20090616"},
                          {"attendees-0-name", "Kit Malthouse"},
                          {"attendees-0-agency", "MPA"},
                          {"decisions-0-text", "Report back in six months"},
                          {"actions-0-text", "Map hotspots"},
                          {"actions-0-lead", "MPS"},
                          {"actions-0-due-day", "30"},
                          {"actions-0-due-month", "8"},
                          {"actions-0-due-year", "2009"},
                          {"actions-3-text", "Review bus flows"},  // rows may come with gaps
                          {"actions-3-lead", "TfL"},
                          {"actions-3-due-day", "30"},
                          {"actions-3-due-month", "2"},
                          {"actions-3-due-year", "2009"}};
  const uint64_t head = log_->head().position;
  auto refused = Client().Post("/meetings/record", {{"Cookie", cookie}}, form);
  ASSERT_EQ(refused->status, 400);
  EXPECT_EQ(log_->head().position, head) << "nothing of a refused form is recorded";
  // The second filled row is drawn as action 2, and its error points at its due date.
  EXPECT_NE(refused->body.find(R"(<a href="#actions-1-due">Action 2: Due date must be a real date</a>)"), std::string::npos)
      << refused->body;
  EXPECT_NE(refused->body.find(R"(id="actions-1-text" name="actions-1-text" rows="3">Review bus flows</textarea>)"),
            std::string::npos);
  EXPECT_NE(refused->body.find(R"(name="actions-1-due-month" type="text" inputmode="numeric" value="2")"), std::string::npos)
      << "what was typed in the date's boxes is kept";

  form.erase("actions-3-due-day");
  form.emplace("actions-3-due-day", "30");
  form.erase("actions-3-due-month");
  form.emplace("actions-3-due-month", "9");
  form.emplace("actions-3-supporting", "MPS");  // two boxes ticked: the field sent twice
  form.emplace("actions-3-supporting", "Council");

  // Right, the form is answered with the officer's answers to check, and nothing is recorded.
  auto checking = Client().Post("/meetings/record", {{"Cookie", cookie}}, form);
  ASSERT_EQ(checking->status, 200) << checking->body;
  EXPECT_NE(checking->body.find("<h1 class=\"govuk-heading-l\">Check your answers before recording the meeting</h1>"),
            std::string::npos);
  EXPECT_EQ(log_->head().position, head) << "nothing is recorded before the answers are checked";
  for (const std::string shown : {"30 September 2009", "MPS, Council", "Review bus flows", "Kit Malthouse, MPA",
                                  R"(<button type="submit" name="change" value="actions-1-due")",
                                  R"(<input type="hidden" name="actions-1-supporting" value="MPS, Council">)",
                                  R"(<input type="hidden" name="actions-1-due-month" value="9">)"}) {
    EXPECT_NE(checking->body.find(shown), std::string::npos) << shown << "\n" << checking->body;
  }
  // The answers as the check page sends them back: each value once, the rows renumbered.
  httplib::Params checked = {{"csrf", csrf}};
  for (size_t at = checking->body.find("<input type=\"hidden\" name=\""); at != std::string::npos;
       at = checking->body.find("<input type=\"hidden\" name=\"", at + 1)) {
    const size_t name = at + std::string_view("<input type=\"hidden\" name=\"").size();
    const size_t value = checking->body.find("\" value=\"", name);
    const size_t end = checking->body.find('"', value + 9);
    if (checking->body.compare(name, 4, "csrf") != 0) {
      checked.emplace(checking->body.substr(name, value - name), checking->body.substr(value + 9, end - value - 9));
    }
  }

  // "Change" draws the form again with every value, its field focused.
  httplib::Params change = checked;
  change.emplace("change", "actions-1-due");
  auto changing = Client().Post("/meetings/record", {{"Cookie", cookie}}, change);
  ASSERT_EQ(changing->status, 200);
  EXPECT_NE(changing->body.find(R"(name="actions-1-due-day" type="text" inputmode="numeric" value="30" autofocus>)"),
            std::string::npos) << changing->body;
  EXPECT_NE(changing->body.find(R"(name="actions-1-supporting" type="checkbox" value="Council" checked>)"),
            std::string::npos);
  EXPECT_EQ(log_->head().position, head);

  checked.emplace("confirmed", "yes");
  auto recorded = Client().Post("/meetings/record", {{"Cookie", cookie}}, checked);
  ASSERT_EQ(recorded->status, 303) << recorded->body;
  EXPECT_EQ(recorded->get_header_value("Location"), "/meetings/CAM-20090616?recorded=true");
  EXPECT_EQ(log_->head().position, head + 4) << "held, one decision, two actions";
  const uint64_t recorded_head = log_->head().position;
  auto action = Client().Get("/api/v1/actions/CAM-2009-02", {{"Authorization", "Bearer " + Token("web.auditor", "auditor")}});
  EXPECT_NE(action->body.find(R"("supporting":["MPS","Council"])"), std::string::npos) << action->body;
  auto again = Client().Post("/meetings/record", {{"Cookie", cookie}}, checked);
  EXPECT_EQ(again->status, 422) << "the meeting is held already: nothing is recorded twice";
  form.emplace("confirmed", "no");
  EXPECT_EQ(Client().Post("/meetings/record", {{"Cookie", cookie}}, form)->status, 422)
      << "and the check of the answers says so before asking to check them";
  EXPECT_EQ(log_->head().position, recorded_head + 1) << "only the auditor's reading of the action, logged";
}

// "Remove" takes a row out of the meeting form, and the rows after it move up, every value
// kept; nothing is recorded.
TEST_F(WebPagesTest, ARowOfTheMeetingFormIsRemovedAndTheRestMoveUp) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  const uint64_t head = log_->head().position;
  auto shown = Client().Post("/meetings/record", {{"Cookie", cookie}},
                             httplib::Params{{"csrf", csrf},
                                             {"meeting", "CAM-20090616"},
                                             {"actions-0-text", "Entered by mistake"},
                                             {"actions-1-text", "Map hotspots"},
                                             {"actions-1-due-day", "30"},
                                             {"remove", "actions-0"}});
  ASSERT_EQ(shown->status, 200);
  EXPECT_EQ(shown->body.find("Entered by mistake"), std::string::npos) << shown->body;
  EXPECT_NE(shown->body.find(R"(id="actions-0-text" name="actions-0-text" rows="3">Map hotspots</textarea>)"),
            std::string::npos);
  EXPECT_NE(shown->body.find(R"(name="actions-0-due-day" type="text" inputmode="numeric" value="30")"), std::string::npos);
  EXPECT_EQ(shown->body.find("govuk-error-summary"), std::string::npos) << "removing is not a mistake";
  EXPECT_EQ(log_->head().position, head);
}

// Every mistake of a meeting's outcome is shown at once, each linked to its field, whether
// the page finds it (a date's boxes) or the rules do (in any step): one submission, not four.
TEST_F(WebPagesTest, EveryMistakeInTheMeetingFormIsShownAtOnce) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  const httplib::Params form = {{"csrf", csrf},
                                {"meeting", "CAM-20090616"},
                                {"attendees-0-name", "Kit Malthouse"},
                                {"attendees-0-agency", "MPA"},
                                {"attendees-1-name", "Borough Commander"},  // no agency
                                {"actions-0-lead", "MPS"},                   // no text
                                {"actions-0-due-day", "30"},
                                {"actions-0-due-month", "9"},
                                {"actions-0-due-year", "2009"},
                                {"actions-1-text", "Review bus flows"},  // no lead; a month missing
                                {"actions-1-due-day", "30"},
                                {"actions-1-due-year", "2009"},
                                {"practice-0-description", "Joint patrols"}};  // no title
  const uint64_t head = log_->head().position;
  auto refused = Client().Post("/meetings/record", {{"Cookie", cookie}}, form);
  ASSERT_EQ(refused->status, 400);
  EXPECT_EQ(log_->head().position, head);
  for (const std::string link : {R"(<a href="#actions-1-due">Action 2: Due date must include a month</a>)",
                                 R"(<a href="#attendees-1-agency">Choose the agency of attendee 2</a>)",
                                 R"(<a href="#actions-0-text">Action 1: Enter what was agreed</a>)",
                                 R"(<a href="#actions-1-lead">Action 2: Choose the lead agency</a>)",
                                 R"(<a href="#practice-0-title">Good practice 1: Enter the good practice&apos;s title</a>)"}) {
    EXPECT_NE(refused->body.find(link), std::string::npos) << link << "\n" << refused->body;
  }
  EXPECT_NE(refused->body.find("<title>Error: "), std::string::npos);
}

// An officer schedules a JEM from the pages (every mistake shown at once first), then moves
// it (a reason is needed) and cancels it; the meeting's page says each time what was done.
// A form sent after its session ended (here, 30 minutes idle) is held for its sender: signing
// in again leads to it, every value kept, to send; nothing is recorded meanwhile; nobody else
// is given it, it is given once, and a form without that session's CSRF token is not held.
TEST_F(WebPagesTest, AFormSentAfterItsSessionEndedIsHeldForItsSenderAcrossSigningIn) {
  Start();
  const std::string token = Token("web.officer", "officer");
  const auto [ended, csrf] = Browser(token);
  clock_.Advance(std::chrono::minutes(31));
  const uint64_t head = log_->head().position;
  httplib::Params form = {{"csrf", csrf},          {"borough", "Brent"},   {"round", "1"},        {"theme", "violent-crime"},
                          {"date-day", "30"},      {"date-month", "11"},   {"date-year", "2009"}, {"start", "10:00"},
                          {"end", "12:00"},        {"room", "Brent Civic Centre"}, {"idempotency", "0123abcd"}};
  auto forged = Client().Post("/meetings/schedule", {{"Cookie", ended}},
                              httplib::Params{{"csrf", std::string(64, 'a')}, {"room", "forged"}});
  ASSERT_EQ(forged->status, 303);
  EXPECT_EQ(forged->get_header_value("Location"), "/sign-in");
  EXPECT_TRUE(Cookies(forged).empty()) << "a form without its session's token is not held";
  // Its cookie may be gone (signed out in another tab): its CSRF token says whose form it is.
  auto sent = Client().Post("/meetings/schedule", {}, form);
  ASSERT_EQ(sent->status, 303);
  EXPECT_EQ(sent->get_header_value("Location"), "/sign-in");
  EXPECT_EQ(log_->head().position, head) << "nothing is recorded without a session";
  const std::string set = Cookies(sent).at(0);
  std::smatch key;
  ASSERT_TRUE(std::regex_search(set, key, std::regex("^jem_held=([0-9a-f]{64}); Path=/; HttpOnly; SameSite=Strict$"))) << set;
  const std::string held = "jem_held=" + key[1].str();
  EXPECT_NE(Client().Get("/sign-in", {{"Cookie", held}})->body.find("You were signed out before your form was sent"),
            std::string::npos);

  auto other = SignIn(Token("web.other", "officer"), {{"Cookie", held}});
  ASSERT_EQ(other->status, 303);
  EXPECT_EQ(other->get_header_value("Location"), "/") << "another user is not led to it";
  auto again = SignIn(token, {{"Cookie", held}});
  ASSERT_EQ(again->status, 303);
  EXPECT_EQ(again->get_header_value("Location"), "/held-form");
  const std::string opened = Cookies(again).at(0);
  std::smatch session;
  ASSERT_TRUE(std::regex_search(opened, session, std::regex("jem_session=[0-9a-f]+")));
  const httplib::Headers browser = {{"Cookie", session.str() + "; " + held}};
  auto shown = Client().Get("/held-form", browser);
  ASSERT_EQ(shown->status, 200) << shown->body;
  EXPECT_NE(shown->body.find("<h1 class=\"govuk-heading-l\">Your form was not sent</h1>"), std::string::npos);
  EXPECT_NE(shown->body.find("Brent Civic Centre"), std::string::npos);
  EXPECT_NE(shown->body.find(R"(<dt class="govuk-summary-list__key">Date</dt>
        <dd class="govuk-summary-list__value jem-pre-line">30 November 2009</dd>)"),
            std::string::npos) << "a date's three boxes are one answer, written as a date\n" << shown->body;
  EXPECT_NE(shown->body.find(R"(<form method="post" action="/meetings/schedule")"), std::string::npos);
  EXPECT_EQ(shown->body.find(csrf), std::string::npos) << "the ended session's token is not sent again";
  EXPECT_NE(Cookies(shown).at(0).find("jem_held=; "), std::string::npos) << "the cookie is cleared";
  EXPECT_EQ(Client().Get("/held-form", browser)->status, 404) << "shown once";

  // Sent as the page sends it: the new session's token and every value held.
  httplib::Params resent;
  const std::regex hidden(R"re(<input type="hidden" name="([^"]+)" value="([^"]*)">)re");
  for (auto it = std::sregex_iterator(shown->body.begin(), shown->body.end(), hidden); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] != "csrf" || resent.count("csrf") == 0) resent.emplace((*it)[1], (*it)[2]);
  }
  EXPECT_EQ(resent.find("room")->second, "Brent Civic Centre");
  EXPECT_EQ(resent.find("idempotency")->second, "0123abcd");
  const uint64_t before = log_->head().position;  // the other user's token is recorded since
  auto scheduled = Client().Post("/meetings/schedule", browser, resent);
  ASSERT_EQ(scheduled->status, 303) << scheduled->body;
  EXPECT_EQ(scheduled->get_header_value("Location"), "/meetings/BRE-20091130?changed=scheduled");
  EXPECT_EQ(log_->head().position, before + 1);
}

TEST_F(WebPagesTest, AnOfficerSchedulesMovesAndCancelsAMeeting) {
  Start();
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  const httplib::Headers as_officer = {{"Cookie", cookie}};
  ASSERT_EQ(Client().Get("/meetings/schedule", as_officer)->status, 200);
  httplib::Params form = {{"csrf", csrf},         {"borough", "Brent"},      {"round", "1"},
                          {"date-day", "31"},     {"date-month", "11"},      {"date-year", "2009"},
                          {"start", "10:00"},     {"end", "9:00"}};
  const uint64_t head = log_->head().position;
  auto refused = Client().Post("/meetings/schedule", as_officer, form);
  ASSERT_EQ(refused->status, 400);
  for (const std::string link : {R"(<a href="#theme">Choose the theme</a>)", R"(<a href="#date">Meeting date must be a real date</a>)",
                                 R"(<a href="#end">End time must be a time of day written HH:MM (24-hour), not &apos;9:00&apos;</a>)",
                                 R"(<a href="#room">Enter the room</a>)"}) {
    EXPECT_NE(refused->body.find(link), std::string::npos) << link << "\n" << refused->body;
  }
  EXPECT_EQ(log_->head().position, head);

  form = {{"csrf", csrf},          {"borough", "Brent"},   {"round", "1"},        {"theme", "violent-crime"},
          {"date-day", "30"},      {"date-month", "11"},   {"date-year", "2009"}, {"start", "10:00"},
          {"end", "12:00"},        {"room", "Brent Civic Centre"}};
  auto scheduled = Client().Post("/meetings/schedule", as_officer, form);
  ASSERT_EQ(scheduled->status, 303) << scheduled->body;
  EXPECT_EQ(scheduled->get_header_value("Location"), "/meetings/BRE-20091130?changed=scheduled");
  const std::string page = Client().Get("/meetings/BRE-20091130?changed=scheduled", as_officer)->body;
  EXPECT_NE(page.find("The meeting is scheduled."), std::string::npos);
  EXPECT_NE(page.find("10am to midday"), std::string::npos);
  EXPECT_NE(page.find("Brent Civic Centre"), std::string::npos);
  EXPECT_NE(Client().Get("/meetings", as_officer)->body.find("Scheduled meetings"), std::string::npos);

  auto unmoved = Client().Post("/meetings/BRE-20091130/reschedule", as_officer,
                               httplib::Params{{"csrf", csrf}, {"reschedule-room", "Wembley"}});
  ASSERT_EQ(unmoved->status, 400);
  EXPECT_NE(unmoved->body.find(R"(<a href="#reschedule-reason">Enter why the meeting moves</a>)"), std::string::npos)
      << unmoved->body;
  EXPECT_NE(unmoved->body.find(R"(<details class="govuk-details jem-update" open>)"), std::string::npos)
      << "the form with the mistake is open";
  auto moved = Client().Post("/meetings/BRE-20091130/reschedule", as_officer,
                             httplib::Params{{"csrf", csrf}, {"reschedule-room", "Wembley"},
                                             {"reschedule-reason", "The civic centre is closed"}});
  ASSERT_EQ(moved->status, 303) << moved->body;
  EXPECT_EQ(moved->get_header_value("Location"), "/meetings/BRE-20091130?changed=rescheduled");
  EXPECT_NE(Client().Get("/meetings/BRE-20091130", as_officer)->body.find("Wembley"), std::string::npos);
  auto cancelled = Client().Post("/meetings/BRE-20091130/cancel", as_officer,
                                 httplib::Params{{"csrf", csrf}, {"cancel-reason", "The chair is ill"}});
  ASSERT_EQ(cancelled->status, 303) << cancelled->body;
  EXPECT_EQ(log_->head().position, head + 3) << "scheduled, moved, cancelled";
  EXPECT_EQ(Client().Get("/meetings/BRE-20091130", as_officer)->body.find("Move the meeting"), std::string::npos)
      << "a cancelled meeting cannot be moved";
  // Only officers schedule meetings.
  const auto [partner, partner_csrf] = Browser(Token("web.tfl", "partner", "TfL"));
  const uint64_t before = log_->head().position;
  EXPECT_EQ(Client().Post("/meetings/schedule", {{"Cookie", partner}},
                          httplib::Params{{"csrf", partner_csrf}, {"borough", "Brent"}})->status, 403);
  EXPECT_EQ(log_->head().position, before);
}

// The board's borough and agency filters are lists to choose from; one asked for by any of
// its names shows as chosen, and good practice names its borough and says what it is.
TEST_F(WebPagesTest, FiltersAreChosenFromListsAndRegistersSayWhatEachReferenceIs) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  ASSERT_TRUE(Run(CamdenHeld()).ok());
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  const httplib::Headers as_officer = {{"Cookie", cookie}};
  const std::string board = Client().Get("/?borough=camden&agency=tfl", as_officer)->body;
  EXPECT_NE(board.find(R"(<option value="CAM" selected>Camden</option>)"), std::string::npos) << board;
  EXPECT_NE(board.find(R"(<option value="TfL" selected>TfL</option>)"), std::string::npos);
  command::IdentifyPractice practice{"CAM-20090616", "", "Joint patrols", "", "", {}, "Police and wardens together", ""};
  ASSERT_TRUE(Run(practice).ok());
  const std::string registered = Client().Get("/good-practice?borough=Camden", as_officer)->body;
  EXPECT_NE(registered.find("Good practice CAM-2009-01"), std::string::npos) << registered;
  EXPECT_NE(registered.find(R"(<dd class="govuk-summary-list__value">Camden</dd>)"), std::string::npos);
  EXPECT_NE(registered.find(R"(<option value="CAM" selected>Camden</option>)"), std::string::npos);
}

// The pages ask for their files by the digest of every file, so that each address always
// holds the same bytes and is cached for good; asked for by another digest (a page of an
// earlier release) or none, a file is checked again each time.
TEST_F(WebPagesTest, AssetsAreFingerprintedAndCachedForGoodOnlyUnderTheirFingerprint) {
  Start();
  const std::string page = Client().Get("/sign-in")->body;
  const std::regex linked(R"re(href="/assets/jem\.css\?v=([0-9a-f]{16})")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, linked)) << page;
  const std::string v = m[1];
  EXPECT_NE(page.find("/assets/jem.mjs?v=" + v), std::string::npos) << "every file by the same digest";
  auto current = Client().Get("/assets/jem.css?v=" + v);
  ASSERT_EQ(current->status, 200);
  EXPECT_EQ(current->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Client().Get("/assets/jem.css?v=0123456789abcdef")->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(Client().Get("/assets/jem.css")->get_header_value("Cache-Control"), "no-cache");

  // The digest follows the files: one byte changed in one file changes it.
  testing::TempDir a, b;
  for (const testing::TempDir* d : {&a, &b}) {
    std::filesystem::create_directories(d->path() + "/images");
    std::ofstream(d->path() + "/site.css") << "body { margin: 0 }";
    std::ofstream(d->path() + "/images/logo.svg") << "<svg/>";
  }
  std::ofstream(b.path() + "/images/logo.svg") << "<svg />";
  EXPECT_EQ(api::web::AssetsVersion(a.path()).size(), 16u);
  EXPECT_NE(api::web::AssetsVersion(a.path()), api::web::AssetsVersion(b.path()));
}

TEST_F(WebPagesTest, SigningInSetsAnHttpOnlyStrictSessionCookieSecureBehindTls) {
  api::ServerOptions options;
  options.trusted_proxies = {"127.0.0.1"};
  Start(options);
  const std::string officer = Token("jsmith", "officer");

  auto plain = SignIn(officer);
  ASSERT_EQ(plain->status, 303);
  EXPECT_EQ(plain->get_header_value("Location"), "/");
  const auto cookies = Cookies(plain);
  ASSERT_FALSE(cookies.empty());
  EXPECT_EQ(cookies[0].rfind("jem_session=", 0), 0u);
  EXPECT_NE(cookies[0].find("; HttpOnly; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookies[0].find("Secure"), std::string::npos) << "no TLS said: plain HTTP on loopback";

  auto tls = SignIn(officer, {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(tls->status, 303);
  for (const auto& c : Cookies(tls)) EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
}

TEST_F(WebPagesTest, ProxyHeadersFromAnyoneElseAreNotBelieved) {
  Start();  // no trusted proxy
  auto r = SignIn(Token("jsmith", "officer"), {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r->status, 303);
  for (const auto& c : Cookies(r)) EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
}

TEST_F(WebPagesTest, ASignInWithoutItsCsrfCookieOrWithABadTokenOpensNoSession) {
  Start();
  const std::string officer = Token("jsmith", "officer");
  auto client = Client();
  auto forged = client.Post("/sign-in", httplib::Params{{"csrf", "x"}, {"token", officer}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_NE(forged->body.find("The sign-in form had expired"), std::string::npos);
  auto wrong = SignIn("jem_00000000_nope");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(wrong->body.find("jem_00000000_nope"), std::string::npos) << "the token is not echoed";
  for (const auto& c : Cookies(wrong)) EXPECT_EQ(c.rfind("jem_session=", 0), std::string::npos) << c;
  EXPECT_EQ(Client().Get("/", {{"Accept", "text/html"}})->status, 303);
}

TEST_F(WebPagesTest, ACsrfCookieAndTokenTheClientMadeUpOpenNoSession) {
  Start();
  const std::string officer = Token("jsmith", "officer");
  // A double-submitted value the client chose itself: the same in cookie and form.
  for (const std::string& made_up : {std::string(64, 'a'), std::string("1.") + std::string(32, '0') + "." +
                                                                std::string(64, 'f')}) {
    auto forged = Client().Post("/sign-in", {{"Cookie", "jem_csrf=" + made_up}},
                                httplib::Params{{"csrf", made_up}, {"token", officer}});
    EXPECT_EQ(forged->status, 400) << made_up;
    for (const auto& c : Cookies(forged)) EXPECT_EQ(c.rfind("jem_session=", 0), std::string::npos) << c;
  }
  EXPECT_EQ(SignIn(officer)->status, 303) << "the form the server made still works";
}

TEST_F(WebPagesTest, AFormsCsrfTokenIsTakenFromItsBodyOnly) {
  Start();
  const auto [cookie, csrf] = Browser(Token("jsmith", "officer"));
  auto in_query = Client().Post("/sign-out?csrf=" + csrf, {{"Cookie", cookie}}, httplib::Params{{"x", "y"}});
  EXPECT_EQ(in_query->status, 400);
  EXPECT_NE(in_query->body.find("its address has no query"), std::string::npos) << in_query->body;
  EXPECT_EQ(Client().Get("/", {{"Cookie", cookie}})->status, 200) << "still signed in";
  EXPECT_EQ(Client().Post("/sign-out", {{"Cookie", cookie}}, httplib::Params{{"csrf", csrf}})->status, 303);
}

TEST_F(WebPagesTest, APagesQueryParameterItDoesNotReadIsRefusedNamedNotIgnored) {
  Start();
  const std::string cookie = Browser(Token("jsmith", "officer")).first;
  for (const auto& [path, name] : std::vector<std::pair<std::string, std::string>>{
           {"/?colour=red", "colour"}, {"/meetings?as_of=2010-01-01&sort=date", "sort"},
           {"/audit/late?day=2010-01-01", "day"}, {"/tokens?q=x", "q"}, {"/assets/jem.css?version=1", "version"}}) {
    auto r = Client().Get(path, {{"Cookie", cookie}, {"Accept", "text/html"}});
    EXPECT_EQ(r->status, 400) << path;
    EXPECT_NE(r->body.find(name + "&apos; is not a query parameter"), std::string::npos) << path << r->body;
  }
  // What each page reads is taken: its filters, its page, what the page before it says.
  for (const std::string path : {"/?borough=CAM&status=open&sort=due&order=descending&page=1&as_of=2010-01-01",
                                 "/meetings/record?meeting=CAM-20090616", "/good-practice?text=school&after=x",
                                 "/audit/promises?by=borough&as_of=2010-01-01&basis=happened"}) {
    EXPECT_EQ(Client().Get(path, {{"Cookie", cookie}})->status, 200) << path;
  }
}

// A day a page asks for comes typed in GOV.UK's date input (three boxes) or whole in a link;
// what is wrong with it is said in GOV.UK's words by its boxes, which keep what was typed.
TEST_F(WebPagesTest, APagesDayIsTypedInItsDateInputOrGivenWholeInALink) {
  Start();
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  const httplib::Headers browser = {{"Cookie", Browser(Token("jsmith", "officer")).first}, {"Accept", "text/html"}};
  for (const std::string path : {"/?as_of=2009-12-31", "/?as_of-day=31&as_of-month=12&as_of-year=2009",
                                 "/?as_of-day=31&as_of-month=12&as_of-year=2009&as_of=2001-01-01"}) {
    auto r = Client().Get(path, browser);
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_NE(r->body.find("as recorded by the end of 31 December 2009"), std::string::npos) << path;
    EXPECT_NE(r->body.find(R"(id="as_of-month" name="as_of-month" type="text" inputmode="numeric" value="12")"),
              std::string::npos) << path;
  }
  const std::pair<std::string, std::string> kWrong[] = {
      {"/?as_of-day=30&as_of-month=2&as_of-year=2009", "Day must be a real date"},
      {"/?as_of-day=1&as_of-month=1&as_of-year=09", "Day must be a real date"},
      {"/?as_of-day=x&as_of-month=1&as_of-year=2009", "Day must be a real date"},
      {"/?as_of-month=2&as_of-year=2009", "Day must include a day"},
      {"/?as_of-day=1", "Day must include a month and year"},
      {"/?as_of-day=&as_of-month=&as_of-year=&basis=happened", "Enter the day"},
      {"/reminders?date-day=31&date-month=4&date-year=2010", "Day must be a real date"},
      {"/audit/late?date-year=2010", "Day must include a day and month"},
      {"/audit/access?action=CAM-2009-01&before-day=1&before-month=13&before-year=2010", "Day must be a real date"}};
  for (const auto& [path, message] : kWrong) {
    auto r = Client().Get(path, browser);
    EXPECT_EQ(r->status, 400) << path;
    EXPECT_NE(r->body.find(R"(<li><a href="#)"), std::string::npos) << path << ": in the error summary";
    EXPECT_NE(r->body.find("<span class=\"govuk-visually-hidden\">Error:</span> " + message), std::string::npos)
        << path << ": by its field\n" << r->body.substr(0, 4000);
  }
  // Typed boxes are the page's alone: the API takes its day whole.
  EXPECT_EQ(Client().Get("/api/v1/actions?as_of-day=1", As(Token("api.jsmith", "officer")))->status, 400);
}

// Each figure opens the board filtered to show exactly the actions it counts; a partner's
// figures are of its own agency's actions.
TEST_F(WebPagesTest, EachFigureOpensTheBoardShowingTheActionsItCounts) {
  HoldCamden();
  Agree("MPS");
  const std::string tfl = Agree("TfL");
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kBlock, tfl, "Waiting for the station's plans").ok());
  Start();
  for (const auto& [token, least] : {std::pair{Token("jsmith", "officer"), 8}, {Token("asmith", "partner", "TfL"), 6}}) {
    const httplib::Headers browser = {{"Cookie", Browser(token).first}, {"Accept", "text/html"}};
    auto page = Client().Get("/figures", browser);
    ASSERT_EQ(page->status, 200);
    const std::regex figure(R"re(<a class="govuk-link" href="(/\?[^"]+)">(\d+)<span)re");
    int links = 0;
    for (auto it = std::sregex_iterator(page->body.begin(), page->body.end(), figure); it != std::sregex_iterator(); ++it) {
      const std::string href = std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&");
      auto board = Client().Get(href, browser);
      ASSERT_EQ(board->status, 200) << href;
      std::smatch shown;
      ASSERT_TRUE(std::regex_search(board->body, shown, std::regex(R"re(<p class="govuk-body">(\d+) actions? match)re")))
          << href;
      EXPECT_EQ(shown[1].str(), (*it)[2].str()) << href;
      ++links;
    }
    EXPECT_GE(links, least) << "in all, its agencies and Camden: open, overdue or blocked";
    // The board, unfiltered, heads its list with the figures in all, each a link likewise.
    auto home = Client().Get("/", browser);
    ASSERT_EQ(home->status, 200);
    const std::regex headline(R"re(<a class="govuk-link" href="(/\?[^"]+)"><span class="jem-figure__count">(\d+)</span>)re");
    int headlines = 0;
    for (auto it = std::sregex_iterator(home->body.begin(), home->body.end(), headline); it != std::sregex_iterator();
         ++it, ++headlines) {
      const std::string href = std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&");
      std::smatch shown;
      auto board = Client().Get(href, browser);
      ASSERT_TRUE(std::regex_search(board->body, shown, std::regex(R"re(<p class="govuk-body">(\d+) actions? match)re")))
          << href;
      EXPECT_EQ(shown[1].str(), (*it)[2].str()) << href;
      EXPECT_EQ(board->body.find("jem-figure__count"), std::string::npos) << "a filtered board has no headline";
    }
    EXPECT_GE(headlines, 3) << "open, overdue, blocked";
  }
}

TEST_F(WebPagesTest, AMeetingsBriefIsLinkedFromItForThoseWhoMayReadItWithItsDownloads) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kBlock, ref, "Waiting for <the> station's plans").ok());
  ASSERT_TRUE(Run(command::ScheduleMeeting{"Camden", 2, "serious-youth-violence", "2010-02-01", "10:00", "12:00",
                                           "MPA room 1", "Kit Malthouse", {"MPS", "TfL"}}).ok());
  Start();
  const httplib::Headers officer = {{"Cookie", Browser(Token("jsmith", "officer")).first}, {"Accept", "text/html"}};
  auto meeting = Client().Get("/meetings/CAM-20100201", officer);
  ASSERT_EQ(meeting->status, 200);
  EXPECT_NE(meeting->body.find(R"(href="/meetings/CAM-20100201/brief")"), std::string::npos);
  auto page = Client().Get("/meetings/CAM-20100201/brief", officer);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Brief for the Camden JEM of 1 February 2010"), std::string::npos);
  EXPECT_NE(page->body.find("Actions still open (1)"), std::string::npos);
  EXPECT_NE(page->body.find("Blocked since 10 January 2010: Waiting for &lt;the&gt; station"), std::string::npos)
      << "the story, in words, escaped";
  auto md = Client().Get("/meetings/CAM-20100201/brief?format=md", officer);
  ASSERT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Disposition"), "attachment; filename=\"CAM-20100201-brief.md\"");
  EXPECT_EQ(Client().Get("/meetings/CAM-20100201/brief?format=csv", officer)->status, 400);
  EXPECT_EQ(Client().Get("/meetings/CAM-20100201/brief?as_of-day=10&as_of-month=1&as_of-year=2010", officer)->status, 200);
  // A partner is sent the brief; its pages do not offer the borough's whole story.
  const httplib::Headers partner = {{"Cookie", Browser(Token("asmith", "partner", "TfL")).first}, {"Accept", "text/html"}};
  auto held = Client().Get("/meetings/CAM-20090616", partner);
  ASSERT_EQ(held->status, 200);
  EXPECT_EQ(held->body.find("/brief"), std::string::npos);
}

// The timeout warning's "Stay signed in" keeps the session in use; without one it signs in.
TEST_F(WebPagesTest, StayingSignedInKeepsTheSessionInUse) {
  Start();
  const std::string cookie = Browser(Token("jsmith", "officer")).first;
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(std::chrono::minutes(29));
    auto kept = Client().Get("/session", {{"Cookie", cookie}});
    EXPECT_EQ(kept->status, 204) << "after " << (i + 1) * 29 << " minutes, each 29 minutes after the last use";
    EXPECT_TRUE(kept->body.empty());
  }
  clock_.Advance(std::chrono::minutes(30));
  auto ended = Client().Get("/session", {{"Cookie", cookie}});
  EXPECT_EQ(ended->status, 303) << "30 minutes unused";
  EXPECT_EQ(ended->get_header_value("Location"), "/sign-in");
  // Every signed-in page says how long the session lasts unused, for the warning to count down.
  const std::string page = Client().Get("/", {{"Cookie", Browser(Token("jsmith2", "officer")).first}})->body;
  EXPECT_NE(page.find(R"(data-jem-idle-seconds="1800")"), std::string::npos);
  EXPECT_NE(page.find("not used for 30 minutes"), std::string::npos);
}

// A page, round or path that is not there is a 404 page saying so, never another page in its
// place (page 1 for page 999, a round of 32 missing boroughs for a round nobody planned).
TEST_F(WebPagesTest, WhatIsNotThereIsPageNotFoundNotSomethingElse) {
  Start();
  const std::string cookie = Browser(Token("jsmith", "officer")).first;
  for (const auto& [path, says] : std::vector<std::pair<std::string, std::string>>{
           {"/?page=999", "there is no page 999 of these actions: they fill 1 page"},
           {"/?page=0", "there is no page 0"},
           {"/?page=-1", "there is no page -1"},
           {"/?page=two", "there is no page two"},
           {"/?page=99999999999999999999", "there is no page 99999999999999999999"},
           {"/rounds/99/coverage", "there is no round 99 in the record"},
           {"/rounds/99/committee-report", "there is no round 99"},
           {"/no/such/page", "there is no such route"}}) {
    auto r = Client().Get(path, {{"Cookie", cookie}, {"Accept", "text/html"}});
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->get_header_value("Content-Type").substr(0, 9), "text/html") << path;
    EXPECT_NE(r->body.find("Page not found"), std::string::npos) << path;
    EXPECT_NE(r->body.find(says), std::string::npos) << path << r->body;
  }
  EXPECT_EQ(Client().Get("/?page=1", {{"Cookie", cookie}})->status, 200);
  // The API answers the same rule.
  const std::string officer = "Bearer " + Token("jdoe", "officer");
  for (const std::string path : {"/api/v1/rounds/99/coverage", "/api/v1/rounds/99/committee-report"}) {
    auto r = Client().Get(path, {{"Authorization", officer}});
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_NE(r->body.find("there is no round 99"), std::string::npos) << r->body;
  }
}

TEST_F(WebPagesTest, OneTokensSignInsNeverEndAnothersSession) {
  api::ServerOptions options;
  options.sessions.max_sessions = 20;
  options.sign_ins_per_address = options.sign_ins_per_token = {1e9, 1e9};  // the session cap alone
  Start(options);
  const auto officer = Browser(Token("jsmith", "officer")).first;
  const std::string partner = Token("asmith", "partner", "TfL");
  for (int i = 0; i < 40; ++i) ASSERT_EQ(SignIn(partner)->status, 303) << i;
  EXPECT_EQ(Client().Get("/", {{"Cookie", officer}})->status, 200) << "the officer is still signed in";
  // Others fill the service: sign-ins are refused, and still no one is signed out.
  std::vector<std::string> others;
  for (int i = 0; i < 18; ++i) others.push_back(Token("user" + std::to_string(i), "auditor"));
  int refused = 0;
  for (const std::string& token : others) refused += SignIn(token)->status == 503;
  EXPECT_GT(refused, 0);
  EXPECT_EQ(Client().Get("/", {{"Cookie", officer}})->status, 200);
}

TEST_F(WebPagesTest, SignInsAreHeldToAnAllowancePerAddressAndPerToken) {
  Start();  // the default allowances; the test's clock stands still, so none refills
  const std::string partner = Token("asmith", "partner", "TfL");
  int signed_in = 0, throttled = 0;
  for (int i = 0; i < 20; ++i) {
    const int status = SignIn(partner)->status;
    signed_in += status == 303;
    throttled += status == 429;
  }
  EXPECT_EQ(signed_in, 10) << "a token signs in ten times at once at most";
  EXPECT_EQ(throttled, 10);
  // Guessing tokens from one address: held to its own allowance, whatever the tokens.
  int guesses_refused = 0;
  for (int i = 0; i < 40; ++i) guesses_refused += SignIn("jem_" + std::to_string(i) + "_guess")->status == 429;
  EXPECT_EQ(guesses_refused, 40 - (30 - 20));
  auto other_address = SignIn(Token("jsmith", "officer"), {{"X-Forwarded-For", "203.0.113.9"}});
  EXPECT_EQ(other_address->status, 429) << "no trusted proxy: the header is not believed";
}

TEST_F(WebPagesTest, TheReminderPagesShowTheDirectoryWhatWasSentAndEachActionsReminders) {
  HoldCamden();
  Start();
  const auto [cookie, csrf] = Browser(Token("web.officer", "officer"));
  httplib::Headers officer = {{"Cookie", cookie}, {"Accept", "text/html"}};
  // An officer adds TfL's contact: a wrong address first, kept with the error linked to its field.
  httplib::Params contact = {{"csrf", csrf},  {"kind", "agency"},           {"name", "TfL JEM team"},
                             {"email", "tfl"}, {"agency", "TfL"},           {"idempotency", "k1"}};
  auto refused = Client().Post("/contacts", officer, contact);
  ASSERT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find(R"(<a href="#email">)"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find(R"(value="TfL JEM team")"), std::string::npos) << "what was typed is kept";
  contact.erase("email");
  contact.emplace("email", "jem@tfl.example");
  auto added = Client().Post("/contacts", officer, contact);
  ASSERT_EQ(added->status, 303) << added->body;
  EXPECT_EQ(added->get_header_value("Location"), "/contacts?changed=tfl-jem-team");
  EXPECT_NE(Client().Get("/contacts", officer)->body.find("jem@tfl.example"), std::string::npos);

  // A TfL action, shared with MPS, is due on 20 January; the engine sends its reminder.
  auto agree = CamdenAction("TfL");
  agree.supporting_agencies = {"MPS"};
  agree.due_date = "2010-01-20";
  const std::string ref = Run(agree)->subject;
  clock_.Set(Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 20) + std::chrono::hours(7)));
  RunReminders(Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 20) + std::chrono::hours(9)));

  // Ten days on, the first session has timed out: sign in again.
  officer = {{"Cookie", Browser(Token("web.officer2", "officer")).first}, {"Accept", "text/html"}};
  const std::string sent = Client().Get("/reminders?agency=TfL", officer)->body;
  EXPECT_NE(sent.find("JEM actions: 1 reminder (due today)"), std::string::npos) << sent;
  EXPECT_NE(sent.find("E-mail to jem@tfl.example"), std::string::npos);
  EXPECT_EQ(Client().Get("/reminders?date=2010-02-30", officer)->status, 400);
  EXPECT_NE(Client().Get("/actions/" + ref, officer)->body.find("Reminder: due today"), std::string::npos);
  const auto tfl = Browser(Token("web.tfl", "partner", "TfL")).first;
  const auto mps = Browser(Token("web.mps", "partner", "MPS")).first;
  EXPECT_NE(Client().Get("/actions/" + ref, {{"Cookie", tfl}})->body.find("Reminder: due today"), std::string::npos)
      << "TfL sees what was sent to its own contact";
  EXPECT_EQ(Client().Get("/actions/" + ref, {{"Cookie", mps}})->body.find("Reminder: due today"), std::string::npos)
      << "MPS, supporting, is not told whom TfL's reminders went to";

  // A partner makes its agency's calendar address, shown once; it cannot make another's.
  const auto tfl_csrf = Browser(Token("web.tfl2", "partner", "TfL"));
  auto made = Client().Post("/calendars/TfL/reset", {{"Cookie", tfl_csrf.first}}, httplib::Params{{"csrf", tfl_csrf.second}});
  ASSERT_EQ(made->status, 201) << made->body;
  std::smatch address;
  ASSERT_TRUE(std::regex_search(made->body, address, std::regex(R"re(/calendars/[0-9a-f]{32}\.ics)re")));
  EXPECT_EQ(Client().Get(address.str())->status, 200);
  std::smatch feed;  // the same secret is the agency's feed, shown with it, once
  ASSERT_TRUE(std::regex_search(made->body, feed, std::regex(R"re(/feeds/([0-9a-f]{32})\?format=csv)re")));
  EXPECT_EQ(feed[1].str(), address.str().substr(11, 32));
  EXPECT_EQ(Client().Get(std::regex_replace(feed.str(), std::regex("&amp;"), "&"))->status, 200);
  auto other = Client().Post("/calendars/MPS/reset", {{"Cookie", tfl_csrf.first}}, httplib::Params{{"csrf", tfl_csrf.second}});
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(Client().Get("/calendars", {{"Cookie", tfl_csrf.first}})->body.find(">MPS<"), std::string::npos)
      << "a partner is offered its own agency's calendar only";
}

}  // namespace
}  // namespace jem
