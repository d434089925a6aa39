// The six-month follow-up report of a sample JEM, checked against a document written by
// hand from samples/round1-2009-06-16-cam.yaml, in each output format.
#include <fstream>
#include <sstream>

#include "api/web/follow_up.h"
#include "projections/papers/follow_up.h"
#include "engine/importer.h"
#include "projections/views.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class FollowUpReportTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    auto steps = ParseJemDocument(Slurp(std::string(JEM_SOURCE_DIR) + "/samples/round1-2009-06-16-cam.yaml"));
    ASSERT_TRUE(steps.ok()) << steps.status().ToString();
    std::vector<Step> commands;
    for (auto& s : *steps) commands.push_back(s.step);
    CommandContext context;
    context.caller = testing::Officer();
    size_t failed = 0;
    ASSERT_TRUE(engine_.ExecuteAll(context, commands, &failed).ok());
    auto model = RebuildModel(*log_);
    ASSERT_TRUE(model.ok());
    model_ = std::move(model.value());
  }
  // The report on the day its follow-up fell due.
  views::FollowUp Report() {
    auto r = views::FollowUpReport(model_, "CAM-20090616", std::chrono::sys_days(std::chrono::year(2009) / 12 / 16));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : views::FollowUp();
  }
  ReadModel model_;
};

TEST_F(FollowUpReportTest, MarkdownMatchesTheHandWrittenReport) {
  EXPECT_EQ(papers::FollowUpMarkdown(Report()),
            Slurp(std::string(JEM_SOURCE_DIR) + "/tests/api/expected/cam-20090616-follow-up.md"));
}

// A publication's SHA-256 is of the report's JSON as FollowUpPublication writes it: a change
// to those bytes (a field, its place, null written for a key left out) would fail the check
// of every report published before it.
TEST_F(FollowUpReportTest, JsonIsTheFormatPublishedReportsWereHashedIn) {
  const std::string actual = views::ToJson(Report()).dump(2) + "\n";
  const std::string expected_path = std::string(JEM_SOURCE_DIR) + "/tests/api/expected/cam-20090616-follow-up.json";
  EXPECT_EQ(actual, Slurp(expected_path));
  if (HasFailure()) std::ofstream(std::string(JEM_BINARY_DIR) + "/cam-20090616-follow-up.actual.json") << actual;
}

TEST_F(FollowUpReportTest, JsonTotalsAndSlips) {
  views::Json r = views::ToJson(Report());
  EXPECT_EQ(r["follow_up_due"], "2009-12-16");
  EXPECT_EQ(r["totals"]["agreed"], 3);
  EXPECT_EQ(r["totals"]["completed"], 2);
  EXPECT_EQ(r["totals"]["in_progress"], 1);
  EXPECT_EQ(r["totals"]["overdue"], 1);
  EXPECT_EQ(r["actions"][2]["slipped"][0]["from"], "2009-09-29");
  EXPECT_EQ(r["actions"][2]["slipped"][0]["to"], "2009-11-28");
  EXPECT_EQ(r["actions"][2]["slipped"][0]["reason"], "Waiting for partner data");
  EXPECT_EQ(r["good_practice"][0]["status"], "disseminated");
  EXPECT_EQ(r["pan_london_issues"][0]["status"], "open");
}

TEST_F(FollowUpReportTest, CsvHasARowPerActionAndQuotesCommas) {
  const std::string csv = papers::FollowUpCsv(Report());
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);  // header + 3 actions
  EXPECT_NE(csv.find("CAM-2009-02,Set up weekly exchange"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2009-08-05: Half of the work done; partners engaged (50%); Completed: Delivered"),
            std::string::npos) << csv;
  // A field holding a comma or a quote is quoted, its quotes doubled (RFC 4180).
  views::FollowUp r = Report();
  r.actions[0].text = "Map hotspots, then \"share\" them";
  EXPECT_NE(papers::FollowUpCsv(r).find(",\"Map hotspots, then \"\"share\"\" them\","), std::string::npos);
}

TEST_F(FollowUpReportTest, HtmlIsAPrintableCommitteePaperWithEscapedText) {
  const std::string html = api::web::FollowUpHtml(Report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<title>Six-month follow-up: Camden JEM of 16 June 2009 (round 1, Serious youth violence)"),
            std::string::npos) << html;
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Good practice CAM-2009-01: &apos;Virtual&apos; licensing board (Camden): Disseminated"),
            std::string::npos) << html;
  EXPECT_NE(html.find("5 August 2009: Half of the work done"), std::string::npos) << "days in words, in a paper";
  EXPECT_NE(html.find("jem-rag--red"), std::string::npos);  // the overdue action
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos) << "a paper needs nothing from the server";
  // Text from the record is escaped, never markup.
  views::FollowUp r = Report();
  r.actions[0].text = "<script>alert(1)</script>";
  EXPECT_EQ(api::web::FollowUpHtml(r).find("<script>alert"), std::string::npos);
}

TEST_F(FollowUpReportTest, EveryFormatSaysWhyAnActionStandsAsItDoes) {
  ASSERT_TRUE(Run(UpdateOf(command::UpdateAction::Kind::kBlock, "CAM-2009-02", "No data-sharing agreement | yet")).ok());
  command::UpdateAction reassign = UpdateOf(command::UpdateAction::Kind::kReassign, "CAM-2009-02", "BTP runs it");
  reassign.new_lead_agency = "BTP";
  ASSERT_TRUE(Run(reassign).ok());
  model_ = *RebuildModel(*log_);
  const views::FollowUp r = Report();
  const std::string md = papers::FollowUpMarkdown(r);
  EXPECT_NE(md.find("- Blocked since 2010-01-10: No data-sharing agreement \\| yet"), std::string::npos) << md;
  EXPECT_NE(md.find("- Reassigned 2010-01-10 from YJB to BTP: BTP runs it"), std::string::npos) << md;
  const std::string csv = papers::FollowUpCsv(r);
  EXPECT_NE(csv.find(",why\n"), std::string::npos);
  EXPECT_NE(csv.find("Blocked since 2010-01-10: No data-sharing agreement | yet; Reassigned"), std::string::npos) << csv;
  EXPECT_NE(api::web::FollowUpHtml(r).find("<br>Reassigned 10 January 2010 from YJB to BTP: BTP runs it"), std::string::npos);
}

TEST_F(FollowUpReportTest, UnknownOrUnheldMeetingsAreRefused) {
  auto r = views::FollowUpReport(model_, "XYZ-20090101", std::chrono::sys_days(std::chrono::year(2009) / 12 / 16));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(Run(command::ScheduleMeeting{"Harrow", 1, "serious-youth-violence", "2009-06-24", "11:00", "13:00",
                                           "MPA room 1", "Kit Malthouse"}).ok());
  auto model = RebuildModel(*log_);
  auto unheld = views::FollowUpReport(*model, "HRW-20090624", std::chrono::sys_days(std::chrono::year(2009) / 12 / 16));
  ASSERT_FALSE(unheld.ok());
  EXPECT_NE(unheld.status().message().find("a follow-up report needs a held meeting"), std::string::npos);
}

}  // namespace
}  // namespace jem
