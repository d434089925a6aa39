// The brief of a JEM: what it holds of the borough's story, checked on a history built by
// hand (each part, and what must stay out) and over a long random run against the record
// itself, and its papers' safety.
#include "projections/brief/brief.h"

#include "projections/papers/brief.h"
#include "tests/engine/engine_fixture.h"
#include "tests/projections/random_jems.h"

namespace jem {
namespace {

using testing::D;
using Kind = command::UpdateAction::Kind;

class BriefTest : public testing::EngineTest {
 protected:
  ReadModel Model() {
    ReadModel m;
    EXPECT_TRUE(CatchUp(*log_, &m).ok());
    return m;
  }
  brief::Brief BriefOf(const ReadModel& m, const std::string& meeting, views::Day today) {
    auto b = brief::BriefOf(m, meeting, today);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() ? *b : brief::Brief{};
  }
  void Ok(const AnyCommand& command) {
    auto r = Run(command);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
};

const brief::OpenAction* Find(const brief::Brief& b, const std::string& ref) {
  auto it = std::ranges::find(b.open_actions, ref, &brief::OpenAction::reference);
  return it == b.open_actions.end() ? nullptr : &*it;
}

TEST_F(BriefTest, HoldsTheBoroughsStorySoFarAndNothingOfOtherBoroughs) {
  HoldCamden();
  Ok(command::RecordDecision{"CAM-20090616", "Joint patrols on school routes"});
  const std::string slipped = Agree("MPS");
  const std::string done = Agree("BTP");
  // The story the brief must tell: reassigned, re-dated twice, blocked.
  auto reassign = UpdateOf(Kind::kReassign, slipped, "The council owns the routes");
  reassign.new_lead_agency = "Council";
  Ok(reassign);
  for (const char* due : {"2009-11-30", "2010-03-31"}) {
    auto redate = UpdateOf(Kind::kRedate, slipped, std::string("Survey late, now ") + due);
    redate.new_due_date = due;
    Ok(redate);
  }
  Ok(UpdateOf(Kind::kBlock, slipped, "Waiting for TfL's data"));
  Ok(UpdateOf(Kind::kComplete, done, "Mapped"));
  Ok(command::GiveFeedback{"CAM-20090616", "TfL", "Useful", "Circulate the pack a week ahead", ""});
  Ok(command::IdentifyPractice{"CAM-20090616", "", "Walking buses", "", "", {"Council"}, "Escorted routes", ""});
  Ok(command::RaiseIssue{"CAM-20090616", "", "Knife crime on buses", "Across borough lines", "TfL"});
  // Another borough: its open action stays out; its good practice on the theme comes in.
  Ok(command::ScheduleMeeting{"Islington", 1, "serious-youth-violence", "2009-07-01", "10:00", "12:00", "Room 2", "Chair"});
  Ok(command::HoldMeeting{"ISL-20090701", "", "", {{"Chair", "MPA", "Chair"}, {"BC", "MPS", "BOCU"}}});
  Ok(command::AgreeAction{"ISL-20090701", "", "Islington's own action", "", "MPS", {}, "2009-10-01", "high"});
  Ok(command::IdentifyPractice{"ISL-20090701", "", "Safe havens", "", "", {"MPS"}, "Shops as refuges", ""});
  auto rejected = Run(command::IdentifyPractice{"ISL-20090701", "", "Rejected idea", "", "", {"MPS"}, "Not taken up", ""});
  ASSERT_TRUE(rejected.ok());
  Ok(command::UpdatePractice{command::UpdatePractice::Kind::kReject, rejected->subject, "Not evidenced", ""});
  // The next Camden JEM, the one the brief is for.
  Ok(command::ScheduleMeeting{"Camden", 2, "serious-youth-violence", "2010-02-01", "10:00", "12:00", "MPA room 1",
                              "Kit Malthouse", {"MPS", "Council", "BTP"}});

  const ReadModel m = Model();
  const brief::Brief b = BriefOf(m, "CAM-20100201", D("2010-01-10"));
  EXPECT_EQ(b.borough_name, "Camden");
  EXPECT_EQ(b.status, "scheduled");
  ASSERT_EQ(b.earlier.size(), 1u);
  EXPECT_EQ(b.earlier[0].meeting, "CAM-20090616");
  EXPECT_EQ(b.earlier[0].decisions, std::vector<std::string>{"Joint patrols on school routes"});
  EXPECT_EQ(b.earlier[0].actions.agreed, 2);
  EXPECT_EQ(b.earlier[0].actions.completed, 1);

  ASSERT_EQ(b.open_actions_count, 1u) << "the completed action is not open; Islington's is not Camden's";
  const brief::OpenAction* a = Find(b, slipped);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->lead, "Council");
  ASSERT_EQ(a->story.reassignments.size(), 1u);
  EXPECT_EQ(a->story.reassignments[0].from, "MPS");
  ASSERT_EQ(a->slipped.size(), 2u) << "how often it slipped";
  EXPECT_EQ(a->slipped[0].from, "2009-09-30");
  EXPECT_EQ(a->slipped[1].to, "2010-03-31");
  ASSERT_TRUE(a->story.blocked.has_value());
  EXPECT_EQ(a->story.blocked->reason, "Waiting for TfL's data");

  // Every invited agency has its row, the Council with nothing it promised itself.
  ASSERT_EQ(b.promises.size(), 3u);
  EXPECT_EQ(b.promises[0].agency, "MPS");
  EXPECT_EQ(b.promises[0].agreed, 1u) << "MPS promised the reassigned action";
  EXPECT_EQ(b.promises[0].open, 0u);
  EXPECT_EQ(b.promises[1].agency, "Council");
  EXPECT_EQ(b.promises[1].agreed, 0u);
  EXPECT_EQ(b.promises[1].received, 1u);
  EXPECT_EQ(b.promises[1].open, 1u) << "the Council holds the reassigned action now";
  EXPECT_EQ(b.promises[2].agency, "BTP");
  EXPECT_EQ(b.promises[2].completed_late, 1u) << "completed in January, due in September";

  ASSERT_EQ(b.good_practice_here.size(), 1u);
  EXPECT_EQ(b.good_practice_here[0].title, "Walking buses");
  ASSERT_EQ(b.good_practice_elsewhere.size(), 1u) << "the rejected one stays out";
  EXPECT_EQ(b.good_practice_elsewhere[0].title, "Safe havens");
  ASSERT_EQ(b.pan_london_issues.size(), 1u);
  EXPECT_EQ(b.pan_london_issues[0].title, "Knife crime on buses");
  EXPECT_EQ(b.last_meeting, "CAM-20090616");
  ASSERT_EQ(b.feedback.size(), 1u);
  EXPECT_EQ(b.feedback[0].suggestions, "Circulate the pack a week ahead");

  // Islington's brief is Islington's alone: Camden's actions and feedback stay out.
  const brief::Brief isl = BriefOf(m, "ISL-20090701", D("2010-01-10"));
  EXPECT_TRUE(isl.earlier.empty()) << "a JEM is not earlier than itself";
  EXPECT_EQ(isl.open_actions_count, 0u);
  EXPECT_TRUE(isl.last_meeting.empty());
  EXPECT_EQ(Find(isl, slipped), nullptr);

  EXPECT_EQ(brief::BriefOf(m, "CAM-20990101", D("2010-01-10")).status().code(), Status::Code::kNotFound);
}

TEST_F(BriefTest, AsOfAPastDayItSaysWhatTheRecordSaidThen) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  Ok(command::ScheduleMeeting{"Camden", 2, "serious-youth-violence", "2010-02-01", "10:00", "12:00", "MPA room 1",
                              "Kit Malthouse", {"MPS"}});
  clock_.Advance(std::chrono::days(3));
  Ok(UpdateOf(Kind::kComplete, ref, "Mapped"));
  auto then = ModelAsOf(*log_, D("2010-01-10"));
  ASSERT_TRUE(then.ok());
  EXPECT_EQ(BriefOf(*then, "CAM-20100201", D("2010-01-10")).open_actions_count, 1u) << "open on the 10th";
  EXPECT_EQ(BriefOf(*then, "CAM-20100201", D("2010-01-10")).open_actions[0].days_overdue, 102);
  EXPECT_EQ(BriefOf(Model(), "CAM-20100201", D("2010-01-13")).open_actions_count, 0u) << "completed on the 13th";
}

// Over a long random run: each brief's open actions are exactly those of its borough's
// earlier held JEMs still open, found here from the record itself; its earlier JEMs are its
// borough's; its promises are audit::Promises' rows for the borough.
TEST_F(BriefTest, OverARandomRunEachBriefHoldsExactlyItsBoroughsOpenActions) {
  testing::RandomJems jems(20091122);
  for (int i = 0; i < 1500; ++i) jems.Step(engine_, clock_);
  const ReadModel m = Model();
  const views::Day today = reference::DayOf(clock_.Now());
  size_t briefs_with_actions = 0;
  for (const auto& [id, meeting] : m.meetings) {
    const brief::Brief b = BriefOf(m, id, today);
    const std::string date = meeting.state.held_date.empty() ? meeting.state.date : meeting.state.held_date;
    std::set<std::string> expected;
    size_t earlier = 0;
    for (const auto& [other_id, other] : m.meetings) {
      const MeetingState& o = other.state;
      if (o.borough != meeting.state.borough || other_id == id || o.status != MeetingState::Status::kHeld ||
          o.held_date > date) {
        continue;
      }
      ++earlier;
      for (const std::string& ref : other.actions) {
        if (!m.actions.at(ref).state.closed()) expected.insert(ref);
      }
    }
    EXPECT_EQ(b.earlier_count, earlier) << id;
    for (const auto& e : b.earlier) EXPECT_EQ(e.meeting.substr(0, 3), meeting.state.borough) << id;
    std::set<std::string> shown;
    for (const auto& a : b.open_actions) shown.insert(a.reference);
    EXPECT_EQ(shown, expected) << id;
    EXPECT_TRUE(std::ranges::is_sorted(b.open_actions, {}, [](const brief::OpenAction& a) {
      return std::tie(a.due, a.reference);
    })) << id << ": by due date, as the board";
    if (!expected.empty()) ++briefs_with_actions;
  }
  EXPECT_GT(briefs_with_actions, 5u) << "the run must give briefs something to hold";
}

TEST_F(BriefTest, ItsMarkdownCannotBeForgedByWhatWasTyped) {
  HoldCamden();
  Ok(command::AgreeAction{"CAM-20090616", "", "Done\n# Forged heading\n<script>x</script>", "", "MPS", {}, "2009-09-30",
                          "high"});
  Ok(command::ScheduleMeeting{"Camden", 2, "serious-youth-violence", "2010-02-01", "10:00", "12:00", "MPA room 1",
                              "Kit Malthouse", {"MPS"}});
  const std::string md = papers::BriefMarkdown(BriefOf(Model(), "CAM-20100201", D("2010-01-10")));
  EXPECT_EQ(md.find("\n# Forged"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_NE(md.find("## Actions still open"), std::string::npos);
  EXPECT_NE(md.find("CAM-2009-01"), std::string::npos);
}

}  // namespace
}  // namespace jem
