// The API through a real socket with cpp-httplib's client: tokens, the error shape, the
// board and actions as each role sees them, and updates.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "api/metrics.h"
#include "api/openapi.h"
#include "api/server/routes.h"
#include "api/server/server.h"
#include "events/verify.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

class ServerTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    mps_ref_ = Agree("MPS");
    tfl_ref_ = Agree("TfL");
    officer_ = Token("jsmith", "officer", "");
    tfl_ = Token("asmith", "partner", "TfL");
    api::ServerOptions options;
    options.checkpoint_key = *proofs::Signer::Parse(proofs::GenerateKey("jem.test/log", proofs::KeyKind::kLog)->private_key);
    Start(options);
    client_ = std::make_unique<httplib::Client>(Client());
  }

  // A documented route's path with its placeholders filled in: the MPS action, the Camden
  // meeting, a verb each kind of record takes.
  std::string Concrete(const std::string& path) const {
    std::string concrete = std::regex_replace(path, std::regex("\\{meeting\\}"), "CAM-20090616");
    concrete = std::regex_replace(concrete, std::regex("\\{ref\\}"), mps_ref_);
    concrete = std::regex_replace(concrete, std::regex("\\{kind\\}"), "action");
    concrete = std::regex_replace(concrete, std::regex("\\{record\\}"), mps_ref_);
    concrete = std::regex_replace(concrete, std::regex("\\{position\\}"), "1");
    concrete = std::regex_replace(concrete, std::regex("\\{id\\}"), "CAM-2009-01");
    concrete = std::regex_replace(concrete, std::regex("\\{n\\}"), "1");
    concrete = std::regex_replace(concrete, std::regex("\\{contact\\}"), "tfl");
    concrete = std::regex_replace(concrete, std::regex("\\{agency\\}"), "TfL");
    concrete = std::regex_replace(concrete, std::regex("\\{feed\\}"), std::string(32, 'a') + ".ics");
    concrete = std::regex_replace(concrete, std::regex("\\{sheet\\}"), std::string(32, 'a'));
    concrete = std::regex_replace(concrete, std::regex("\\{tile\\}"), "0/000.p/1");
    concrete = std::regex_replace(concrete, std::regex("\\{old\\}"), "1");
    concrete = std::regex_replace(concrete, std::regex("\\{new\\}"), "1");
    return std::regex_replace(concrete, std::regex("\\{token\\}"), "0123abcd");
  }
  // An MPS action that TfL supports, on which an MPS partner wrote something
  // confidential; its reference.
  std::string SharedActionWithAnMpsNote() {
    auto agree = CamdenAction("MPS");
    agree.supporting_agencies = {"TfL"};
    auto r = Run(agree);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return "";
    EXPECT_TRUE(Update(command::UpdateAction::Kind::kNote, r->subject, "Informant named in the briefing",
                       *ParseCaller("m1:partner:MPS")).ok());
    return r->subject;
  }

  std::string mps_ref_, tfl_ref_, officer_, tfl_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthNeedsNoToken) {
  auto r = client_->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["status"], "ok");
}

TEST_F(ServerTest, NoOrBadTokenIs401WithTheErrorShape) {
  auto r = client_->Get("/api/v1/actions");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(Body(r)["error"]["code"], "unauthorized");
  r = client_->Get("/api/v1/actions", As("jem_00000000_nope"));
  EXPECT_EQ(r->status, 401);
}

TEST_F(ServerTest, OfficersSeeEveryActionPartnersTheirOwn) {
  auto all = client_->Get("/api/v1/actions", As(officer_));
  ASSERT_EQ(all->status, 200);
  EXPECT_EQ(Body(all)["count"], 2);
  auto mine = client_->Get("/api/v1/actions", As(tfl_));
  ASSERT_EQ(mine->status, 200);
  EXPECT_EQ(Body(mine)["count"], 1);
  EXPECT_EQ(Body(mine)["actions"][0]["reference"], tfl_ref_);
  // Another agency's action by id: 404, not 403, so its existence does not leak.
  EXPECT_EQ(client_->Get("/api/v1/actions/" + mps_ref_, As(tfl_))->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/actions/" + mps_ref_, As(officer_))->status, 200);
}

// The counts are of what the caller may see: a partner's are its own agency's actions.
TEST_F(ServerTest, CountsOfActionsAreOfWhatTheCallerMaySeeInJsonAndCsv) {
  auto row = [](const nlohmann::json& rows, const std::string& key) {
    for (const nlohmann::json& r : rows) {
      if (r["key"] == key) return r;
    }
    return nlohmann::json();
  };
  const nlohmann::json all = Body(client_->Get("/api/v1/actions/counts", As(officer_)));
  EXPECT_EQ(all["all"]["open"], 2);
  EXPECT_EQ(row(all["agencies"], "MPS")["open"], 1);
  EXPECT_EQ(row(all["agencies"], "TfL")["open"], 1);
  EXPECT_EQ(row(all["boroughs"], "CAM")["open"], 2);
  EXPECT_EQ(row(all["boroughs"], "CAM")["name"], "Camden");
  EXPECT_EQ(row(all["boroughs"], "HRW")["open"], 0) << "every borough has its row";
  EXPECT_EQ(all["basis"], "today");
  const nlohmann::json mine = Body(client_->Get("/api/v1/actions/counts", As(tfl_)));
  EXPECT_EQ(mine["all"]["open"], 1);
  EXPECT_EQ(row(mine["agencies"], "MPS")["open"], 0) << "MPS's own action is not TfL's to count";

  auto csv = client_->Get("/api/v1/actions/counts?format=csv", As(tfl_));
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  std::istringstream lines(csv->body);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "as_of,by,key,name,open,overdue,blocked,due_this_month");
  size_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 7) << line;
    EXPECT_EQ(line.substr(0, 10), mine["as_of"].get<std::string>()) << line;
  }
  EXPECT_EQ(rows, 1 + all["agencies"].size() + 32);
  EXPECT_NE(csv->body.find(",all,all,All actions,1,"), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find(",borough,CAM,Camden,1,"), std::string::npos) << csv->body;

  auto wrong = client_->Get("/api/v1/actions/counts?format=xlsx", As(officer_));
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(Body(wrong)["error"]["field"], "format");
  EXPECT_EQ(client_->Get("/api/v1/actions/counts?as_of=2009-02-30", As(officer_))->status, 400);
}

TEST_F(ServerTest, UpdatesGoThroughTheRulesWithStatusCodes) {
  const std::string complete = "/api/v1/actions/" + tfl_ref_ + "/complete";
  auto r = client_->Post(complete, As(tfl_), R"({"text": "Route study published"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["subject"], tfl_ref_);
  EXPECT_EQ(Body(client_->Get("/api/v1/actions/" + tfl_ref_, As(tfl_)))["status"], "completed");  // own write

  r = client_->Post(complete, As(tfl_), R"({"text": "again"})", "application/json");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(Body(r)["error"]["code"], "refused");
  r = client_->Post("/api/v1/actions/" + tfl_ref_ + "/drop", As(tfl_), R"({"text": "x"})", "application/json");
  EXPECT_EQ(r->status, 403);
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/start", As(tfl_), "{}", "application/json");
  EXPECT_EQ(r->status, 404);
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/start", As(officer_), "{}", "text/plain");
  EXPECT_EQ(r->status, 415);
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/start", As(officer_), "{not json", "application/json");
  EXPECT_EQ(r->status, 400);
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/note", As(officer_), R"({"text": 5})", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "text") << "the error names the field that is wrong";
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/redate", As(officer_), R"({"text": "later", "due": "soon"})",
                    "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "due");
  // Texts are text: a control character, or one that reorders what is shown, names its field.
  const uint64_t head = log_->head().position;
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/note", As(officer_), R"({"text": "red \u001b[31m"})",
                    "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "text");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("U+001B"), std::string::npos) << r->body;
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/reassign", As(officer_),
                    R"({"text": "their lead", "to": "TfL\u202e"})", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "to");
  EXPECT_EQ(log_->head().position, head) << "nothing recorded";
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/unblock", As(officer_), "{}", "application/json");
  EXPECT_EQ(r->status, 422);
  EXPECT_FALSE(Body(r)["error"].contains("field")) << "a refusal about the state names no field";
  r = client_->Post("/api/v1/actions/" + mps_ref_ + "/fly", As(officer_), "{}", "application/json");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(client_->Get("/no/such/route", As(officer_))->status, 404);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

TEST_F(ServerTest, ARetriedPostWithTheSameIdempotencyKeyAppendsNothing) {
  auto headers = As(officer_);
  headers.emplace("Idempotency-Key", "note-1");
  const std::string note = "/api/v1/actions/" + mps_ref_ + "/note";
  auto first = client_->Post(note, headers, R"({"text": "Met the schools"})", "application/json");
  ASSERT_EQ(first->status, 200) << first->body;
  const uint64_t head = log_->head().position;
  auto retry = client_->Post(note, headers, R"({"text": "Met the schools"})", "application/json");
  ASSERT_EQ(retry->status, 200);
  EXPECT_EQ(Body(retry)["replayed"], true);
  EXPECT_EQ(Body(retry)["positions"], Body(first)["positions"]);
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(ServerTest, ViewsForEachRole) {
  const std::string admin = Token("root", "admin", "");
  const std::string auditor = Token("kaudit", "auditor", "");
  const std::string btp = Token("bsmith", "partner", "BTP");  // BTP did not attend the Camden JEM
  const std::string summary = "/api/v1/meetings/CAM-20090616";
  EXPECT_EQ(Body(client_->Get(summary, As(officer_)))["actions"].size(), 2u);
  EXPECT_EQ(client_->Get(summary, As(auditor))->status, 200);
  EXPECT_EQ(client_->Get(summary, As(tfl_))->status, 200);   // TfL attended
  EXPECT_EQ(client_->Get(summary, As(btp))->status, 404);    // not a leak of who met
  EXPECT_EQ(client_->Get(summary, As(admin))->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/meetings/XYZ-20090101", As(officer_))->status, 404);

  auto md = client_->Get(summary + "/follow-up-report?format=md", As(officer_));
  ASSERT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(md->body.rfind("# Six-month follow-up: CAM-20090616", 0), 0u);
  EXPECT_EQ(Body(client_->Get(summary + "/follow-up-report", As(officer_)))["totals"]["agreed"], 2);
  EXPECT_EQ(client_->Get(summary + "/follow-up-report?format=pdf", As(officer_))->status, 400);
  EXPECT_EQ(client_->Get(summary + "/follow-up-report?as_of=2009-02-30", As(officer_))->status, 400);
  EXPECT_EQ(client_->Get(summary + "/follow-up-report", As(btp))->status, 404);

  EXPECT_EQ(Body(client_->Get("/api/v1/good-practice", As(tfl_)))["count"], 0);
  EXPECT_EQ(client_->Get("/api/v1/good-practice?status=great", As(officer_))->status, 400);
  EXPECT_EQ(Body(client_->Get("/api/v1/pan-london-issues", As(auditor)))["count"], 0);
  EXPECT_EQ(Body(client_->Get("/api/v1/rounds/1/coverage", As(officer_)))["held"], 1);
  EXPECT_EQ(Body(client_->Get("/api/v1/rounds/1/committee-report", As(auditor)))["actions"], 2);
  EXPECT_EQ(client_->Get("/api/v1/rounds/1/coverage", As(tfl_))->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/rounds/0/coverage", As(officer_))->status, 400);

  auto events = client_->Get("/api/v1/events?from=1&limit=2", As(auditor));
  ASSERT_EQ(events->status, 200);
  EXPECT_EQ(Body(events)["events"].size(), 2u);
  EXPECT_EQ(Body(events)["events"][0]["event"]["streamId"], "meeting-CAM-20090616");
  EXPECT_EQ(client_->Get("/api/v1/events", As(tfl_))->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/events?from=x", As(officer_))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/actions", As(admin))->status, 403);
}

TEST_F(ServerTest, TheBriefOfTheNextJemInEachFormatForOfficersAndAuditors) {
  auto r = client_->Post("/api/v1/meetings", As(officer_), R"({"borough": "Camden", "round": 2,
      "theme": "serious-youth-violence", "date": "2010-02-01", "start": "10:00", "end": "12:00",
      "room": "MPA room 1", "chair": "Kit Malthouse", "invited": ["MPS", "TfL"]})", "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string brief = "/api/v1/meetings/CAM-20100201/brief";
  const std::string auditor = Token("kaudit", "auditor", "");
  auto json = client_->Get(brief, As(officer_));
  ASSERT_EQ(json->status, 200) << json->body;
  EXPECT_EQ(Body(json)["open_actions_count"], 2) << "the Camden JEM's two actions are still open";
  EXPECT_EQ(Body(json)["earlier"][0]["meeting"], "CAM-20090616");
  EXPECT_EQ(Body(json)["promises"].size(), 2u) << "a row for each invited agency";
  EXPECT_EQ(Body(json)["basis"], "today");
  auto md = client_->Get(brief + "?format=md", As(auditor));
  ASSERT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(md->body.rfind("# Brief for the Camden JEM of 1 February 2010", 0), 0u) << md->body;
  auto html = client_->Get(brief + "?format=html", As(officer_));
  ASSERT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->body.find(mps_ref_), std::string::npos);
  // As of a day, on either basis; before the JEM was scheduled there is no such JEM to brief.
  EXPECT_EQ(Body(client_->Get(brief + "?as_of=2010-01-10", As(officer_)))["basis"], "recorded");
  EXPECT_EQ(Body(client_->Get(brief + "?as_of=2010-01-10&basis=happened", As(officer_)))["open_actions_count"], 2);
  EXPECT_EQ(client_->Get(brief + "?as_of=2009-06-01", As(officer_))->status, 404);
  // What is wrong is said; a partner is not given the borough's whole story.
  EXPECT_EQ(client_->Get(brief + "?format=pdf", As(officer_))->status, 400);
  EXPECT_EQ(client_->Get(brief + "?as_of=2010-02-30", As(officer_))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/meetings/CAM-20990101/brief", As(officer_))->status, 404);
  EXPECT_EQ(client_->Get(brief, As(tfl_))->status, 403);
}

TEST_F(ServerTest, TheWholeCycleOverHttp) {
  auto post = [&](const std::string& path, const std::string& body, const std::string& token) {
    return client_->Post(path, As(token), body, "application/json");
  };
  auto r = post("/api/v1/meetings", R"({"borough": "Harrow", "round": 1, "theme": "serious-youth-violence",
      "date": "2009-06-24", "start": "11:00", "end": "13:00", "room": "MPA room 1", "chair": "Kit Malthouse"})",
                officer_);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["subject"], "HRW-20090624");
  EXPECT_EQ(post("/api/v1/meetings", R"({"borough": "Harrow", "round": "one"})", officer_)->status, 400);
  EXPECT_EQ(post("/api/v1/meetings", R"({"borough": "Gotham", "round": 1})", officer_)->status, 400);
  // Every wrong field at once, each named, so that a client can show them all.
  r = post("/api/v1/meetings", R"({"borough": "Harrow", "round": 1, "date": "24/06/2009", "start": "11:00",
      "end": "10:00", "room": ""})", officer_);
  ASSERT_EQ(r->status, 400);
  const nlohmann::json want = nlohmann::json::parse(R"json([
      {"field": "theme", "message": "Choose the theme"},
      {"field": "date", "message": "Meeting date must be a real date written YYYY-MM-DD, not '24/06/2009'"},
      {"field": "end", "message": "End time must be after the start time (11:00)"},
      {"field": "room", "message": "Enter the room"}])json");
  EXPECT_EQ(Body(r)["error"]["errors"], want) << r->body;
  EXPECT_EQ(Body(r)["error"]["field"], "theme");
  EXPECT_EQ(post("/api/v1/meetings/HRW-20090624/hold", R"({"attendees": [{"name": "Kit Malthouse", "agency": "MPA"}]})",
                 tfl_)->status, 403);
  r = post("/api/v1/meetings/HRW-20090624/hold",
           R"({"attendees": [{"name": "Kit Malthouse", "agency": "MPA", "role": "Chair"}]})", officer_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(post("/api/v1/meetings/HRW-20090624/decisions", R"({"text": "Share YOT data"})", officer_)->status, 201);
  r = post("/api/v1/actions", R"({"meeting": "HRW-20090624", "text": "Cross-border protocol", "lead": "MPS",
      "supporting": ["Council"], "due": "2009-10-01"})", officer_);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["subject"], "HRW-2009-01");
  EXPECT_EQ(post("/api/v1/actions", R"({"meeting": "HRW-20090624", "text": "x", "lead": "MPS", "due": "2009-01-01"})",
                 officer_)->status, 400);  // due before the meeting
  r = post("/api/v1/good-practice", R"({"meeting": "HRW-20090624", "title": "Cross-border working",
      "description": "Systematic processes with the neighbouring borough", "partners": ["MPS"]})", officer_);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(post("/api/v1/good-practice/" + std::string(Body(r)["subject"]) + "/disseminate", R"({"text": "bulletin"})",
                 officer_)->status, 422);  // not validated yet
  r = post("/api/v1/pan-london-issues", R"({"meeting": "HRW-20090624", "title": "School routes", "lead": "TfL"})",
           officer_);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(post("/api/v1/pan-london-issues/" + std::string(Body(r)["subject"]) + "/resolve", R"({"text": "Agreed"})",
                 officer_)->status, 200);
  // TfL did not attend: to TfL the meeting is not there, so it cannot give feedback on it.
  auto not_there = post("/api/v1/meetings/HRW-20090624/feedback", R"({"positive": "Well chaired"})", tfl_);
  EXPECT_EQ(not_there->status, 404);
  EXPECT_EQ(Body(not_there)["error"]["message"], "there is no meeting HRW-20090624 (meeting ids look like CAM-20090616)");
  EXPECT_EQ(Body(post("/api/v1/meetings/HRW-20090625/feedback", R"({"positive": "x"})", tfl_))["error"]["message"],
            "there is no meeting HRW-20090625 (meeting ids look like CAM-20090616)");
  EXPECT_EQ(post("/api/v1/meetings/CAM-20090616/feedback", R"({"positive": "Well chaired"})", tfl_)->status, 201);
  EXPECT_EQ(Body(client_->Get("/api/v1/meetings/HRW-20090624", As(officer_)))["actions"].size(), 1u);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

// How many routes the API has (the rest are web pages).
size_t ApiRoutes() {
  return size_t(std::count_if(api::Routes().routes().begin(), api::Routes().routes().end(), [](const api::Route& r) { return !r.page; }));
}

// The metrics label of a request's route.
std::string_view Label(std::string_view method, std::string_view path) {
  return api::Metrics::RouteLabel(api::Routes().Find(method, path).route);
}

TEST_F(ServerTest, MetricsCountRequestsAppendsAndLag) {
  client_->Get("/api/v1/actions", As(officer_));
  client_->Get("/api/v1/actions/" + mps_ref_, As(tfl_));
  client_->Post("/api/v1/actions/" + mps_ref_ + "/start", As(officer_), "{}", "application/json");
  // A request is counted just after its answer is sent: poll until the last one shows.
  const auto admin = As(Token("root", "admin", ""));
  EXPECT_EQ(client_->Get("/metrics")->status, 401);  // behind a token
  EXPECT_EQ(client_->Get("/metrics", As(officer_))->status, 403);
  httplib::Result r = client_->Get("/metrics", admin);
  for (int i = 0; i < 200 && r->body.find("/start\",status=\"200\"} 1") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    r = client_->Get("/metrics", admin);
  }
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("jem_http_requests_total{method=\"GET\",route=\"/api/v1/actions\",status=\"200\"} 1"),
            std::string::npos) << r->body;
  EXPECT_NE(r->body.find("route=\"/api/v1/actions/{ref}\",status=\"404\"} 1"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("route=\"/api/v1/actions/{ref}/start\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(r->body.find("jem_append_seconds_count 1"), std::string::npos);
  EXPECT_NE(r->body.find("jem_log_head_position " + std::to_string(log_->head().position)), std::string::npos);
  EXPECT_NE(r->body.find("jem_projection_lag_events 0"), std::string::npos);
  EXPECT_EQ(api::Metrics::RouteLabel(api::Routes().Find("GET", "/api/v1/meetings/CAM-20090616/follow-up-report").route),
            "/api/v1/meetings/{meeting}/follow-up-report");
  EXPECT_EQ(Label("GET", "/api/v1/rounds/2/coverage"), "/api/v1/rounds/{n}/coverage");
  EXPECT_EQ(Label("GET", "/api/v1/actions/CAM-2009-01/history"), "/api/v1/actions/{ref}/history");
  // Paths no route serves share one label, however many there are.
  EXPECT_EQ(Label("GET", "/api/v1/actions/CAM-2009-01/history/x"), "unmatched");
  EXPECT_EQ(Label("GET", "/api/v1/actions//history"), "unmatched");
  EXPECT_EQ(Label("DELETE", "/api/v1/actions"), "unmatched");
  EXPECT_EQ(Label("GET", "/wp-admin.php"), "unmatched");
  EXPECT_EQ(api::Metrics::MethodLabel("GE\"T"), "other");
}

TEST_F(ServerTest, TheEventStreamCatchesUpThenFollowsAndResumes) {
  const uint64_t head = log_->head().position;
  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(Update(command::UpdateAction::Kind::kStart, mps_ref_, "").ok());
  });
  std::string received;
  auto headers = As(officer_);
  client_->set_read_timeout(10, 0);
  client_->Get("/api/v1/events/stream?from=1", headers, [&](const char* data, size_t n) {
    received.append(data, n);
    return received.find("id: " + std::to_string(head + 1) + "\n") == std::string::npos;  // until the live one
  });
  later.join();
  EXPECT_NE(received.find("id: 1\nevent: meetingScheduled\ndata: {"), std::string::npos) << received;
  EXPECT_NE(received.find("event: actionStarted"), std::string::npos) << received;
  // Resuming after an id gives the events after it, not before.
  headers.emplace("Last-Event-ID", std::to_string(head));
  std::string resumed;
  client_->Get("/api/v1/events/stream", headers, [&](const char* data, size_t n) {
    resumed.append(data, n);
    return resumed.find("\n\n") == std::string::npos;
  });
  EXPECT_EQ(resumed.rfind("id: " + std::to_string(head + 1) + "\n", 0), 0u) << resumed;
  EXPECT_EQ(client_->Get("/api/v1/events/stream", As(tfl_))->status, 403);
}

TEST_F(ServerTest, EventStreamsAreNeverCompressedSoEventsArriveAtOnce) {
  // A browser accepts gzip and brotli; a compressor would hold the small events back.
  auto headers = As(officer_);
  headers.emplace("Accept-Encoding", "gzip, deflate, br");
  std::string encoding = "unanswered", received;
  client_->Get(
      "/api/v1/events/stream?from=1", headers,
      [&](const httplib::Response& r) {
        encoding = r.get_header_value("Content-Encoding");
        return true;
      },
      [&](const char* data, size_t n) {
        received.append(data, n);
        return received.find("id: 1\n") == std::string::npos;
      });
  EXPECT_EQ(encoding, "");
  EXPECT_EQ(received.rfind("id: 1\nevent: meetingScheduled", 0), 0u) << received.substr(0, 80);
}

TEST_F(ServerTest, TheOpenApiDocumentListsExactlyRoutesThatExist) {
  auto doc = client_->Get("/api/v1/openapi.json");
  ASSERT_EQ(doc->status, 200);
  const std::string admin = Token("root", "admin", "");
  auto json = Body(doc);
  EXPECT_EQ(json["openapi"], "3.1.0");
  size_t operations = 0;
  for (auto& [path, methods] : json["paths"].items()) {
    const std::string concrete = Concrete(path);
    for (auto& [method, op] : methods.items()) {
      ++operations;
      if (concrete.ends_with("/stream")) {  // open: answered by its first chunk, then dropped
        bool answered = false;
        client_->Get(concrete, As(officer_), [&](const char*, size_t) { return !(answered = true); });
        EXPECT_TRUE(answered);
        continue;
      }
      const auto who = path.starts_with("/api/v1/tokens") || path == "/metrics" ? As(admin) : As(officer_);
      auto r = method == "get" ? client_->Get(concrete, who) : client_->Post(concrete, who, "{}", "application/json");
      ASSERT_TRUE(r) << method << " " << concrete;
      if (r->status == 404) {
        EXPECT_EQ(Body(r)["error"]["message"].get<std::string>().find("no such route"), std::string::npos)
            << method << " " << concrete << " is documented but not served";
      }
    }
  }
  EXPECT_EQ(operations, ApiRoutes());
  for (const api::Route& route : api::Routes().routes()) EXPECT_FALSE(route.operation_id.empty()) << route.path;
}

TEST_F(ServerTest, PartnersSeeThatOtherAgenciesWroteNotesNotWhat) {
  const std::string ref = SharedActionWithAnMpsNote();
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  auto seen_by_tfl = Body(client_->Get("/api/v1/actions/" + ref + "/history", As(tfl_)));
  EXPECT_EQ(seen_by_tfl["events"][1]["body"], (nlohmann::json{{"withheld", "written by MPS"}}));
  EXPECT_EQ(seen_by_tfl["events"][1]["actor"].count("userId"), 0u) << "nor who at MPS wrote it";
  EXPECT_EQ(seen_by_tfl["events"][1]["actor"]["role"], "partner:MPS");
  EXPECT_EQ(seen_by_tfl.dump().find("Informant"), std::string::npos);
  EXPECT_EQ(seen_by_tfl.dump().find("\"m1\""), std::string::npos);
  auto seen_by_officer = Body(client_->Get("/api/v1/actions/" + ref + "/history", As(officer_)));
  EXPECT_EQ(seen_by_officer["events"][1]["body"]["actionProgressNoted"]["text"], "Informant named in the briefing");
}

TEST_F(ServerTest, APartnersMeetingViewsHoldOnlyItsActionsAndWithholdOtherPartnersNotes) {
  const std::string ref = SharedActionWithAnMpsNote();
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kNote, ref, "Patrol plan agreed").ok());  // an officer's
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));

  auto refs_of = [](const nlohmann::json& view) {
    std::set<std::string> refs;
    for (const auto& a : view["actions"]) refs.insert(a["reference"].get<std::string>());
    return refs;
  };
  auto report = Body(client_->Get("/api/v1/meetings/CAM-20090616/follow-up-report", As(tfl_)));
  EXPECT_EQ(refs_of(report), (std::set<std::string>{tfl_ref_, ref}));  // not the MPS-only action
  EXPECT_EQ(report["totals"]["agreed"], 2);
  for (const auto& a : report["actions"]) {
    if (a["reference"] != ref) continue;
    ASSERT_EQ(a["progress"].size(), 2u);
    EXPECT_EQ(a["progress"][0]["text"], "");
    EXPECT_EQ(a["progress"][0]["withheld"], "written by MPS");
    EXPECT_EQ(a["progress"][1]["text"], "Patrol plan agreed");
  }
  auto markdown = client_->Get("/api/v1/meetings/CAM-20090616/follow-up-report?format=md", As(tfl_));
  EXPECT_EQ(markdown->body.find("Informant"), std::string::npos);
  EXPECT_EQ(refs_of(Body(client_->Get("/api/v1/meetings/CAM-20090616", As(tfl_)))),
            (std::set<std::string>{tfl_ref_, ref}));

  auto officers = Body(client_->Get("/api/v1/meetings/CAM-20090616/follow-up-report", As(officer_)));
  EXPECT_EQ(refs_of(officers), (std::set<std::string>{mps_ref_, tfl_ref_, ref}));
  EXPECT_NE(officers.dump().find("Informant named in the briefing"), std::string::npos);
}

TEST_F(ServerTest, ActionHistoryAndImport) {
  auto history = client_->Get("/api/v1/actions/" + tfl_ref_ + "/history", As(tfl_));
  ASSERT_EQ(history->status, 200);
  EXPECT_EQ(Body(history)["events"][0]["body"]["actionAgreed"]["leadAgency"], "TfL");
  EXPECT_EQ(client_->Get("/api/v1/actions/" + mps_ref_ + "/history", As(tfl_))->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/actions/CAM-2009-99/history", As(officer_))->status, 404);
  auto note_on_nothing = client_->Post("/api/v1/actions/CAM-2009-99/note", As(officer_), R"({"text": "x"})",
                                       "application/json");
  EXPECT_EQ(note_on_nothing->status, 404);
  EXPECT_NE(note_on_nothing->body.find("there is no action CAM-2009-99"), std::string::npos) << note_on_nothing->body;
  const std::string doc = "meeting:\n  borough: Harrow\n  round: 1\n  theme: serious-youth-violence\n"
                          "  date: 2009-06-24\n  start: '11:00'\n  end: '13:00'\n  room: MPA room 1\n"
                          "  chair: Kit Malthouse\n"
                          "attendees:\n  - {name: Kit Malthouse, agency: MPA, role: Chair}\n"
                          "actions:\n  - {text: Route study, lead: TfL, due: 2009-06-01}\n";
  auto bad = client_->Post("/api/v1/import", As(officer_), doc, "application/yaml");
  EXPECT_EQ(bad->status, 400);  // the action is due before the meeting: nothing recorded
  const uint64_t head = log_->head().position;
  std::string good = doc;
  good.replace(good.find("2009-06-01"), 10, "2009-10-01");
  auto r = client_->Post("/api/v1/import", As(officer_), good, "application/yaml");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["subject"], "HRW-20090624");
  EXPECT_EQ(log_->head().position, head + 3);
  EXPECT_EQ(client_->Post("/api/v1/import", As(officer_), good, "text/plain")->status, 415);
}

TEST_F(ServerTest, IfMatchMakesAStaleWriteAConflictWithTheCurrentVersion) {
  auto read = client_->Get("/api/v1/actions/" + mps_ref_, As(officer_));
  ASSERT_EQ(read->status, 200);
  const std::string etag = read->get_header_value("ETag");
  EXPECT_EQ(etag, "\"1\"");
  auto headers = As(officer_);
  headers.emplace("If-Match", etag);
  const std::string note = "/api/v1/actions/" + mps_ref_ + "/note";
  auto first = client_->Post(note, headers, R"({"text": "first"})", "application/json");
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(first->get_header_value("ETag"), "\"2\"");
  // Someone who read version 1 writes too late: a conflict naming the current version.
  auto stale = client_->Post(note, headers, R"({"text": "second"})", "application/json");
  ASSERT_EQ(stale->status, 409);
  EXPECT_EQ(Body(stale)["error"]["current_version"], 2);
  EXPECT_EQ(log_->StreamVersion(ActionStream(mps_ref_)).value(), 2u);
  auto bad = As(officer_);
  bad.emplace("If-Match", "\"two\"");
  EXPECT_EQ(client_->Post(note, bad, R"({"text": "x"})", "application/json")->status, 400);
}

TEST_F(ServerTest, TooManyRequestsWithOneTokenAre429UntilTimePasses) {
  api::ServerOptions options;
  options.port = 0;
  options.requests_per_second = 1;
  options.request_burst = 3;
  api::Server limited(*log_, clock_, *views_, options);
  auto port = limited.Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&] { limited.Run(); });
  auto client = testing::ApiClient(*port);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.Get("/api/v1/actions", As(officer_))->status, 200);
  auto refused = client.Get("/api/v1/actions", As(officer_));
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  EXPECT_EQ(Body(refused)["error"]["code"], "too_many_requests");
  EXPECT_EQ(client.Get("/api/v1/actions", As(tfl_))->status, 200);  // other tokens are not held back
  clock_.Advance(std::chrono::seconds(2));
  EXPECT_EQ(client.Get("/api/v1/actions", As(officer_))->status, 200);
  limited.Stop();
  serving.join();
}

TEST_F(ServerTest, AdminsIssueListAndRevokeTokensWhichTakeEffectAtOnce) {
  const std::string admin = Token("root", "admin", "");
  auto issued = client_->Post("/api/v1/tokens", As(admin), R"({"user": "kbrown", "role": "partner", "agency": "LFB"})",
                              "application/json");
  ASSERT_EQ(issued->status, 201) << issued->body;
  const std::string token = Body(issued)["token"], id = Body(issued)["subject"];
  EXPECT_EQ(TokenIdOf(token), id);
  // The new partner is let in by the very next request, and sees only the LFB's actions.
  auto board = client_->Get("/api/v1/actions", As(token));
  ASSERT_EQ(board->status, 200) << board->body;
  EXPECT_EQ(Body(board)["count"], 0);

  auto list = Body(client_->Get("/api/v1/tokens", As(admin)));
  bool listed = false;
  for (const auto& t : list["tokens"]) {
    if (t["id"] == id) {
      listed = true;
      EXPECT_EQ(t["user"], "kbrown");
      EXPECT_EQ(t["agency"], "LFB");
      EXPECT_EQ(t["status"], "active");
    }
  }
  EXPECT_TRUE(listed) << list.dump();
  EXPECT_EQ(list.dump().find(token), std::string::npos) << "the list must never hold a secret";

  // Wrong input: a refusal that says what was wrong, and nothing appended.
  const uint64_t head = log_->head().position;
  auto no_agency = client_->Post("/api/v1/tokens", As(admin), R"({"user": "kbrown", "role": "partner"})",
                                 "application/json");
  EXPECT_EQ(no_agency->status, 400);
  EXPECT_NE(no_agency->body.find("Choose the agency the partner acts for"), std::string::npos);
  EXPECT_EQ(client_->Post("/api/v1/tokens", As(admin), R"({"user": "kbrown", "role": "chief"})", "application/json")->status,
            400);
  EXPECT_EQ(client_->Post("/api/v1/tokens", As(officer_), R"({"user": "x", "role": "admin"})", "application/json")->status,
            403);
  auto unknown = client_->Post("/api/v1/tokens/0123abcd/revoke", As(admin), R"({"reason": "left"})", "application/json");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(client_->Post("/api/v1/tokens/" + id + "/revoke", As(admin), "{}", "application/json")->status, 400);
  EXPECT_EQ(log_->head().position, head);

  // Revoked: the next request with it is turned away.
  auto revoked = client_->Post("/api/v1/tokens/" + id + "/revoke", As(admin), R"({"reason": "left the LFB"})",
                               "application/json");
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(client_->Get("/api/v1/actions", As(token))->status, 401);
  EXPECT_EQ(client_->Post("/api/v1/tokens/" + id + "/revoke", As(admin), R"({"reason": "again"})", "application/json")
                ->status,
            422);
}

TEST_F(ServerTest, ARetriedTokenRequestIssuesNoSecondTokenAndShowsNoSecret) {
  const std::string admin = Token("root", "admin", "");
  httplib::Headers headers = As(admin);
  headers.emplace("Idempotency-Key", "issue-kbrown-1");
  auto first = client_->Post("/api/v1/tokens", headers, R"({"user": "kbrown", "role": "auditor"})", "application/json");
  ASSERT_EQ(first->status, 201);
  auto again = client_->Post("/api/v1/tokens", headers, R"({"user": "kbrown", "role": "auditor"})", "application/json");
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(Body(again)["replayed"], true);
  EXPECT_EQ(Body(again)["subject"], Body(first)["subject"]);
  EXPECT_FALSE(Body(again).contains("token"));
  EXPECT_EQ(client_->Get("/api/v1/actions", As(Body(first)["token"]))->status, 200);
}

// Who may call each API operation, written down from DESIGN.md's roles rather than read from
// the route table it checks: O officers, P partners, A auditors, D admins; none: anyone,
// without a token. Officers run the JEM cycle; partners read and move on their own actions, give
// feedback and reset their calendar; auditors read everything, the audit's answers too;
// admins hold the tokens and the metrics.
const std::map<std::string, std::set<Role>>& MayCall() {
  constexpr Role O = Role::kOfficer, P = Role::kPartner, A = Role::kAuditor, D = Role::kAdmin;
  static const std::map<std::string, std::set<Role>> kMayCall = {
      {"getHealth", {}}, {"getMetrics", {D}}, {"getOpenApi", {}},
      {"listActions", {O, P, A}}, {"countActions", {O, P, A}}, {"agreeAction", {O}}, {"getAction", {O, P, A}}, {"getActionHistory", {O, P, A}},
      {"startAction", {O, P}}, {"noteAction", {O, P}}, {"blockAction", {O, P}}, {"unblockAction", {O, P}},
      {"completeAction", {O, P}}, {"dropAction", {O}}, {"reopenAction", {O}}, {"redateAction", {O, P}},
      {"reassignAction", {O}},
      {"scheduleMeeting", {O}}, {"getMeeting", {O, P, A}}, {"getFollowUpReport", {O, P, A}}, {"publishFollowUp", {O}},
      {"getMeetingBrief", {O, A}},
      {"rescheduleMeeting", {O}}, {"cancelMeeting", {O}}, {"holdMeeting", {O}}, {"recordDecision", {O}},
      {"giveFeedback", {O, P}},
      {"listGoodPractice", {O, P, A}}, {"identifyPractice", {O}}, {"validatePractice", {O}},
      {"disseminatePractice", {O}}, {"rejectPractice", {O}},
      {"listIssues", {O, P, A}}, {"raiseIssue", {O}}, {"updateIssue", {O}}, {"resolveIssue", {O}},
      {"getRoundCoverage", {O, A}}, {"getCommitteeReport", {O, A}},
      {"listEvents", {O, A}}, {"streamEvents", {O, A}}, {"correctEvent", {O}}, {"importMeeting", {O}},
      {"listTokens", {D}}, {"issueToken", {D}}, {"revokeToken", {D}},
      {"previewReminders", {O, A}}, {"listRemindersSent", {O, A}}, {"listContacts", {O, A}}, {"addContact", {O}},
      {"changeContact", {O}}, {"removeContact", {O}}, {"resetCalendar", {O, P}}, {"getCalendar", {}},
      {"getRecordHistory", {O, A}}, {"getLateRecords", {O, A}}, {"getPromises", {O, A}}, {"getAccessRecords", {O, A}},
      {"getAgencyFeed", {O, P, A}}, {"getAgencyFeedBySecret", {}},
      {"getCheckpoint", {}}, {"getHashTile", {}}, {"getInclusionProof", {}}, {"getConsistencyProof", {}},
      {"addCosignatures", {}},
  };
  return kMayCall;
}

TEST_F(ServerTest, TheRouteTableGivesEachOperationToTheRolesTheMatrixSays) {
  std::set<std::string> seen;
  for (const api::Route& route : api::Routes().routes()) {
    if (route.page) continue;
    seen.insert(route.operation_id);
    auto row = MayCall().find(route.operation_id);
    ASSERT_NE(row, MayCall().end()) << route.operation_id << ": a new operation; say in MayCall() who may call it";
    std::set<Role> table;
    for (Role role : {Role::kOfficer, Role::kPartner, Role::kAuditor, Role::kAdmin}) {
      if (route.callers.Allows(role)) table.insert(role);
    }
    EXPECT_EQ(table, row->second) << route.operation_id;
  }
  for (const auto& [operation, roles] : MayCall()) EXPECT_TRUE(seen.contains(operation)) << operation << ": no such route";
}

TEST_F(ServerTest, EveryRouteForEveryRole) {
  struct Who {
    std::optional<Role> role;  // none: no token
    std::string token;
  };
  const std::vector<Who> who = {{std::nullopt, ""},
                                {Role::kOfficer, officer_},
                                {Role::kAuditor, Token("kaudit", "auditor", "")},
                                {Role::kAdmin, Token("root", "admin", "")},
                                {Role::kPartner, tfl_}};  // TfL: attended Camden, does not lead or support the MPS action
  int checked = 0;
  for (const api::Route& route : api::Routes().routes()) {
    if (route.page) continue;  // signed in with a session, not a token: tests/web
    const std::string concrete = Concrete(route.path);
    const std::set<Role>& may = MayCall().at(route.operation_id);
    const bool anyone = may.empty();
    for (const Who& w : who) {
      httplib::Headers headers;
      if (!w.token.empty()) headers.emplace("Authorization", "Bearer " + w.token);
      int status = 0;
      if (concrete.ends_with("/stream")) {
        // The status arrives before the (endless) body, which is dropped at its first chunk.
        client_->Get(concrete, headers, [&](const httplib::Response& r) { status = r.status; return true; },
                     [](const char*, size_t) { return false; });
      } else {
        auto r = route.method == "GET" ? client_->Get(concrete, headers)
                                       : client_->Post(concrete, headers, "{}", "application/json");
        ASSERT_TRUE(r) << route.method << " " << concrete;
        status = r->status;
      }
      const std::string where = std::string(w.role ? RoleName(*w.role) : "nobody") + " " + route.method + " " + concrete;
      if (anyone && route.method == "POST") {
        EXPECT_TRUE(status != 401 && status != 403 && status < 500) << where << " -> " << status;  // a witness's
      } else if (anyone) {
        // A calendar's or a feed's address is its secret: one never issued is not there, whoever asks.
        const bool secret = route.path.starts_with("/calendars/") || route.path.starts_with("/feeds/");
        EXPECT_EQ(status, secret ? 404 : 200) << where;
      } else if (!w.role) {
        EXPECT_EQ(status, 401) << where;
      } else if (!may.contains(*w.role)) {
        EXPECT_EQ(status, 403) << where;
      } else if (*w.role == Role::kPartner && route.path.find("{ref}") != std::string::npos) {
        EXPECT_EQ(status, 404) << where << ": another agency's action is not there for a partner";
      } else if (route.method == "GET") {
        EXPECT_EQ(status, 200) << where;
      } else {
        EXPECT_TRUE(status != 401 && status != 403 && status < 500) << where << " -> " << status;  // the rules decide
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, int(ApiRoutes() * who.size()));
}

TEST_F(ServerTest, AnIdempotencyKeyUsedForAnotherRequestIsRefused) {
  auto headers = As(officer_);
  headers.emplace("Idempotency-Key", "k-1");
  const std::string note = "/api/v1/actions/" + mps_ref_ + "/note";
  ASSERT_EQ(client_->Post(note, headers, R"({"text": "first"})", "application/json")->status, 200);
  const uint64_t head = log_->head().position;
  auto other = client_->Post(note, headers, R"({"text": "something else"})", "application/json");
  EXPECT_EQ(other->status, 422);
  EXPECT_NE(Body(other)["error"]["message"].get<std::string>().find("already used for a different request"),
            std::string::npos) << other->body;
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(ServerTest, NumbersAreReadStrictlyNeverWrapped) {
  const uint64_t head = log_->head().position;
  const std::string note = "/api/v1/actions/" + mps_ref_ + "/note";
  auto if_match = As(officer_);
  if_match.emplace("If-Match", "\"4294967297\"");
  EXPECT_EQ(client_->Post(note, if_match, R"({"text": "x"})", "application/json")->status, 400);
  for (const char* body : {R"({"text": "x", "percent": 4294967346})", R"({"text": "x", "percent": -1})",
                           R"({"text": "x", "percent": 50.5})", R"({"text": "x", "percent": "50"})"}) {
    auto r = client_->Post(note, As(officer_), body, "application/json");
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_NE(r->body.find("/percent"), std::string::npos) << r->body;
  }
  for (const char* from : {"4294967296", "-1", "1abc", "+1", " 1", "1e3"}) {
    EXPECT_EQ(client_->Get(std::string("/api/v1/events?from=") + from, As(officer_))->status, 400) << from;
  }
  EXPECT_EQ(client_->Get("/api/v1/actions?round=4294967296", As(officer_))->status, 400);
  EXPECT_EQ(client_->Post("/api/v1/meetings", As(officer_), R"({"borough": "Harrow", "round": 4294967297})",
                          "application/json")->status, 400);
  EXPECT_EQ(client_->Post(note, As(officer_), R"({"text": "x", "percnt": 5})", "application/json")->status, 400)
      << "a misspelt field is refused, not dropped";
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(ServerTest, NotesWithoutIfMatchOnTheSameActionsNeverConflict) {
  std::atomic<int> conflicts{0}, done{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      auto client = Client();
      for (int i = 0; i < 15; ++i) {
        auto r = client.Post("/api/v1/actions/" + (i % 2 ? mps_ref_ : tfl_ref_) + "/note", As(officer_),
                             nlohmann::json{{"text", "writer " + std::to_string(t) + " note " + std::to_string(i)}}.dump(),
                             "application/json");
        if (r && r->status == 409) ++conflicts;
        if (r && r->status == 200) ++done;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(conflicts, 0);
  EXPECT_EQ(done, 120);
}

TEST_F(ServerTest, ReportsCannotBeForgedByWhatWasWritten) {
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kNote, mps_ref_, "line1\n### CAM-2009-99: FORGED ACTION").ok());
  auto agree = CamdenAction("MPS");
  agree.text = "=HYPERLINK(\"http://evil\",\"x\")";
  ASSERT_TRUE(Run(agree).ok());
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  const std::string report = "/api/v1/meetings/CAM-20090616/follow-up-report";
  auto md = client_->Get(report + "?format=md", As(officer_))->body;
  EXPECT_EQ(md.find("\n### CAM-2009-99"), std::string::npos) << md;
  EXPECT_NE(md.find("line1 \\#\\#\\# CAM-2009-99: FORGED ACTION"), std::string::npos) << md;
  auto csv = client_->Get(report + "?format=csv", As(officer_))->body;
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv;
  EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos) << csv;
}

TEST_F(ServerTest, ImportsAreBoundedHoweverTheDocumentRepeatsItself) {
  const uint64_t head = log_->head().position;
  std::string doc = "meeting:\n  id: CAM-20090616\n  status: scheduled\ndecisions:\n  - &big " +
                    std::string(30000, 'x') + "\n";
  for (int i = 0; i < 1000; ++i) doc += "  - *big\n";
  auto r = client_->Post("/api/v1/import", As(officer_), doc, "application/yaml");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("at most 20000"), std::string::npos) << r->body;
  std::string many = "meeting:\n  id: CAM-20090616\n  status: scheduled\ndecisions:\n  - &d A decision\n";
  for (int i = 0; i < 600; ++i) many += "  - *d\n";
  r = client_->Post("/api/v1/import", As(officer_), many, "application/yaml");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("an import takes at most 500"), std::string::npos) << r->body;
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(ServerTest, RegistersNameOnlyMeetingsTheReaderMayOpen) {
  command::IdentifyPractice practice;
  practice.meeting_id = "CAM-20090616";
  practice.title = "Virtual licensing board";
  practice.description = "Licensing decisions shared between boroughs";
  ASSERT_TRUE(Run(practice).ok());
  const std::string btp = Token("bsmith", "partner", "BTP");  // BTP did not attend the Camden JEM
  auto seen_by_btp = Body(client_->Get("/api/v1/good-practice", As(btp)));
  ASSERT_EQ(seen_by_btp["count"], 1);
  EXPECT_TRUE(seen_by_btp["good_practice"][0]["meeting"].is_null());
  EXPECT_TRUE(seen_by_btp["good_practice"][0]["identified_on"].is_null());
  auto seen_by_tfl = Body(client_->Get("/api/v1/good-practice", As(tfl_)));
  EXPECT_EQ(seen_by_tfl["good_practice"][0]["meeting"], "CAM-20090616");
}

TEST_F(ServerTest, OversizedBodiesAre413) {
  std::string big(2 << 20, 'x');
  auto r = client_->Post("/api/v1/actions/" + mps_ref_ + "/note", As(officer_), big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

// Views that stop following the log (a fault injected where a damaged log would stop them)
// are never served as if current: /healthz and /metrics say so, and a caller whose own write
// they lack is told to try again, not shown a page without it.
class StaleViewsTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    ref_ = Agree("MPS");
    officer_ = Token("jsmith", "officer");
    auditor_ = Token("kaudit", "auditor");
    admin_ = Token("root", "admin");
    LiveModel::Options views;
    views.fault = [this](const RecordedEvent& e) {
      return broken_ ? Status::Corruption("injected fault: the event at " + std::to_string(e.position()) +
                                          " cannot be read")
                     : Status::Ok();
    };
    Start({}, std::move(views));
  }
  std::atomic<bool> broken_{false};
  std::string ref_, officer_, auditor_, admin_;
};

TEST_F(StaleViewsTest, ViewsThatStoppedAreSaidSoAndNeverServeAnAnswerLackingTheCallersOwnWrite) {
  httplib::Client client = Client();
  auto healthy = client.Get("/healthz");
  ASSERT_EQ(healthy->status, 200);
  EXPECT_EQ(Body(healthy)["views_lag"], 0);

  broken_ = true;
  auto noted = client.Post("/api/v1/actions/" + ref_ + "/note", As(officer_), R"({"text": "Survey done"})",
                           "application/json");
  ASSERT_EQ(noted->status, 200) << noted->body << " (the write itself is durable)";
  EXPECT_FALSE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  ASSERT_FALSE(views_->status().ok()) << "the follower stopped at the injected fault";

  auto own = client.Get("/api/v1/actions/" + ref_, As(officer_));
  EXPECT_EQ(own->status, 503) << "not the action without the officer's note";
  EXPECT_NE(Body(own)["error"]["message"].get<std::string>().find("stopped following"), std::string::npos);
  EXPECT_TRUE(own->has_header("Retry-After"));
  auto health = client.Get("/healthz");
  EXPECT_EQ(health->status, 503);
  EXPECT_NE(Body(health)["error"]["message"].get<std::string>().find("injected fault"), std::string::npos);
  auto metrics = client.Get("/metrics", As(admin_));
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("jem_views_following 0"), std::string::npos);
  EXPECT_NE(metrics->body.find("jem_projection_lag_events 1"), std::string::npos);
  // Someone who wrote nothing is shown the views as they stand (and /healthz says they are stale).
  EXPECT_EQ(client.Get("/api/v1/actions/" + ref_, As(auditor_))->status, 200);
}

}  // namespace
}  // namespace jem
