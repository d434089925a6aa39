// Meetings: scheduling, rescheduling, cancelling, holding, decisions and feedback, with
// every rule refused by a message that says what was wrong.
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using Code = Status::Code;

class MeetingRulesTest : public testing::EngineTest {};

TEST_F(MeetingRulesTest, ScheduleHoldAndRecordDecisions) {
  auto scheduled = Run(CamdenSlot());
  ASSERT_TRUE(scheduled.ok()) << scheduled.status().ToString();
  EXPECT_EQ(scheduled->subject, "CAM-20090616");
  auto held = Run(CamdenHeld());
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  ASSERT_TRUE(Run(command::RecordDecision{"CAM-20090616", "Pool YOT intelligence across borders"}).ok());

  auto events = log_->ReadStream("meeting-CAM-20090616", 1, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].type(), "meetingScheduled");
  EXPECT_EQ((*events)[1].type(), "meetingHeld");
  EXPECT_EQ((*events)[1].envelope().getActor().getUserId(), "jsmith");
  // Held on 16 June 2009, recorded on 10 January 2010: both times are kept.
  EXPECT_EQ((*events)[1].occurred_at(), Timestamp(std::chrono::sys_days(std::chrono::year(2009) / 6 / 16)));
  EXPECT_EQ((*events)[1].recorded_at(), clock_.Now());
  EXPECT_EQ((*events)[2].type(), "decisionRecorded");

  MeetingState state;
  for (auto& e : *events) state.Apply(e.envelope().getBody(), e.occurred_at());
  EXPECT_EQ(state.status, MeetingState::Status::kHeld);
  EXPECT_EQ(state.attendees.size(), 4u);
  EXPECT_EQ(state.FollowUpDue(), "2009-12-16");
}

TEST_F(MeetingRulesTest, FollowUpFallsDueSixMonthsAfterTheMeetingWasHeld) {
  MeetingState m;
  m.held_date = "2009-08-31";
  EXPECT_EQ(m.FollowUpDue(), "2010-02-28");  // no 31 February: the month's last day
  m.held_date = "2009-09-11";
  EXPECT_EQ(m.FollowUpDue(), "2010-03-11");
  m.held_date = "";
  EXPECT_EQ(m.FollowUpDue(), "");
}

TEST_F(MeetingRulesTest, BoroughMustBeOneOfThe32) {
  auto slot = CamdenSlot();
  slot.borough = "Gotham";
  ExpectRefused(slot, Code::kInvalidArgument, "'Gotham' is not a London borough");
  slot.borough = "pan-London";
  ExpectRefused(slot, Code::kInvalidArgument, "pan-London is not a borough here");
  slot.borough = "barking & dagenham";  // names match in any case, "&" for "and"
  auto r = Run(slot);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "BAR-20090616");
}

TEST_F(MeetingRulesTest, EveryMistakeInAScheduleIsNamedAtOnceOnItsField) {
  command::ScheduleMeeting slot{"", 0, "", "2009-02-30", "9am", "", "", ""};
  const std::vector<Status::Problem> want = {
      {"borough", "Choose the borough"},
      {"round", "Enter the round, a number from 1"},
      {"theme", "Choose the theme"},
      {"date", "Meeting date must be a real date: '2009-02-30' is not a day of the calendar"},
      {"start", "Start time must be a time of day written HH:MM (24-hour), not '9am'"},
      {"end", "Enter the end time"},
      {"room", "Enter the room"},
  };
  ExpectRefused(slot, Code::kInvalidArgument, "Choose the borough; Enter the round");
  auto refused = Run(slot);
  EXPECT_EQ(refused.status().problems(), want);
  EXPECT_EQ(refused.status().field(), "borough");
}

// The agencies invited are known ones, each named once, kept as their names are written.
TEST_F(MeetingRulesTest, InvitedAgenciesAreKnownOnesEachNamedOnce) {
  auto slot = CamdenSlot();
  slot.invited = {"MPS", "Gotham Police", "tfl", "mps"};
  auto refused = Run(slot);
  ASSERT_EQ(refused.status().problems().size(), 2u) << refused.status().ToString();
  EXPECT_EQ(refused.status().problems()[0].field, "invited");
  EXPECT_NE(refused.status().problems()[0].message.find("'Gotham Police' is not"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(refused.status().problems()[1], (Status::Problem{"invited", "MPS is named twice; name each invited agency once"}));
  slot.invited = {"mps", "tfl"};
  ASSERT_TRUE(Run(slot).ok());
  auto events = log_->ReadStream("meeting-CAM-20090616", 1, 1);
  ASSERT_TRUE(events.ok() && events->size() == 1);
  MeetingState state;
  state.Apply(events->front().envelope().getBody(), events->front().occurred_at());
  EXPECT_EQ(state.invited, (std::vector<std::string>{"MPS", "TfL"}));
}

TEST_F(MeetingRulesTest, SlotMustBeARealDayAndTime) {
  auto slot = CamdenSlot();
  slot.date = "2009-02-30";
  ExpectRefused(slot, Code::kInvalidArgument, "Meeting date must be a real date: '2009-02-30' is not a day of the calendar");
  slot = CamdenSlot();
  slot.date = "16/06/2009";
  ExpectRefused(slot, Code::kInvalidArgument, "Meeting date must be a real date written YYYY-MM-DD, not '16/06/2009'");
  slot = CamdenSlot();
  slot.start_time = "25:00";
  ExpectRefused(slot, Code::kInvalidArgument, "Start time must be a time of day written HH:MM (24-hour), not '25:00'");
  slot = CamdenSlot();
  slot.end_time = "14:00";
  ExpectRefused(slot, Code::kInvalidArgument, "End time must be after the start time (15:00)");
  slot = CamdenSlot();
  slot.round = 0;
  ExpectRefused(slot, Code::kInvalidArgument, "Enter the round, a number from 1");
  slot = CamdenSlot();
  slot.theme = "parking";
  ExpectRefused(slot, Code::kInvalidArgument, "'parking' is not a theme");
}

TEST_F(MeetingRulesTest, TheSameMeetingCannotBeScheduledTwice) {
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  ExpectRefused(CamdenSlot(), Code::kFailedPrecondition, "meeting CAM-20090616 already exists (scheduled)");
}

TEST_F(MeetingRulesTest, OnlyOfficersScheduleMeetings) {
  ExpectRefused(CamdenSlot(), Code::kPermissionDenied, "only officers may schedule meetings",
                testing::Partner("TfL"));
  ExpectRefused(CamdenSlot(), Code::kPermissionDenied, "kaudit is auditor", testing::Auditor());
}

TEST_F(MeetingRulesTest, HoldingRules) {
  ExpectRefused(CamdenHeld(), Code::kNotFound, "there is no meeting CAM-20090616");
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  auto hold = CamdenHeld();
  hold.attendees.clear();
  ExpectRefused(hold, Code::kInvalidArgument, "Enter who attended");
  hold = CamdenHeld();
  hold.attendees.push_back({"Someone", "Gotham PD", "Observer"});
  ExpectRefused(hold, Code::kInvalidArgument, "Agency of attendee 5: 'Gotham PD' is not a known agency");
  hold = CamdenHeld();
  hold.date = "2010-02-01";
  ExpectRefused(hold, Code::kInvalidArgument, "must be today or in the past");
  ASSERT_TRUE(Run(CamdenHeld()).ok());
  ExpectRefused(CamdenHeld(), Code::kFailedPrecondition, "was already held on 2009-06-16");
  ExpectRefused(command::CancelMeeting{"CAM-20090616", "no quorum"}, Code::kFailedPrecondition,
                "only a scheduled meeting can be cancelled");
}

TEST_F(MeetingRulesTest, RescheduleAndCancelNeedReasons) {
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  command::RescheduleMeeting move{"CAM-20090616", "2009-06-23", "", "", "", ""};
  ExpectRefused(move, Code::kInvalidArgument, "Enter why the meeting moves");
  move.reason = "the borough commander is on leave";
  ASSERT_TRUE(Run(move).ok());
  ExpectRefused(move, Code::kInvalidArgument, "that is the slot meeting CAM-20090616 already has");
  ExpectRefused(command::CancelMeeting{"CAM-20090616", " "}, Code::kInvalidArgument,
                "Enter why the meeting is cancelled");
  ASSERT_TRUE(Run(command::CancelMeeting{"CAM-20090616", "merged with the Islington JEM"}).ok());
  ExpectRefused(CamdenHeld(), Code::kFailedPrecondition, "was cancelled (merged with the Islington JEM)");
}

TEST_F(MeetingRulesTest, DecisionsAndFeedbackOnlyOnAHeldMeeting) {
  ASSERT_TRUE(Run(CamdenSlot()).ok());
  ExpectRefused(command::RecordDecision{"CAM-20090616", "x"}, Code::kFailedPrecondition,
                "decisions are recorded only for a held meeting; meeting CAM-20090616 is scheduled");
  ASSERT_TRUE(Run(CamdenHeld()).ok());
  ExpectRefused(command::RecordDecision{"CAM-20090616", ""}, Code::kInvalidArgument,
                "Enter the decision");
  // A partner gives feedback for its own agency only.
  EXPECT_TRUE(Run(command::GiveFeedback{"CAM-20090616", "", "Well chaired", ""}, testing::Partner("TfL")).ok());
  ExpectRefused(command::GiveFeedback{"CAM-20090616", "BTP", "Good", ""}, Code::kPermissionDenied,
                "own agency (TfL), not for BTP", testing::Partner("TfL"));
  ExpectRefused(command::GiveFeedback{"CAM-20090616", "MPS", "", ""}, Code::kInvalidArgument,
                "Enter what worked or what could be better");
}

TEST_F(MeetingRulesTest, RoundsArePlannedOnce) {
  command::PlanRound round{2, "Violent crime", {"violent-crime"}, "2010-05-01", "2011-05-31"};
  ASSERT_TRUE(Run(round).ok());
  ExpectRefused(round, Code::kFailedPrecondition, "round 2 is already planned");
  round.number = 3;
  round.end_date = "2010-04-01";
  ExpectRefused(round, Code::kInvalidArgument, "The round must end on or after the day it starts");
}

}  // namespace
}  // namespace jem
