// The officer's cycle from a terminal, as the README tells it: schedule and hold a JEM,
// agree two actions, complete one, see the events; and what users get wrong.
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace jem {
namespace {

using testing::kJemBinary;
using testing::Shell;


class JemCommandCliTest : public ::testing::Test {
 protected:
  void SetUp() override { Shell(kJemBinary + " --data " + data_ + " log init"); }

  // Runs jem on the test's data directory as an officer unless `args` says otherwise.
  std::string Jem(const std::string& args, int expected_exit = 0) {
    return Shell("JEM_AS=jsmith:officer " + kJemBinary + " --data " + data_ + " " + args + " 2>&1", expected_exit);
  }
  uint64_t Head() {
    return nlohmann::json::parse(Jem("log status --json"))["head_position"].get<uint64_t>();
  }
  void HoldCamden() {
    Jem("meeting schedule --borough Camden --round 1 --theme serious-youth-violence --date 2009-06-16 "
        "--start 15:00 --end 17:00 --room 'MPA room 1' --chair 'Kit Malthouse'");
    Jem("meeting hold CAM-20090616 --attendee 'Kit Malthouse|MPA|Chair' "
        "--attendee 'Borough Commander|MPS|BOCU commander' --attendee 'TfL lead|TfL|Transport'");
  }

  testing::TempDir dir_;
  std::string data_ = dir_.Sub("data");
};

TEST_F(JemCommandCliTest, TheReadmeCycle) {
  HoldCamden();
  EXPECT_EQ(Jem("action agree --meeting CAM-20090616 --text 'Map school-route hotspots' --lead TfL "
                "--support MPS --due 2009-09-30 --priority high"),
            "CAM-2009-01: recorded at position 3\n");
  EXPECT_EQ(Jem("action agree --meeting CAM-20090616 --text 'Weekly YOT exchange' --lead YJB --due 2009-08-31"),
            "CAM-2009-02: recorded at position 4\n");
  Jem("action complete CAM-2009-01 --evidence 'Map shared with 12 schools' --as tfl1:partner:TfL");

  auto action = nlohmann::json::parse(Jem("action show CAM-2009-01 --json"));
  EXPECT_EQ(action["status"], "completed");
  EXPECT_EQ(action["lead"], "TfL");
  const std::string dump = Jem("log dump");
  EXPECT_NE(dump.find("meetingScheduled"), std::string::npos) << dump;
  EXPECT_NE(dump.find("meetingHeld"), std::string::npos);
  EXPECT_NE(dump.find("actionCompleted"), std::string::npos);
  EXPECT_NE(dump.find("tfl1:partner:TfL"), std::string::npos);
  auto meeting = nlohmann::json::parse(Jem("meeting show CAM-20090616 --json"));
  EXPECT_EQ(meeting["follow_up_due"], "2009-12-16");
  EXPECT_EQ(Head(), 5u);
}

TEST_F(JemCommandCliTest, RefusalsGoToStderrWithANonZeroExitAndAppendNothing) {
  HoldCamden();
  Jem("action agree --meeting CAM-20090616 --text 'x' --lead MPS --due 2009-09-30");
  const uint64_t head = Head();
  // stderr only: stdout stays empty.
  EXPECT_EQ(Shell(kJemBinary + " --data " + data_ + " action drop CAM-2009-01 --reason 'x' --as p:partner:MPS 2>/dev/null", 2),
            "");
  EXPECT_EQ(Jem("action drop CAM-2009-01 --reason 'x' --as p:partner:MPS", 2),
            "jem: only officers may drop actions\n");
  EXPECT_EQ(Jem("action complete CAM-2009-01 --evidence ' '", 2),
            "jem: Enter the evidence of what was done\n");
  EXPECT_EQ(Jem("action agree --meeting CAM-20090616 --text x --lead MPS --due 2009-13-01", 2),
            "jem: Due date must be a real date: '2009-13-01' is not a day of the calendar\n");
  EXPECT_EQ(Jem("action start CAM-2009-77", 2), "jem: there is no action CAM-2009-77 (action references look like CAM-2009-03)\n");
  EXPECT_EQ(Jem("meeting hold CAM-20090616 --attendee 'just a name'", 2),
            "jem: --attendee 'just a name': write NAME|AGENCY|ROLE, e.g. 'Kit Malthouse|MPA|Chair'\n");
  EXPECT_EQ(Jem("action start CAM-2009-01 --as nobody", 2),
            "jem: --as: 'nobody' does not say who you are: write USER:ROLE (officer, auditor, admin) or "
            "USER:partner:AGENCY\n");
  EXPECT_NE(Shell(kJemBinary + " --data " + data_ + " action start CAM-2009-01 2>&1", 2).find("--as is required"),
            std::string::npos);
  EXPECT_EQ(Jem("action start CAM-2009-01 --on 2009-06-31", 2),
            "jem: --on must be a real date: '2009-06-31' is not a day of the calendar\n");
  EXPECT_EQ(Head(), head);
}

TEST_F(JemCommandCliTest, RetryingWithTheSameCommandIdIsSafe) {
  HoldCamden();
  const std::string id = "4f9aac22-cd5f-456e-8a1b-0123456789ab";
  const std::string agree = "action agree --meeting CAM-20090616 --text x --lead MPS --due 2009-09-30 --command-id " + id;
  EXPECT_EQ(Jem(agree), "CAM-2009-01: recorded at position 3\n");
  EXPECT_EQ(Jem(agree), "CAM-2009-01: already done by this command id; nothing appended\n");
  EXPECT_EQ(Head(), 3u);
  EXPECT_EQ(Jem("action start CAM-2009-01 --command-id not-a-uuid", 2),
            "jem: --command-id: 'not-a-uuid' is not an event id: expected a UUID (32 hex digits)\n");
}

TEST_F(JemCommandCliTest, ImportIsAllOrNothingWithLineNumberedErrors) {
  const std::string path = dir_.Sub("harrow.yaml");
  std::ofstream(path) << "meeting:\n  borough: Harrow\n  round: 1\n  theme: serious-youth-violence\n"
                         "  date: 2009-06-24\n  start: '11:00'\n  end: '13:00'\n  room: MPA room 1\n"
                         "  chair: Kit Malthouse\nattendees:\n  - {name: Kit Malthouse, agency: MPA, role: Chair}\n"
                         "actions:\n  - {text: Cross-border protocol, lead: MPS, due: 2009-10-01}\n"
                         "  - {text: Route study, lead: TfL, due: 2009-06-01}\n";
  EXPECT_EQ(Jem("import " + path, 2),
            "jem: " + path + ":14: Due date must be on or after the day of meeting HRW-20090624, 24 June 2009\n"
            "jem: nothing from " + path + " was recorded\n");
  EXPECT_EQ(Head(), 0u);
  EXPECT_EQ(Jem("import " + dir_.Sub("missing.yaml"), 2), "jem: cannot read " + dir_.Sub("missing.yaml") + "\n");
}

TEST_F(JemCommandCliTest, TokensAreCreatedListedAndRevoked) {
  const std::string out = Shell(kJemBinary + " --data " + data_ + " token create --user asmith --role partner --agency tfl");
  const std::string token = out.substr(out.rfind('\n', out.size() - 2) + 1, out.size() - out.rfind('\n', out.size() - 2) - 2);
  ASSERT_EQ(token.rfind("jem_", 0), 0u) << out;  // the token is the last line
  const std::string id = token.substr(4, 8);
  auto list = nlohmann::json::parse(Jem("token list --json"));
  ASSERT_EQ(list["tokens"].size(), 1u);
  EXPECT_EQ(list["tokens"][0]["id"], id);
  EXPECT_EQ(list["tokens"][0]["agency"], "TfL");
  EXPECT_EQ(list["tokens"][0]["status"], "active");
  EXPECT_EQ(Jem("log dump --json").find(token.substr(13)), std::string::npos);  // the secret is not in the log
  EXPECT_EQ(Jem("token create --user x --role officer --as jsmith:officer", 2),
            "jem: only admins may issue tokens; jsmith is officer\n");
  EXPECT_EQ(Jem("token revoke " + token + " --reason 'left TfL'"), id + ": recorded at position 2\n");
  EXPECT_EQ(nlohmann::json::parse(Jem("token list --json"))["tokens"][0]["status"], "revoked");
}

TEST_F(JemCommandCliTest, TheSamplesLoadThroughTheCli) {
  const std::string out = Jem("import " + std::string(JEM_SOURCE_DIR) + "/samples/round1-2009-06-16-cam.yaml --json");
  auto outcome = nlohmann::json::parse(out);
  EXPECT_EQ(outcome["subject"], "CAM-20090616");
  EXPECT_EQ(outcome["replayed"], false);
  EXPECT_NE(Jem("log verify").find("ok:"), std::string::npos);
}

}  // namespace
}  // namespace jem
