// The auditor's routes: a record's history, corrections with right values, every view as of
// a past day on either basis (and wrong as-of parameters named), late records, promises, and
// the access records — a partner's reads recorded at most a second later, never in the read,
// and its repeats of a day only counted.
#include <iostream>

#include "engine/audit/access_log.h"
#include "events/verify.h"
#include "projections/audit/access_records.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

class AuditRoutesTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    Start();
    officer_ = Token("jsmith", "officer");
    auditor_ = Token("kaudit", "auditor");
    tfl_ = Token("tfl.user", "partner", "TfL");
    mps_ = Token("mps.user", "partner", "MPS");
  }
  httplib::Result Get(const std::string& path, const std::string& token) { return Client().Get(path, As(token)); }
  // Waits until the log's head passes `position` (the access log appends on its own thread).
  bool HeadPasses(uint64_t position) {
    for (int i = 0; i < 500 && log_->head().position <= position; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return log_->head().position > position;
  }
  std::string officer_, auditor_, tfl_, mps_;
};

TEST_F(AuditRoutesTest, APartnersReadsAreRecordedASecondLaterAndSayWhoSawAnAction) {
  const std::string ref = Agree("TfL");
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  const uint64_t before_reads = log_->head().position;
  ASSERT_EQ(Get("/api/v1/actions/" + ref, tfl_)->status, 200);
  ASSERT_EQ(Get("/api/v1/meetings/CAM-20090616", tfl_)->status, 200);
  ASSERT_EQ(Get("/api/v1/actions/" + ref, officer_)->status, 200);   // officers' reads are not access records
  ASSERT_EQ(Get("/api/v1/actions/" + ref, mps_)->status, 404);       // not there for MPS: nothing was read
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(log_->head().position, before_reads) << "a read never waits for an append";
  clock_.Advance(std::chrono::milliseconds(1000));
  ASSERT_TRUE(HeadPasses(before_reads)) << "recorded once a second has passed";
  auto recorded = ReadAccessRecords(*log_, std::nullopt);
  ASSERT_TRUE(recorded.ok());
  ASSERT_EQ(recorded->reads.size(), 2u);
  EXPECT_EQ(recorded->reads[0].user_id, "tfl.user");
  EXPECT_EQ(recorded->reads[0].what, "action");
  EXPECT_EQ(recorded->reads[0].subject, ref);
  EXPECT_EQ(recorded->reads[1].what, "meeting");
  auto stream = log_->ReadStream(AccessStream(reference::FormatDate(reference::DayOf(clock_.Now()))), 1, 10);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(stream->size(), 1u) << "both reads in one batch";
  EXPECT_TRUE(VerifyLog(*log_)->ok()) << "access records are in the chain";

  auto answer = Get("/api/v1/audit/access/" + ref, auditor_);
  ASSERT_EQ(answer->status, 200) << answer->body;
  const auto who = Body(answer);
  ASSERT_EQ(who["did_see"].size(), 1u);
  EXPECT_EQ(who["did_see"][0]["user"], "tfl.user");
  EXPECT_EQ(who["did_see"][0]["reads"], 2);
  std::set<std::string> could;
  for (const auto& c : who["could_see"]) could.insert(c["user"]);
  EXPECT_TRUE(could.contains("tfl.user") && could.contains("jsmith") && could.contains("kaudit"));
  EXPECT_FALSE(could.contains("mps.user")) << "MPS neither leads nor supports it";
  // The auditor's own read of the action was recorded too, once answered.
  ASSERT_EQ(Get("/api/v1/actions/" + ref, auditor_)->status, 200);
  auto again = Body(Get("/api/v1/audit/access/" + ref, auditor_));
  EXPECT_EQ(again["did_see"].size(), 2u);
  auto earlier = Body(Get("/api/v1/audit/access/" + ref + "?before=2010-01-10", auditor_));
  EXPECT_EQ(earlier["did_see"].size(), 0u) << "nothing was read before today";
  EXPECT_EQ(earlier["could_see"].size(), 0u) << "no token was issued before today";
  auto wrong = Get("/api/v1/audit/access/" + ref + "?before=2010-13-01", auditor_);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(Body(wrong)["error"]["field"], "before");
  EXPECT_EQ(Get("/api/v1/audit/access/" + ref, tfl_)->status, 403);
  EXPECT_EQ(Get("/api/v1/audit/access/CAM-2009-99", auditor_)->status, 404);
}

TEST_F(AuditRoutesTest, EveryViewAnswersAsOfAPastDayOnEitherBasis) {
  const std::string ref = Agree("MPS");
  clock_.Set(Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 20)) + std::chrono::hours(9));
  CommandContext late;
  late.caller = testing::Officer();
  late.occurred_at = Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 12));
  ASSERT_TRUE(engine_.Execute(late, UpdateOf(command::UpdateAction::Kind::kComplete, ref, "Done")).ok());
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  auto status = [&](const std::string& query) {
    auto r = Get("/api/v1/actions/" + ref + query, officer_);
    EXPECT_EQ(r->status, 200) << query << ": " << r->body;
    return r->status == 200 ? Body(r)["status"].get<std::string>() : "";
  };
  EXPECT_EQ(status(""), "completed");
  EXPECT_EQ(status("?as_of=2010-01-15"), "open") << "recorded on the 20th";
  EXPECT_EQ(status("?as_of=2010-01-15&basis=recorded"), "open");
  EXPECT_EQ(status("?as_of=2010-01-15&basis=happened"), "completed") << "it happened on the 12th";
  EXPECT_EQ(status("?as_of=2010-01-11&basis=happened"), "open");
  // Agreed at the meeting in June 2009, recorded in January 2010.
  auto overdue = Body(Get("/api/v1/actions?as_of=2009-10-15&basis=happened", officer_));
  ASSERT_EQ(overdue["count"], 1);
  EXPECT_EQ(overdue["actions"][0]["days_overdue"], 15) << "judged on the as-of day";
  EXPECT_EQ(Body(Get("/api/v1/actions?as_of=2009-10-15", officer_))["count"], 0) << "not yet recorded then";
  for (const std::string path : {"/api/v1/meetings/CAM-20090616", "/api/v1/meetings/CAM-20090616/follow-up-report",
                                 "/api/v1/good-practice", "/api/v1/pan-london-issues", "/api/v1/rounds/1/coverage",
                                 "/api/v1/rounds/1/committee-report", "/api/v1/audit/promises"}) {
    for (const std::string basis : {"recorded", "happened"}) {
      auto r = Get(path + "?as_of=2010-01-15&basis=" + basis, officer_);
      EXPECT_EQ(r->status, 200) << path << " " << basis << ": " << r->body;
    }
  }
  auto report = Body(Get("/api/v1/meetings/CAM-20090616/follow-up-report?as_of=2010-01-15&basis=happened", officer_));
  EXPECT_EQ(report["totals"]["completed"], 1);
  EXPECT_EQ(report["as_of"], "2010-01-15");
  EXPECT_EQ(report["basis"], "happened");
  // Every view says which state it shows.
  for (const std::string& path : std::vector<std::string>{"/api/v1/actions", "/api/v1/actions/" + ref, "/api/v1/meetings/CAM-20090616",
                                 "/api/v1/good-practice", "/api/v1/rounds/1/coverage", "/api/v1/reminders/preview"}) {
    auto today = Body(Get(path, officer_));
    EXPECT_EQ(today["basis"], "today") << path;
    EXPECT_EQ(today["as_of"], "2010-01-20") << path;
    auto then = Body(Get(path + "?as_of=2009-10-15&basis=happened", officer_));
    EXPECT_EQ(then["basis"], "happened") << path;
    EXPECT_EQ(then["as_of"], "2009-10-15") << path;
  }
  // A past day's reminders are judged on the record as it stood that day, unless asked otherwise.
  auto november = Body(Get("/api/v1/reminders/preview?date=2009-09-30", officer_));
  EXPECT_EQ(november["as_of"], "2009-09-30");
  EXPECT_EQ(november["basis"], "recorded");
  auto by_happened = Body(Get("/api/v1/reminders/preview?date=2009-09-30&as_of=2009-09-30&basis=happened", officer_));
  EXPECT_EQ(by_happened["basis"], "happened");
  EXPECT_GT(by_happened["digests"].size(), november["digests"].size())
      << "by what happened, the action was open and due on 30 September 2009";
  // The meeting was typed up in January 2010: by what happened, everything that depends on
  // it is there as of a day between the meeting and its recording.
  EXPECT_EQ(Body(Get("/api/v1/actions?as_of=2009-10-15&basis=happened&borough=CAM", officer_))["count"], 1);
  EXPECT_EQ(Body(Get("/api/v1/actions?as_of=2009-10-15&basis=happened&agency=MPS", officer_))["count"], 1);
  auto coverage = Body(Get("/api/v1/rounds/1/coverage?as_of=2009-10-15&basis=happened", officer_));
  EXPECT_EQ(coverage["held"], 1);
  auto committee = Body(Get("/api/v1/rounds/1/committee-report?as_of=2009-10-15&basis=happened", officer_));
  EXPECT_EQ(committee["meetings"], 1);
  EXPECT_EQ(committee["actions"], 1);
  auto header = Body(Get("/api/v1/meetings/CAM-20090616/follow-up-report?as_of=2009-10-15&basis=happened", officer_));
  EXPECT_EQ(header["borough"], "CAM");
  EXPECT_EQ(header["round"], 1);
  EXPECT_EQ(header["held"], "2009-06-16");
  // A parameter a route does not take is refused, named, not ignored.
  for (const std::string& path : std::vector<std::string>{"/api/v1/actions?lead=TfL", "/api/v1/reminders/sent?as_of=2010-01-01",
                                 "/api/v1/actions/" + ref + "?format=csv", "/api/v1/tokens?x=1"}) {
    auto r = Get(path, path.find("tokens") != std::string::npos ? Token("root", "admin") : officer_);
    ASSERT_EQ(r->status, 400) << path << ": " << r->body;
    const std::string name = path.substr(path.find('?') + 1, path.find('=') - path.find('?') - 1);
    EXPECT_EQ(Body(r)["error"]["field"], name) << path;
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("'" + name + "' is not a query parameter"),
              std::string::npos);
  }
  for (const auto& [query, field] : std::initializer_list<std::pair<std::string, std::string>>{
           {"?as_of=2010-02-30", "as_of"}, {"?as_of=yesterday", "as_of"},
           {"?as_of=2010-01-15&basis=sometime", "basis"}, {"?basis=happened", "as_of"}}) {
    auto r = Get("/api/v1/actions" + query, officer_);
    EXPECT_EQ(r->status, 400) << query;
    EXPECT_EQ(Body(r)["error"]["field"], field) << query;
  }

  auto late_records = Body(Get("/api/v1/audit/late?date=2010-01-15", auditor_));
  ASSERT_EQ(late_records["count"], 1);
  EXPECT_EQ(late_records["late"][0]["days_late"], 8);
  EXPECT_EQ(late_records["actions"][0]["reference"], ref);
  EXPECT_EQ(Body(Get("/api/v1/audit/late?date=someday", auditor_))["error"]["field"], "date");
}

TEST_F(AuditRoutesTest, HistoryCorrectionsAndPromisesForOfficersAndAuditors) {
  const std::string ref = Agree("MPS");
  const uint64_t agreed = log_->head().position;
  auto wrong = Client().Post("/api/v1/events/" + std::to_string(agreed) + "/correct", As(officer_),
                             R"({"reason": "typo", "set": [{"field": "due", "value": "2009-02-30"}]})", "application/json");
  EXPECT_EQ(wrong->status, 400) << wrong->body;
  EXPECT_EQ(Body(wrong)["error"]["field"], "set");
  auto unknown = Client().Post("/api/v1/events/" + std::to_string(agreed) + "/correct", As(officer_),
                               R"({"reason": "typo", "set": [{"field": "due", "value": "2009-10-31", "why": "x"}]})",
                               "application/json");
  EXPECT_EQ(unknown->status, 400) << unknown->body;
  auto fixed = Client().Post("/api/v1/events/" + std::to_string(agreed) + "/correct", As(officer_),
                             R"({"reason": "The minutes say 31 October", "set": [{"field": "due", "value": "2009-10-31"}]})",
                             "application/json");
  ASSERT_EQ(fixed->status, 201) << fixed->body;
  EXPECT_EQ(Client().Post("/api/v1/events/" + std::to_string(agreed) + "/correct", As(tfl_), R"({"reason": "x"})",
                          "application/json")->status, 403);
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  EXPECT_EQ(Body(Get("/api/v1/actions/" + ref, officer_))["due"], "2009-10-31");

  auto history = Get("/api/v1/audit/history/action/" + ref, auditor_);
  ASSERT_EQ(history->status, 200) << history->body;
  const auto h = Body(history);
  ASSERT_EQ(h["count"], 2);
  EXPECT_EQ(h["entries"][1]["corrects"]["position"], agreed);
  EXPECT_EQ(h["entries"][1]["changes"][0], (nlohmann::json{{"field", "due"}, {"from", "2009-09-30"}, {"to", "2009-10-31"}}));
  EXPECT_EQ(Get("/api/v1/audit/history/meeting/CAM-20090616", auditor_)->status, 200);
  EXPECT_EQ(Get("/api/v1/audit/history/practice/CAM-2009-01", auditor_)->status, 404);
  EXPECT_EQ(Get("/api/v1/audit/history/action/" + ref, tfl_)->status, 403);

  auto promises = Get("/api/v1/audit/promises?by=round", officer_);
  ASSERT_EQ(promises->status, 200) << promises->body;
  EXPECT_EQ(Body(promises)["rows"][0]["agency"], "MPS");
  EXPECT_EQ(Body(promises)["rows"][0]["round"], "1");
  EXPECT_EQ(Body(promises)["basis"], "today");
  EXPECT_EQ(Body(Get("/api/v1/audit/promises?by=colour", officer_))["error"]["field"], "by");
  EXPECT_EQ(Body(Get("/api/v1/audit/promises?theme=sport", officer_))["error"]["field"], "theme");
}

TEST_F(AuditRoutesTest, APartnersRepeatedReadsAddACountNotARecordEach) {
  const std::string ref = Agree("TfL");
  ASSERT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
  const uint64_t before_reads = log_->head().position;
  auto size_of_log = [&] {
    size_t bytes = 0;
    auto events = log_->ReadAll(1, 100000);
    for (const auto& e : *events) bytes += e.bytes().size();
    return bytes;
  };
  const size_t bytes_before = size_of_log();
  // A thousand reads of one action in one morning, within the partner's allowance.
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(Get("/api/v1/actions/" + ref, tfl_)->status, 200);
    clock_.Advance(std::chrono::milliseconds(20));
  }
  clock_.Advance(std::chrono::seconds(5));
  auto who = Body(Get("/api/v1/audit/access/" + ref, auditor_));  // asking writes the day's count so far
  ASSERT_EQ(who["did_see"].size(), 1u);
  EXPECT_EQ(who["did_see"][0]["reads"], 1000) << "who saw, and how often, as before";
  ASSERT_EQ(who["reads"].size(), 2u) << who["reads"].dump();
  EXPECT_EQ(who["reads"][0]["count"], 1);
  EXPECT_EQ(who["reads"][1]["count"], 999);
  EXPECT_LE(log_->head().position - before_reads, 2u) << "two events at most";
  const size_t grown = size_of_log() - bytes_before;
  std::cout << "a day of one partner's reads of one record: " << grown << " bytes\n";
  EXPECT_LT(grown, 1000u) << "a partner's day of reads of one record adds under a kilobyte, not " << grown;
  // Another day: the first read of it is a record again.
  clock_.Advance(std::chrono::hours(24));
  ASSERT_EQ(Get("/api/v1/actions/" + ref, tfl_)->status, 200);
  EXPECT_EQ(Body(Get("/api/v1/audit/access/" + ref, auditor_))["did_see"][0]["reads"], 1001);
}

// The access log on its own: bounded, counting what it could not keep, never losing a
// batch it took when the log refuses it for a while.
TEST_F(AuditRoutesTest, TheAccessLogIsBoundedAndSaysWhatItDropped) {
  const uint64_t head = log_->head().position;
  {
    audit::AccessLog access(*log_, clock_, std::chrono::seconds(1), 3);
    for (int i = 0; i < 5; ++i) access.Record({"u" + std::to_string(i), "partner", "TfL", "action", "CAM-2009-01", "/x"});
    EXPECT_EQ(access.dropped(), 2u) << "three records a day are kept in mind here";
    ASSERT_TRUE(access.Flush().ok());
    EXPECT_EQ(access.recorded(), 3u);
    for (int i = 0; i < 10; ++i) access.Record({"u0", "partner", "TfL", "action", "CAM-2009-01", "/y"});
    EXPECT_EQ(access.dropped(), 2u) << "repeats are counted, not queued";
  }  // the destructor appends what is queued, and the day's count of repeats
  auto records = ReadAccessRecords(*log_, std::nullopt);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->reads.size(), 4u);
  EXPECT_EQ(records->unrecorded, 2u);
  EXPECT_EQ(records->reads.back().user_id, "u0");
  EXPECT_EQ(records->reads.back().count, 10u);
  EXPECT_EQ(records->reads.back().path, "/y");
  EXPECT_EQ(log_->head().position, head + 2);
}

}  // namespace
}  // namespace jem
