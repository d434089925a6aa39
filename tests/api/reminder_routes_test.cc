// The reminder engine over HTTP: the contact directory (kept by officers, refused field by
// field), what would go out and what went out, and the calendar feeds at secret addresses —
// an address shown once, working without a token, dead once reset, and another agency's
// never resettable by a partner; an agency's feed of its actions, by token or at the same secret
// address. Leaves a calendar and an agency's CSV feed in build/reminders/ for
// the checks by Python's icalendar package and csv module.
#include <filesystem>
#include <fstream>

#include "projections/papers/agency_feed.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

class ReminderRoutesTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    Start();
    officer_ = Token("jsmith", "officer");
    tfl_ = Token("tfl.user", "partner", "TfL");
  }
  httplib::Result Post(const std::string& path, const nlohmann::json& body, const std::string& token) {
    return Client().Post(path, As(token), body.dump(), "application/json");
  }
  std::string officer_, tfl_;
};

TEST_F(ReminderRoutesTest, OfficersKeepTheContactDirectoryAndEachWrongFieldIsNamed) {
  const nlohmann::json good = {{"kind", "agency"}, {"name", "TfL JEM team"}, {"email", "jem@tfl.example"},
                               {"agency", "tfl"}, {"borough", "Camden"}};
  for (const auto& [field, value, fragment] : std::initializer_list<std::tuple<const char*, const char*, const char*>>{
           {"email", "jem at tfl", "is not an e-mail address"},
           {"kind", "boss", "is not a kind of contact"},
           {"agency", "Transport", "Transport"},
           {"borough", "Gotham", "Gotham"},
           {"user", "jsmith", "Only officer contacts name a user"},
           {"id", "TfL Camden!", "must be 1 to 63 lower-case letters"}}) {
    nlohmann::json body = good;
    body[field] = value;
    auto r = Post("/api/v1/contacts", body, officer_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << field;
    EXPECT_EQ(Body(r)["error"]["field"], field) << r->body;
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find(fragment), std::string::npos) << r->body;
  }
  EXPECT_EQ(Post("/api/v1/contacts", good, tfl_)->status, 403);
  auto added = Post("/api/v1/contacts", good, officer_);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Body(added)["subject"], "tfl-jem-team-camden");  // the id, made from the name and borough
  EXPECT_EQ(Post("/api/v1/contacts", good, officer_)->status, 422) << "adding the same id again overwrites nothing";
  nlohmann::json changed = good;
  changed["email"] = "camden@tfl.example";
  EXPECT_EQ(Post("/api/v1/contacts/tfl-jem-team-camden", changed, officer_)->status, 200);
  auto list = Body(Client().Get("/api/v1/contacts", As(officer_)));
  ASSERT_EQ(list["count"], 1);
  EXPECT_EQ(list["contacts"][0]["email"], "camden@tfl.example");
  EXPECT_EQ(list["contacts"][0]["borough"], "CAM");
  EXPECT_EQ(Client().Get("/api/v1/contacts", As(tfl_))->status, 403) << "addresses are not for partners";
  EXPECT_EQ(Post("/api/v1/contacts/tfl-jem-team-camden/remove", {{"reason", ""}}, officer_)->status, 400);
  EXPECT_EQ(Post("/api/v1/contacts/tfl-jem-team-camden/remove", {{"reason", "Left TfL"}}, officer_)->status, 200);
  EXPECT_EQ(Post("/api/v1/contacts/nobody/remove", {{"reason", "x"}}, officer_)->status, 404);
  EXPECT_TRUE(Body(Client().Get("/api/v1/contacts", As(officer_)))["contacts"][0]["removed"].get<bool>());
}

TEST_F(ReminderRoutesTest, WhatWouldGoOutAndWhatWentOutAreServedAndFiltered) {
  ASSERT_TRUE(Run(command::SetContact{"tfl", "agency", "TfL", "jem@tfl.example", "TfL", "", ""}).ok());
  auto agree = CamdenAction("TfL");
  agree.due_date = "2010-01-20";
  const std::string ref = Run(agree)->subject;
  auto preview = Client().Get("/api/v1/reminders/preview?date=2010-01-20", As(officer_));
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_EQ(Body(preview)["digests"][0]["agency"], "TfL");
  EXPECT_EQ(Body(preview)["digests"][0]["reminders"][0]["window"], "due today");
  EXPECT_EQ(Body(preview)["sent_at"], "2010-01-20T08:00:00.000000Z");
  auto bad = Client().Get("/api/v1/reminders/preview?date=2010-02-30", As(officer_));
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "date");

  clock_.Set(Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 20) + std::chrono::hours(7)));
  RunReminders(Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 20) + std::chrono::hours(9)));
  auto sent = Client().Get("/api/v1/reminders/sent?action=" + ref, As(officer_));
  ASSERT_EQ(sent->status, 200) << sent->body;
  const auto body = Body(sent);
  ASSERT_EQ(body["count"], 1);
  EXPECT_EQ(body["messages"][0]["id"], "2010-01-20/tfl");
  EXPECT_EQ(body["messages"][0]["status"], "delivered");
  EXPECT_EQ(body["messages"][0]["items"][0]["reminder_id"], ref + "/due-today/2010-01-20");
  EXPECT_EQ(Body(Client().Get("/api/v1/reminders/sent?agency=MPS", As(officer_)))["count"], 0);
  EXPECT_EQ(Body(Client().Get("/api/v1/reminders/sent?date=2010-01-21", As(officer_)))["count"], 0);
  auto nobody = Client().Get("/api/v1/reminders/sent?agency=Nobody", As(officer_));
  EXPECT_EQ(nobody->status, 400);
  EXPECT_EQ(Body(nobody)["error"]["field"], "agency");
  EXPECT_EQ(Body(Client().Get("/api/v1/reminders/sent?date=yesterday", As(officer_)))["error"]["field"], "date");
  EXPECT_EQ(Client().Get("/api/v1/reminders/sent", As(tfl_))->status, 403);
}

TEST_F(ReminderRoutesTest, ACalendarAddressIsShownOnceWorksWithoutATokenAndDiesWhenReset) {
  auto agree = CamdenAction("TfL");
  agree.text = "Map school-route hotspots, with commas; and a very long line that a calendar must fold at 75 octets";
  const std::string ref = Run(agree)->subject;
  const std::string mps_only = Run(CamdenAction("MPS"))->subject;
  const std::string mps = Token("mps.user", "partner", "MPS");
  auto refused = Post("/api/v1/calendars/TfL/reset", nlohmann::json::object(), mps);
  EXPECT_EQ(refused->status, 403) << refused->body;

  auto reset = Post("/api/v1/calendars/TfL/reset", nlohmann::json::object(), tfl_);
  ASSERT_EQ(reset->status, 201) << reset->body;
  const std::string path = Body(reset)["path"];
  ASSERT_TRUE(path.starts_with("/calendars/") && path.ends_with(".ics")) << path;
  auto feed = Client().Get(path);  // no token: calendar programs send none
  ASSERT_EQ(feed->status, 200) << feed->body;
  EXPECT_EQ(feed->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(feed->body.find("UID:" + ref + "@jem"), std::string::npos) << feed->body;
  EXPECT_EQ(feed->body.find(mps_only), std::string::npos) << "another agency's action is not in TfL's calendar";
  std::filesystem::create_directories(std::string(JEM_BINARY_DIR) + "/reminders");
  std::ofstream(std::string(JEM_BINARY_DIR) + "/reminders/calendar.ics") << feed->body;

  // The log holds the address's hash, never the address.
  const std::string secret = path.substr(11, 32);
  bool leaked = false;
  ASSERT_TRUE(log_->Scan(1, [&](const RecordedEvent& e) {
    leaked = leaked || EventToJson(e).find(secret) != std::string::npos;
    return true;
  }).ok());
  EXPECT_FALSE(leaked);

  auto again = Post("/api/v1/calendars/TfL/reset", nlohmann::json::object(), officer_);
  ASSERT_EQ(again->status, 201);
  EXPECT_EQ(Client().Get(path)->status, 404) << "the old address stops working";
  EXPECT_EQ(Client().Get(Body(again)["path"].get<std::string>())->status, 200);
  EXPECT_EQ(Client().Get("/calendars/" + std::string(32, '0') + ".ics")->status, 404);
  EXPECT_EQ(Client().Get("/calendars/../etc/passwd")->status, 404);
}

TEST_F(ReminderRoutesTest, AnAgencysFeedIsWhatItsPartnersMaySeeWithATokenOrAtItsSecretAddress) {
  auto agree = CamdenAction("TfL");
  agree.text = "=HYPERLINK(\"http://evil\"), with a comma";
  const std::string tfl_led = Run(agree)->subject;
  auto shared = CamdenAction("MPS");
  shared.supporting_agencies = {"TfL"};
  const std::string mps_led = Run(shared)->subject;
  const std::string mps_only = Run(CamdenAction("MPS"))->subject;
  auto redate = UpdateOf(command::UpdateAction::Kind::kRedate, tfl_led, "Survey late");
  redate.new_due_date = "2009-12-31";
  ASSERT_TRUE(Run(redate).ok());

  // With a token: the officer reads any agency's; the partner what it may see of one.
  auto json = Client().Get("/api/v1/agencies/TfL/feed", As(officer_));
  ASSERT_EQ(json->status, 200) << json->body;
  EXPECT_EQ(Body(json)["count"], 2) << "the action TfL leads and the one it supports";
  EXPECT_EQ(Body(json)["figures"]["open"], 2);
  EXPECT_EQ(Body(json)["actions"][0]["reference"], mps_led) << "soonest due first";
  EXPECT_EQ(Body(json)["actions"][0]["role"], "supporting");
  EXPECT_EQ(Body(json)["actions"][1]["role"], "lead");
  EXPECT_EQ(Body(json)["actions"][1]["redates"], 1);
  EXPECT_EQ(Body(json)["actions"][1]["promised_due"], "2009-09-30");
  EXPECT_EQ(Body(json)["promises"]["agreed"], 1);
  auto mps_seen_by_tfl = Client().Get("/api/v1/agencies/MPS/feed", As(tfl_));
  ASSERT_EQ(mps_seen_by_tfl->status, 200);
  EXPECT_EQ(Body(mps_seen_by_tfl)["count"], 1) << "of MPS's actions, TfL sees only the one it supports";
  EXPECT_EQ(mps_seen_by_tfl->body.find(mps_only), std::string::npos);
  EXPECT_EQ(Body(Client().Get("/api/v1/agencies/TfL/feed?borough=Harrow", As(officer_)))["count"], 0);
  auto csv = Client().Get("/api/v1/agencies/TfL/feed?format=csv", As(tfl_));
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.substr(0, csv->body.find('\n')), papers::kAgencyFeedHeader);
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 3) << csv->body;
  EXPECT_NE(csv->body.find("\"'=HYPERLINK(\"\"http://evil\"\"), with a comma\""), std::string::npos)
      << "a formula stays text, quoted: " << csv->body;
  std::filesystem::create_directories(std::string(JEM_BINARY_DIR) + "/reminders");
  std::ofstream(std::string(JEM_BINARY_DIR) + "/reminders/agency-feed.csv") << csv->body;  // for feed_csv_parsed.py
  EXPECT_EQ(Client().Get("/api/v1/agencies/Interpol/feed", As(officer_))->status, 400);
  EXPECT_EQ(Client().Get("/api/v1/agencies/TfL/feed?format=pdf", As(officer_))->status, 400);
  EXPECT_EQ(Client().Get("/api/v1/agencies/TfL/feed?borough=Gotham", As(officer_))->status, 400);
  EXPECT_EQ(Client().Get("/api/v1/agencies/TfL/feed")->status, 401);

  // At the secret address, the calendar's: no token; what a TfL partner may see, no more.
  auto reset = Post("/api/v1/calendars/TfL/reset", nlohmann::json::object(), tfl_);
  ASSERT_EQ(reset->status, 201) << reset->body;
  const std::string feed = Body(reset)["feed_path"];
  auto by_secret = Client().Get(feed);
  ASSERT_EQ(by_secret->status, 200) << by_secret->body;
  EXPECT_EQ(Body(by_secret)["agency"], "TfL");
  EXPECT_EQ(Body(by_secret)["count"], 2);
  EXPECT_EQ(by_secret->body.find(mps_only), std::string::npos);
  EXPECT_EQ(Client().Get(feed + "?format=csv")->body, csv->body) << "the same feed, by secret or by token";
  ASSERT_EQ(Post("/api/v1/calendars/TfL/reset", nlohmann::json::object(), officer_)->status, 201);
  EXPECT_EQ(Client().Get(feed)->status, 404) << "the old address stops working";
  EXPECT_EQ(Client().Get("/feeds/" + std::string(32, '0'))->status, 404);
  EXPECT_EQ(Client().Get("/feeds/" + std::string(31, '0') + "g")->status, 400) << "not an address at all";
}

}  // namespace
}  // namespace jem
