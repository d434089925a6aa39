// `jem import`'s document reader and the all-or-nothing import of a whole JEM.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/importer.h"
#include "events/verify.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

class ImporterTest : public testing::EngineTest {
 protected:
  // Parses and runs `text` as an officer; on failure returns "line N: message".
  Result<Outcome> Import(const std::string& text) {
    auto steps = ParseJemDocument(text);
    if (!steps.ok()) return steps.status();
    std::vector<Step> commands;
    for (auto& s : *steps) commands.push_back(s.step);
    CommandContext context;
    context.caller = testing::Officer();
    size_t failed = commands.size();
    auto r = engine_.ExecuteAll(context, commands, &failed);
    if (!r.ok() && failed < steps->size()) {
      return r.status().WithContext("line " + std::to_string((*steps)[failed].line));
    }
    return r;
  }
};

constexpr char kCamden[] = R"(meeting:
  borough: Camden
  round: 1
  theme: serious-youth-violence
  date: 2009-06-16
  start: "15:00"
  end: "17:00"
  room: MPA room 1
  chair: Kit Malthouse
attendees:
  - {name: Kit Malthouse, agency: MPA, role: Chair}
  - {name: Borough Commander, agency: MPS, role: BOCU commander}
decisions:
  - Pool YOT intelligence across borders
actions:
  - text: Map school-route hotspots
    lead: MPS
    supporting: [TfL]
    due: 2009-09-30
  - ref: CAM-2009-05
    text: Weekly YOT intelligence exchange
    lead: YJB
    due: 2009-08-31
    updates:
      - {on: 2009-07-01, do: start}
      - {on: 2009-08-20, do: complete, text: Exchange running weekly}
good_practice:
  - title: Gang symposium
    description: Knowledge sharing among partners
    borough: pan-London
issues:
  - title: Sharing YOT intelligence across borders
    lead: YJB
feedback:
  - {from: TfL, positive: Well chaired}
)";

TEST_F(ImporterTest, AnEscapeSequenceInOneTextRecordsNothingAndSaysWhere) {
  std::string jem = kCamden;
  const std::string text = "Weekly YOT intelligence exchange";
  jem.replace(jem.find(text), text.size(), "\"Weekly \\e[2J exchange\"");  // YAML's \e: an escape character
  const uint64_t head = log_->head().position;
  auto r = Import(jem);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 20: 'text' holds a control character (U+001B)"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(ImporterTest, ImportsAWholeJem) {
  auto r = Import(kCamden);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "CAM-20090616");
  EXPECT_EQ(r->positions.size(), 10u);  // schedule, hold, decision, 2 actions, 2 updates, practice, issue, feedback
  EXPECT_EQ(Action("CAM-2009-01").lead_agency, "MPS");
  ActionState done = Action("CAM-2009-05");
  EXPECT_EQ(done.status, ActionState::Status::kCompleted);
  EXPECT_EQ(done.last_update, Timestamp(std::chrono::sys_days(std::chrono::year(2009) / 8 / 20)));
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

TEST_F(ImporterTest, OneBadActionAppendsNothingAndNamesItsLine) {
  std::string doc = kCamden;
  doc.replace(doc.find("lead: YJB\n    due"), 9, "lead: Gotham PD");
  auto r = Import(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "line 20: Lead agency: 'Gotham PD' is not a known agency; use one of "
                                  "MPA, MPS, Council, TfL, BTP, YJB, LCJB, Health, Probation, GLA, LFB, Voluntary");
  EXPECT_EQ(log_->head().position, 0u);
}

TEST_F(ImporterTest, ARefusedUpdateAppendsNothing) {
  std::string doc = kCamden;
  // Completing before starting is fine, but completing twice is refused.
  doc += "";
  doc.replace(doc.find("      - {on: 2009-08-20"), 0, "      - {on: 2009-08-19, do: drop, text: Superseded}\n");
  auto r = Import(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 27: action CAM-2009-05 is dropped; reopen it before you complete it"),
            std::string::npos) << r.status().message();
  EXPECT_EQ(log_->head().position, 0u);
}

TEST_F(ImporterTest, MalformedDocumentsNameTheLine) {
  EXPECT_EQ(Import("meeting:\n  borough: [Camden\n").status().message().substr(0, 7), "line 3,");
  auto typo = Import(std::string(kCamden).replace(std::string(kCamden).find("    lead: MPS"), 13, "    leed: MPS"));
  EXPECT_NE(typo.status().message().find("line 17: unknown field 'leed' in an action"), std::string::npos)
      << typo.status().message();
  EXPECT_EQ(Import("").status().message(), "the document is empty");
  EXPECT_EQ(Import("attendees: []\n").status().message(), "line 1: the document needs a 'meeting'");
  EXPECT_NE(Import("meeting:\n  borough: Camden\n  round: first\n").status().message().find("line 3"),
            std::string::npos);
  auto no_ref = Import("meeting: {id: CAM-20090616, status: scheduled}\nactions:\n  - {text: x, lead: MPS, due: "
                       "2009-09-01, updates: [{do: start}]}\n");
  EXPECT_NE(no_ref.status().message().find("line 3: an action with updates needs its 'ref'"), std::string::npos)
      << no_ref.status().message();
  EXPECT_EQ(log_->head().position, 0u);
}

TEST_F(ImporterTest, JsonDocumentsWorkToo) {
  const std::string json = R"({"meeting": {"borough": "Harrow", "round": 1, "theme": "serious-youth-violence",
    "date": "2009-06-24", "start": "11:00", "end": "13:00", "room": "MPA room 1", "chair": "Kit Malthouse"},
    "attendees": [{"name": "Kit Malthouse", "agency": "MPA", "role": "Chair"}],
    "actions": [{"text": "Cross-border working protocol", "lead": "MPS", "due": "2009-10-01"}]})";
  auto r = Import(json);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Action("HRW-2009-01").text, "Cross-border working protocol");
}

TEST_F(ImporterTest, EverySampleImports) {
  clock_.Set(std::chrono::sys_days(std::chrono::year(2012) / 1 / 1));  // after every sample's events
  int imported = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(JEM_SOURCE_DIR) + "/samples")) {
    if (!entry.is_regular_file()) continue;  // samples/reminders/: the reminder policy, not a JEM
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto r = Import(text.str());
    ASSERT_TRUE(r.ok()) << entry.path() << ": " << r.status().ToString();
    ++imported;
  }
  EXPECT_GE(imported, 18);
  EXPECT_TRUE(VerifyLog(*log_)->ok());
}

}  // namespace
}  // namespace jem
