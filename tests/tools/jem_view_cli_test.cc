// The read-only verbs on the sample JEMs: board, summary, follow-up report, registers,
// coverage, committee report, rebuild — and what users get wrong with them.
#include <regex>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace jem {
namespace {

using testing::kJemBinary;
using testing::Shell;

const std::string kSamples = std::string(JEM_SOURCE_DIR) + "/samples";

class JemViewCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    Shell(kJemBinary + " --data " + Data() + " log init");
    for (const char* sample : {"round1-2009-06-16-cam.yaml", "round1-2009-06-29-lew.yaml",
                               "round2-2010-06-03-ken.yaml"}) {
      Shell(kJemBinary + " --data " + Data() + " import " + kSamples + "/" + sample + " --as loader:officer");
    }
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Data() { return dir_->Sub("data"); }

  std::string Jem(const std::string& args, int expected_exit = 0) {
    return Shell(kJemBinary + " --data " + Data() + " " + args + " 2>&1", expected_exit);
  }
  nlohmann::json JemJson(const std::string& args) { return nlohmann::json::parse(Jem(args + " --json")); }

  static testing::TempDir* dir_;
};
testing::TempDir* JemViewCliTest::dir_ = nullptr;

TEST_F(JemViewCliTest, BoardFiltersAndSortsByDueDate) {
  auto all = JemJson("board");
  ASSERT_GE(all["count"].get<int>(), 10);
  std::string previous;
  for (const auto& a : all["actions"]) {
    EXPECT_LE(previous, a["due"].get<std::string>());
    previous = a["due"];
  }
  auto camden = JemJson("board --borough camden");
  EXPECT_EQ(camden["count"], 3);
  for (const auto& a : camden["actions"]) EXPECT_EQ(a["borough"], "CAM");
  auto overdue = JemJson("board --overdue");
  for (const auto& a : overdue["actions"]) {
    EXPECT_GT(a["days_overdue"].get<int>(), 0);
    EXPECT_EQ(a["rag"], "red");
  }
  const auto tfl = JemJson("board --agency TfL");  // named: a loop over a temporary's member dangles
  for (const auto& a : tfl["actions"]) {
    const bool involved = a["lead"] == "TfL" || std::find(a["supporting"].begin(), a["supporting"].end(), "TfL") !=
                                                   a["supporting"].end();
    EXPECT_TRUE(involved) << a.dump();
  }
  EXPECT_EQ(JemJson("board --round 2")["actions"][0]["round"], 2);
  EXPECT_EQ(JemJson("board --status completed --theme serious-youth-violence")["actions"][0]["status"], "completed");
  const auto not_closed = JemJson("board --status 'not closed'");
  ASSERT_GT(not_closed["count"].get<int>(), 0);
  for (const auto& a : not_closed["actions"]) EXPECT_TRUE(a["status"] == "open" || a["status"] == "in progress") << a.dump();
  // The flag is taken; the samples' actions all fell due years before this month.
  EXPECT_EQ(JemJson("board --due-this-month")["count"], 0);
  const std::string table = Jem("board --borough CAM");
  EXPECT_EQ(table.rfind("REFERENCE    BOROUGH  LEAD", 0), 0u) << table;
}

TEST_F(JemViewCliTest, BoardRefusesUnknownFilters) {
  EXPECT_NE(Jem("board --borough Gotham", 2).find("'Gotham' is not a London borough"), std::string::npos);
  EXPECT_NE(Jem("board --status finished", 2).find("'finished' is not an action status"), std::string::npos);
  EXPECT_NE(Jem("board --agency Interpol", 2).find("'Interpol' is not a known agency"), std::string::npos);
  EXPECT_NE(Jem("board --theme parking", 2).find("'parking' is not a theme"), std::string::npos);
}

TEST_F(JemViewCliTest, MeetingSummaryListsWhatWasAgreed) {
  auto summary = JemJson("meeting summary CAM-20090616");
  EXPECT_EQ(summary["actions"].size(), 3u);
  EXPECT_EQ(summary["attendees"].size(), 8u);
  EXPECT_EQ(summary["decisions"].size(), 2u);
  EXPECT_NE(Jem("meeting summary CAM-20090616").find("CAM-2009-01"), std::string::npos);
  EXPECT_NE(Jem("meeting summary XYZ-1", 2).find("there is no meeting XYZ-1"), std::string::npos);
}

TEST_F(JemViewCliTest, FollowUpReportInEveryFormat) {
  auto json = nlohmann::json::parse(Jem("report follow-up CAM-20090616 --format json"));
  EXPECT_EQ(json["totals"]["agreed"], 3);
  EXPECT_EQ(Jem("report follow-up CAM-20090616 --format csv").rfind("reference,text,lead", 0), 0u);
  EXPECT_EQ(Jem("report follow-up CAM-20090616").rfind("# Six-month follow-up: CAM-20090616", 0), 0u);
  EXPECT_EQ(Jem("report follow-up CAM-20090616 --format html").rfind("<!DOCTYPE html>", 0), 0u);
  // The samples were recorded today: as recorded at the end of 2009, there was nothing.
  EXPECT_NE(Jem("report follow-up CAM-20090616 --as-of 2009-12-16", 2).find("as recorded by the end of 2009-12-16"),
            std::string::npos);
  EXPECT_NE(Jem("report follow-up CAM-20090616 --as-of 2009-13-01", 2).find("not a day of the calendar"),
            std::string::npos);
  EXPECT_NE(Jem("report follow-up CAM-20090616 --format pdf", 2).find("pdf"), std::string::npos);
  // After the meeting's first events, none of its actions had been agreed yet.
  auto early = nlohmann::json::parse(Jem("report follow-up CAM-20090616 --format json --at-position 2"));
  EXPECT_EQ(early["totals"]["agreed"], 0);
  EXPECT_NE(Jem("report follow-up CAM-20090616 --at-position 99999", 2).find("is past the head of the log"),
            std::string::npos);
}

TEST_F(JemViewCliTest, TheBriefOfTheNextCamdenJemInEveryFormatForThoseWhoReadEverything) {
  Jem("meeting schedule --borough Camden --round 3 --theme serious-youth-violence --date 2010-09-14 --start 10:00 "
      "--end 12:00 --room 'Camden town hall' --chair 'Kit Malthouse' --invited MPS --invited TfL --as loader:officer");
  auto json = nlohmann::json::parse(Jem("report brief CAM-20100914 --format json"));
  EXPECT_EQ(json["earlier"][0]["meeting"], "CAM-20090616");
  EXPECT_EQ(json["promises"].size(), 2u);
  EXPECT_EQ(json["last_meeting"], "CAM-20090616");
  EXPECT_EQ(Jem("report brief CAM-20100914").rfind("# Brief for the Camden JEM of 14 September 2010", 0), 0u);
  EXPECT_EQ(Jem("report brief CAM-20100914 --format html").rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(Jem("report brief CAM-20100914").find("## Actions still open"), std::string::npos);
  EXPECT_NE(Jem("report brief CAM-20100914 --format pdf", 2).find("pdf"), std::string::npos);
  EXPECT_NE(Jem("report brief XYZ-1", 2).find("there is no meeting XYZ-1"), std::string::npos);
  EXPECT_NE(Jem("report brief CAM-20100914 --as asmith:partner:TfL", 2).find("brief"), std::string::npos)
      << "a partner is sent the brief, not given the borough's whole record";
}

TEST_F(JemViewCliTest, RegistersCoverageAndCommitteeReport) {
  auto practice = JemJson("practice search --text licensing");
  ASSERT_EQ(practice["count"], 1);
  EXPECT_EQ(practice["good_practice"][0]["meeting"], "CAM-20090616");  // traced to its meeting
  EXPECT_EQ(JemJson("practice search --borough Lewisham")["count"], 1);
  EXPECT_EQ(JemJson("practice search --borough pan-London")["count"], 0);
  EXPECT_NE(Jem("practice search --status great", 2).find("'great' is not a good practice status"), std::string::npos);

  auto issues = JemJson("issues");
  EXPECT_EQ(issues["count"], 2);
  EXPECT_EQ(JemJson("issues --status resolved")["count"], 1);

  auto coverage = JemJson("coverage 1");
  EXPECT_EQ(coverage["held"], 2);
  EXPECT_EQ(coverage["missing"], 30);
  EXPECT_EQ(coverage["boroughs"].size(), 32u);
  EXPECT_NE(Jem("coverage 0", 2).find("rounds are numbered from 1"), std::string::npos);

  auto committee = JemJson("report committee 1");
  EXPECT_EQ(committee["meetings"], 2);
  EXPECT_EQ(committee["actions"], 6);  // 3 at Camden, 3 at Lewisham
  int by_status = 0;
  for (auto& [status, n] : committee["by_status"].items()) by_status += n.get<int>();
  EXPECT_EQ(by_status, 6);
}

TEST_F(JemViewCliTest, ReadingAsSomeoneGoesThroughTheAccessPolicy) {
  const int all = JemJson("board")["count"];
  auto tfl = JemJson("board --as asmith:partner:TfL");
  EXPECT_LT(tfl["count"].get<int>(), all);
  EXPECT_GT(tfl["count"].get<int>(), 0);
  for (const auto& a : tfl["actions"]) {
    const bool involved = a["lead"] == "TfL" || std::find(a["supporting"].begin(), a["supporting"].end(), "TfL") !=
                                                   a["supporting"].end();
    EXPECT_TRUE(involved) << a.dump();
  }
  EXPECT_EQ(JemJson("board --as kaudit:auditor")["count"], all);

  // Health attended only the Kensington JEM: Camden's answers as a meeting that does not exist.
  const std::string hidden = Jem("meeting summary CAM-20090616 --as h:partner:Health", 2);
  const std::string absent = Jem("meeting summary CAM-20000101 --as h:partner:Health", 2);
  EXPECT_NE(hidden.find("no meeting"), std::string::npos) << hidden;
  EXPECT_EQ(hidden.substr(0, hidden.find("CAM-")), absent.substr(0, absent.find("CAM-")));
  Jem("report follow-up CAM-20090616 --as h:partner:Health", 2);
  auto report = nlohmann::json::parse(Jem("report follow-up CAM-20090616 --format json --as asmith:partner:TfL"));
  for (const auto& a : report["actions"]) EXPECT_TRUE(a["lead"] == "TfL" || !a["supporting"].empty()) << a.dump();

  auto practice = JemJson("practice search --text licensing --as h:partner:Health");
  ASSERT_EQ(practice["count"], 1);
  EXPECT_TRUE(practice["good_practice"][0]["meeting"].is_null()) << "names only meetings the reader may open";

  EXPECT_NE(Jem("coverage 1 --as asmith:partner:TfL", 2).find("round coverage is for officers and auditors"),
            std::string::npos);
  EXPECT_NE(Jem("report committee 1 --as asmith:partner:TfL", 2).find("for officers and auditors"), std::string::npos);
  EXPECT_NE(Jem("board --as root:admin", 2).find("admins do not read the record"), std::string::npos);
  EXPECT_NE(Jem("board --as nobody", 2).find("--as"), std::string::npos);
}

TEST_F(JemViewCliTest, ShowVerbsTakeAsOfOnEitherBasisAndTheAccessPolicy) {
  // The samples were typed up today, about meetings of 2009.
  auto now = JemJson("action show CAM-2009-01");
  EXPECT_EQ(now["reference"], "CAM-2009-01");
  EXPECT_EQ(now["basis"], "today");
  auto then = JemJson("action show CAM-2009-01 --as-of 2009-07-01 --basis happened");
  EXPECT_EQ(then["basis"], "happened");
  EXPECT_EQ(then["as_of"], "2009-07-01");
  EXPECT_EQ(then["meeting"], "CAM-20090616");
  EXPECT_NE(Jem("action show CAM-2009-01 --as-of 2009-07-01 --json", 2).find("no action"), std::string::npos)
      << "as recorded then, nothing was";
  auto meeting = JemJson("meeting show CAM-20090616 --as-of 2009-07-01 --basis happened");
  EXPECT_EQ(meeting["status"], "held");
  EXPECT_EQ(meeting["borough"], "CAM");
  EXPECT_EQ(meeting["round"], 1);
  EXPECT_FALSE(meeting["actions"].empty());
  EXPECT_NE(Jem("meeting show CAM-20090616 --as h:partner:Health", 2).find("no meeting"), std::string::npos);
  EXPECT_NE(Jem("action show CAM-2009-01 --as-of someday", 2).find("--as-of"), std::string::npos);
  // By what happened, round 1's coverage at the end of 2009 is what it is today.
  EXPECT_EQ(JemJson("coverage 1 --as-of 2009-12-31 --basis happened")["held"], JemJson("coverage 1")["held"]);
  // As recorded then, nothing was yet: no round 1 to cover, and no figures made up for one.
  EXPECT_NE(Jem("coverage 1 --as-of 2009-12-31", 2).find("there is no round 1 in the record"), std::string::npos);
  EXPECT_NE(Jem("coverage 99", 2).find("there is no round 99 in the record; the rounds are 1"), std::string::npos);
  EXPECT_NE(Jem("report committee 99", 2).find("there is no round 99"), std::string::npos);
}

TEST_F(JemViewCliTest, RebuildGivesTheSameViews) {
  const std::string before = Jem("board --json");
  EXPECT_NE(Jem("rebuild board").find("rebuilt the read model from"), std::string::npos);
  EXPECT_EQ(Jem("board --json"), before);
  EXPECT_NE(Jem("rebuild everything", 2).find("everything"), std::string::npos);
}

TEST_F(JemViewCliTest, RemindersPreviewShowsEachAgencysDigestForADay) {
  // LEW-2009-02 is due on Sunday 27 September 2009: "due in 7 days" falls on a Sunday too, so
  // it goes out on Monday the 21st, six days before.
  auto monday = JemJson("reminders preview --date 2009-09-21");
  EXPECT_EQ(monday["working_day"], true);
  EXPECT_EQ(monday["sent_at"], "2009-09-21T07:00:00.000000Z") << "08:00 in London, in summer time";
  bool found = false;
  for (const auto& digest : monday["digests"]) {
    for (const auto& r : digest["reminders"]) {
      if (r["id"] == "LEW-2009-02/due-soon/2009-09-27") {
        found = true;
        EXPECT_EQ(r["window"], "due in 6 days");
        EXPECT_EQ(r["falls_on"], "2009-09-20");
      }
    }
  }
  EXPECT_TRUE(found) << monday.dump(1);
  EXPECT_NE(Jem("reminders preview --date 2009-09-19").find("is not a working day: nothing is sent"),
            std::string::npos);
  // The sample policy's bank holiday, Monday 31 August 2009: nothing; its reminders go out on Tuesday.
  const std::string samples = "--policy " + kSamples + "/reminders/policy.yaml";
  EXPECT_EQ(JemJson("reminders preview --date 2009-08-31 " + samples)["working_day"], false);
  EXPECT_EQ(JemJson("reminders preview --date 2009-08-31")["working_day"], true) << "without the policy, a Monday";
  const std::string policy = dir_->Sub("policy.yaml");
  Shell("printf 'due_soon_days: 7\\noverdue_evry_days: 3\\n' > " + policy);
  EXPECT_NE(Jem("reminders preview --date 2009-09-21 --policy " + policy, 2).find("line 2: unknown setting"),
            std::string::npos);
  EXPECT_NE(Jem("reminders preview --as tfl:partner:TfL", 2).find("officers and auditors"), std::string::npos);
}

TEST_F(JemViewCliTest, APublishedReportsHashIsThatOfTheReportAsOfItsDayCheckedWithSha256sum) {
  const std::string out = Jem("meeting publish-follow-up LEW-20090629 --summary 'Tabled' --as mpa:officer");
  std::smatch published;
  ASSERT_TRUE(std::regex_search(out, published, std::regex("published the report as of ([0-9-]{10}), SHA-256 ([0-9a-f]{64})")))
      << out;
  const std::string hashed = Shell(kJemBinary + " --data " + Data() + " report follow-up LEW-20090629 --as-of " +
                                   published[1].str() + " --format json | sha256sum");
  EXPECT_EQ(hashed.substr(0, 64), published[2].str()) << "anyone can check the tabled paper against the record";
  EXPECT_NE(Jem("meeting publish-follow-up LEW-20090629 --as mpa:officer", 2).find("already published"),
            std::string::npos);
  EXPECT_NE(Jem("meeting publish-follow-up KEN-20100603 --as tfl:partner:TfL", 2).find("officers"),
            std::string::npos);
}

}  // namespace
}  // namespace jem

namespace jem {
namespace {

// `jem audit ...` on the sample JEMs, which were logged today about 2009 and 2010: every
// event of them is a late record.
TEST_F(JemViewCliTest, AuditVerbsOnTheSamples) {
  const std::string history = Jem("audit history action CAM-2009-01");
  EXPECT_NE(history.find("Agreed, led by MPS"), std::string::npos) << history;
  EXPECT_NE(history.find("status: open -> in progress"), std::string::npos) << history;
  EXPECT_NE(history.find("days late"), std::string::npos) << history;
  auto json = JemJson("audit history meeting CAM-20090616");
  EXPECT_EQ(json["kind"], "meeting");
  EXPECT_GE(json["count"].get<int>(), 2);
  EXPECT_NE(Jem("audit history board CAM-2009-01", 2).find("is not a kind of record"), std::string::npos);
  EXPECT_NE(Jem("audit history action CAM-2009-99", 2).find("there is no action CAM-2009-99"), std::string::npos);

  auto promises = JemJson("audit promises");
  EXPECT_GT(promises["totals"]["agreed"].get<int>(), 5);
  auto recorded_then = JemJson("audit promises --as-of 2009-12-31");
  EXPECT_EQ(recorded_then["totals"]["agreed"], 0) << "nothing was recorded in 2009";
  auto happened_then = JemJson("audit promises --as-of 2009-12-31 --basis happened");
  EXPECT_GT(happened_then["totals"]["agreed"].get<int>(), 5);
  EXPECT_LT(happened_then["totals"]["agreed"].get<int>(), promises["totals"]["agreed"].get<int>())
      << "round 2 was agreed in 2010";
  EXPECT_NE(Jem("audit promises --by colour", 2).find("--by"), std::string::npos);
  EXPECT_NE(Jem("audit promises --as-of 2009-13-01", 2).find("--as-of"), std::string::npos);
  EXPECT_NE(Jem("audit promises --as jdoe:partner:TfL", 2).find("for officers and auditors"), std::string::npos);

  auto late = JemJson("audit late --date 2009-12-31");
  EXPECT_GT(late["count"].get<int>(), 20);
  EXPECT_GT(late["actions"].size(), 0u);
  EXPECT_NE(Jem("audit late --date soon", 2).find("--date"), std::string::npos);

  auto access = JemJson("audit access --action CAM-2009-01 --before 2030-01-01");
  EXPECT_EQ(access["did_see"].size(), 0u) << "nothing was read over HTTP";
  EXPECT_NE(Jem("audit access --action CAM-2009-99", 2).find("CAM-2009-99"), std::string::npos);

  // The views take both as-ofs: the board as it was known to stand at the end of 2009.
  auto board = JemJson("board --as-of 2009-12-31 --basis happened");
  EXPECT_GT(board["count"].get<int>(), 0);
  EXPECT_EQ(JemJson("board --as-of 2009-12-31")["count"], 0);
  EXPECT_NE(Jem("board --as-of 2009-12-31 --basis maybe", 2).find("--basis"), std::string::npos);
}

}  // namespace
}  // namespace jem
