// Actions: agreed only at a held meeting, every lifecycle path, reasons and evidence, who
// may update what, conflicts between concurrent updates, and idempotent retries.
#include <latch>
#include <thread>

#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using Code = Status::Code;
using Kind = command::UpdateAction::Kind;

class ActionRulesTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }
};

TEST_F(ActionRulesTest, AgreeAllocatesReferencesInOrder) {
  EXPECT_EQ(Agree(), "CAM-2009-01");
  EXPECT_EQ(Agree("TfL"), "CAM-2009-02");
  ActionState a = Action("CAM-2009-02");
  EXPECT_EQ(a.status, ActionState::Status::kOpen);
  EXPECT_EQ(a.lead_agency, "TfL");
  EXPECT_EQ(a.supporting_agencies, std::vector<std::string>{"Council"});
  EXPECT_EQ(a.due, "2009-09-30");
  EXPECT_EQ(a.priority, schema::Priority::HIGH);
  EXPECT_EQ(a.theme, schema::Theme::SERIOUS_YOUTH_VIOLENCE);  // the meeting's
}

TEST_F(ActionRulesTest, ExplicitReferencesMustFitTheMeeting) {
  auto agree = CamdenAction();
  agree.reference = "CAM-2009-07";
  ASSERT_TRUE(Run(agree).ok());
  ExpectRefused(agree, Code::kFailedPrecondition, "action CAM-2009-07 already exists");
  agree.reference = "HRW-2009-01";
  ExpectRefused(agree, Code::kInvalidArgument, "is not a action reference for meeting CAM-20090616: write CAM-2009-NN");
}

TEST_F(ActionRulesTest, ActionsOnlyOnAHeldMeeting) {
  auto slot = CamdenSlot();
  slot.borough = "Harrow";
  slot.date = "2009-06-24";
  ASSERT_TRUE(Run(slot).ok());
  auto agree = CamdenAction();
  agree.meeting_id = "HRW-20090624";
  ExpectRefused(agree, Code::kFailedPrecondition,
                "actions are recorded only for a held meeting; meeting HRW-20090624 is scheduled");
  agree.meeting_id = "XYZ-20090101";
  ExpectRefused(agree, Code::kNotFound, "there is no meeting XYZ-20090101");
}

TEST_F(ActionRulesTest, AgreeRules) {
  auto agree = CamdenAction();
  agree.due_date = "2009-06-15";
  ExpectRefused(agree, Code::kInvalidArgument, "Due date must be on or after the day of meeting CAM-20090616, 16 June 2009");
  agree = CamdenAction("Gotham PD");
  ExpectRefused(agree, Code::kInvalidArgument, "Lead agency: 'Gotham PD' is not a known agency");
  agree = CamdenAction();
  agree.supporting_agencies = {"MPS"};
  ExpectRefused(agree, Code::kInvalidArgument, "MPS leads the action, so cannot also support it");
  agree = CamdenAction();
  agree.supporting_agencies = {"TfL", "tfl"};
  ExpectRefused(agree, Code::kInvalidArgument, "TfL is named twice");
  agree = CamdenAction();
  agree.text = "";
  ExpectRefused(agree, Code::kInvalidArgument, "Enter what was agreed");
  agree = CamdenAction();
  agree.priority = "urgent";
  ExpectRefused(agree, Code::kInvalidArgument, "'urgent' is not a priority");
  ExpectRefused(CamdenAction(), Code::kPermissionDenied, "only officers may record agreed actions",
                testing::Partner("MPS"));
}

// A form with several mistakes hears of them all at once, each on its field, in words a
// person can act on; a mistake that needs the meeting (a due date before it) is found once
// the fields themselves are right.
TEST_F(ActionRulesTest, EveryMistakeInAnActionIsNamedAtOnce) {
  auto agree = CamdenAction("");
  agree.text = "  ";
  agree.due_date = "31/10/2010";
  agree.supporting_agencies = {"Gotham PD", "Council"};
  ExpectRefused(agree, Code::kInvalidArgument, "Choose the lead agency");
  const std::vector<Status::Problem> want = {
      {"text", "Enter what was agreed"},
      {"lead", "Choose the lead agency"},
      {"supporting", "Supporting agency: 'Gotham PD' is not a known agency; use one of MPA, MPS, Council, TfL, BTP, "
                     "YJB, LCJB, Health, Probation, GLA, LFB, Voluntary"},
      {"due", "Due date must be a real date written YYYY-MM-DD, not '31/10/2010'"},
  };
  EXPECT_EQ(Run(agree).status().problems(), want);
  agree = CamdenAction();
  agree.due_date = "";
  EXPECT_EQ(Run(agree).status().problems(), (std::vector<Status::Problem>{{"due", "Enter the due date"}}));
  agree.due_date = "2009-06-15";
  agree.meeting_id = "CAM-20990101";
  // The fields are right, so the meeting is looked for: it is not there.
  ExpectRefused(agree, Code::kNotFound, "there is no meeting CAM-20990101");
}

// A whole meeting's outcome at once: every step whose own fields are wrong is named, with its
// index, not only the first; a step refused for another reason ends the batch.
TEST_F(ActionRulesTest, ABatchNamesEveryStepWithWrongFields) {
  auto good = CamdenAction();
  auto no_text = CamdenAction();
  no_text.text = "";
  auto no_lead = CamdenAction("");
  no_lead.due_date = "2009-02-30";
  CommandContext context;
  context.caller = testing::Officer();
  const uint64_t before = log_->head().position;
  size_t failed = 99;
  std::vector<Refusal> refusals;
  auto r = engine_.ExecuteAll(context, {Step{good, {}}, Step{no_text, {}}, Step{good, {}}, Step{no_lead, {}}}, &failed,
                              &refusals);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(failed, 1u);
  ASSERT_EQ(refusals.size(), 2u);
  EXPECT_EQ(refusals[0].step, 1u);
  EXPECT_EQ(refusals[0].why.problems(), (std::vector<Status::Problem>{{"text", "Enter what was agreed"}}));
  EXPECT_EQ(refusals[1].step, 3u);
  EXPECT_EQ(refusals[1].why.problems(),
            (std::vector<Status::Problem>{
                {"lead", "Choose the lead agency"},
                {"due", "Due date must be a real date: '2009-02-30' is not a day of the calendar"}}));
  EXPECT_EQ(log_->head().position, before) << "a refused batch appended events";

  // A step refused by a rule of state (no such meeting) ends it: what follows is not judged.
  auto elsewhere = CamdenAction();
  elsewhere.meeting_id = "CAM-20990101";
  refusals.clear();
  r = engine_.ExecuteAll(context, {Step{elsewhere, {}}, Step{no_text, {}}}, &failed, &refusals);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].step, 0u);
  EXPECT_EQ(log_->head().position, before);
}

TEST_F(ActionRulesTest, FullLifecycle) {
  const std::string ref = Agree();
  ASSERT_TRUE(Update(Kind::kStart, ref, "").ok());
  ExpectRefused(UpdateOf(Kind::kStart, ref, ""), Code::kFailedPrecondition, "is already in progress");
  command::UpdateAction note = UpdateOf(Kind::kNote, ref, "Hotspot map drafted");
  note.percent_complete = 40;
  ASSERT_TRUE(Run(note).ok());
  note.percent_complete = 140;
  ExpectRefused(note, Code::kInvalidArgument, "Percent complete must be from 0 to 100, not 140");

  ASSERT_TRUE(Update(Kind::kBlock, ref, "Waiting for TfL data").ok());
  ExpectRefused(UpdateOf(Kind::kBlock, ref, "again"), Code::kFailedPrecondition, "already blocked (Waiting for TfL data)");
  ExpectRefused(UpdateOf(Kind::kComplete, ref, "done"), Code::kFailedPrecondition,
                "is blocked (Waiting for TfL data); unblock it before completing it");
  ASSERT_TRUE(Update(Kind::kUnblock, ref, "Data arrived").ok());
  ExpectRefused(UpdateOf(Kind::kUnblock, ref, ""), Code::kFailedPrecondition, "is not blocked");

  ExpectRefused(UpdateOf(Kind::kComplete, ref, ""), Code::kInvalidArgument, "Enter the evidence of what was done");
  ASSERT_TRUE(Update(Kind::kComplete, ref, "Map shared with schools; patrols changed").ok());
  EXPECT_EQ(Action(ref).status, ActionState::Status::kCompleted);
  ExpectRefused(UpdateOf(Kind::kComplete, ref, "again"), Code::kFailedPrecondition,
                "is completed; reopen it before you complete it");

  ExpectRefused(UpdateOf(Kind::kReopen, ref, ""), Code::kInvalidArgument, "Enter why the action is reopened");
  ASSERT_TRUE(Update(Kind::kReopen, ref, "Map out of date after the new academy opened").ok());
  EXPECT_EQ(Action(ref).status, ActionState::Status::kOpen);
  ExpectRefused(UpdateOf(Kind::kReopen, ref, "x"), Code::kFailedPrecondition,
                "only a completed or dropped action can be reopened");

  ExpectRefused(UpdateOf(Kind::kDrop, ref, ""), Code::kInvalidArgument, "Enter why the action is dropped");
  ASSERT_TRUE(Update(Kind::kDrop, ref, "Superseded by the pan-London route study").ok());
  ExpectRefused(UpdateOf(Kind::kComplete, ref, "done"), Code::kFailedPrecondition,
                "is dropped; reopen it before you complete it");
  ExpectRefused(UpdateOf(Kind::kNote, ref, "x"), Code::kFailedPrecondition, "is dropped");
}

// The engine remembers the states it decided on; a change made meanwhile by another writer
// of the same log must still be seen, never a stale state.
TEST_F(ActionRulesTest, ChangesByAnotherEngineAreSeen) {
  const std::string ref = Agree();
  ASSERT_TRUE(Update(Kind::kStart, ref, "").ok());  // engine_ now remembers "in progress"
  Engine other(*log_, clock_);
  CommandContext officer;
  officer.caller = testing::Officer();
  ASSERT_TRUE(other.Execute(officer, UpdateOf(Kind::kComplete, ref, "Map shared with schools")).ok());
  ExpectRefused(UpdateOf(Kind::kComplete, ref, "again"), Code::kFailedPrecondition,
                "is completed; reopen it before you complete it");
  auto reopened = Update(Kind::kReopen, ref, "Map out of date");
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(log_->StreamVersion(ActionStream(ref)).value(), 4u);
  // And the other way round: `other` remembered "completed" and must see the reopening.
  ASSERT_TRUE(other.Execute(officer, UpdateOf(Kind::kBlock, ref, "Waiting for TfL data")).ok());
  EXPECT_TRUE(Action(ref).blocked);
}

TEST_F(ActionRulesTest, RedateKeepsTheOriginalDueDateAndNeedsAReason) {
  const std::string ref = Agree();
  auto redate = UpdateOf(Kind::kRedate, ref, "");
  redate.new_due_date = "2009-12-31";
  ExpectRefused(redate, Code::kInvalidArgument, "Enter why the due date changes");
  redate.text = "Waiting for the school census";
  redate.new_due_date = "2009-06-01";
  ExpectRefused(redate, Code::kInvalidArgument, "New due date must be on or after the day of meeting CAM-20090616, 16 June 2009");
  redate.new_due_date = "2009-09-30";
  ExpectRefused(redate, Code::kInvalidArgument, "is already due on 2009-09-30");
  redate.new_due_date = "2009-12-31";
  ASSERT_TRUE(Run(redate).ok());
  ActionState a = Action(ref);
  EXPECT_EQ(a.original_due, "2009-09-30");
  EXPECT_EQ(a.due, "2009-12-31");
  auto events = log_->ReadStream(ActionStream(ref), 2, 1);
  auto changed = (*events)[0].envelope().getBody().getActionDueDateChanged();
  EXPECT_EQ(std::string(changed.getOldDate().cStr()), "2009-09-30");
  EXPECT_EQ(std::string(changed.getReason().cStr()), "Waiting for the school census");
}

TEST_F(ActionRulesTest, ReassignNamesFromAndToWithAReason) {
  const std::string ref = Agree();
  auto reassign = UpdateOf(Kind::kReassign, ref, "TfL owns the route data");
  reassign.new_lead_agency = "Gotham PD";
  ExpectRefused(reassign, Code::kInvalidArgument, "New lead agency: 'Gotham PD' is not a known agency");
  reassign.new_lead_agency = "MPS";
  ExpectRefused(reassign, Code::kInvalidArgument, "MPS already leads action");
  reassign.new_lead_agency = "tfl";
  ASSERT_TRUE(Run(reassign).ok());
  EXPECT_EQ(Action(ref).lead_agency, "TfL");
  auto events = log_->ReadStream(ActionStream(ref), 2, 1);
  auto r = (*events)[0].envelope().getBody().getActionReassigned();
  EXPECT_EQ(std::string(r.getFromAgency().cStr()), "MPS");
  EXPECT_EQ(std::string(r.getToAgency().cStr()), "TfL");
}

TEST_F(ActionRulesTest, PartnersUpdateOnlyTheActionsTheyLead) {
  const std::string mps = Agree("MPS");
  const std::string tfl = Agree("TfL");
  EXPECT_TRUE(Update(Kind::kStart, tfl, "", testing::Partner("TfL")).ok());
  EXPECT_TRUE(Update(Kind::kComplete, tfl, "Route study published", testing::Partner("TfL")).ok());
  // TfL neither leads nor supports it: to TfL it is not there, word for word like one that is not.
  ExpectRefused(UpdateOf(Kind::kStart, mps, ""), Code::kNotFound, "there is no action CAM-2009-01 (",
                testing::Partner("TfL"));
  ExpectRefused(UpdateOf(Kind::kStart, "CAM-2009-99", ""), Code::kNotFound, "there is no action CAM-2009-99 (",
                testing::Partner("TfL"));
  // Council supports the MPS action but does not lead it.
  ExpectRefused(UpdateOf(Kind::kNote, mps, "x"), Code::kPermissionDenied, "Council does not lead",
                testing::Partner("Council"));
  ExpectRefused(UpdateOf(Kind::kDrop, mps, "x"), Code::kPermissionDenied, "only officers may drop actions",
                testing::Partner("MPS"));
  ExpectRefused(UpdateOf(Kind::kNote, mps, "x"), Code::kPermissionDenied, "auditors may not note progress on actions",
                testing::Auditor());
  // The event records who did it, in what capacity.
  auto events = log_->ReadStream(ActionStream(tfl), 2, 1);
  EXPECT_EQ(std::string((*events)[0].envelope().getActor().getRole().cStr()), "partner:TfL");
}

TEST_F(ActionRulesTest, TextMustBeUtf8) {
  auto agree = CamdenAction();
  agree.text = "Map hotspots \xff\xfe";
  ExpectRefused(agree, Code::kInvalidArgument, "'text' is not valid UTF-8 text");
  agree.text = "Map hotspots near the Caf\xc3\xa9 on Camden High St";  // valid UTF-8: fine
  EXPECT_TRUE(Run(agree).ok());
}

TEST_F(ActionRulesTest, UnknownActionIsNotFound) {
  ExpectRefused(UpdateOf(Kind::kStart, "CAM-2009-99", ""), Code::kNotFound, "there is no action CAM-2009-99");
}

TEST_F(ActionRulesTest, ReplayedCommandIdAppendsNothing) {
  const std::string ref = Agree();
  CommandContext context;
  context.caller = testing::Officer();
  context.command_id = NewEventId();
  auto first = engine_.Execute(context, UpdateOf(Kind::kComplete, ref, "Done"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const Head head = log_->head();
  // Completing again would be refused, but a retry of the same command is answered as done.
  auto retry = engine_.Execute(context, UpdateOf(Kind::kComplete, ref, "Done"));
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->positions, first->positions);
  EXPECT_EQ(retry->subject, ref);
  EXPECT_EQ(log_->head().position, head.position);
  // The command id is the events' causation.
  auto events = log_->ReadAll(first->positions[0], 1);
  EXPECT_EQ(0, std::memcmp((*events)[0].envelope().getCausationId().begin(), context.command_id.data, 16));
}

TEST_F(ActionRulesTest, ConcurrentAgreementsGetDistinctReferences) {
  // Officers typing up the same meeting at once: the engine chooses the next free reference,
  // and a collision on it is decided again, not refused.
  constexpr int kOfficers = 8;
  std::vector<std::thread> threads;
  std::vector<std::string> refs(kOfficers);
  std::latch start(kOfficers);
  for (int t = 0; t < kOfficers; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      auto r = Run(CamdenAction());
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      refs[t] = r->subject;
    });
  }
  for (auto& th : threads) th.join();
  std::sort(refs.begin(), refs.end());
  for (int t = 0; t < kOfficers; ++t) EXPECT_EQ(refs[t], "CAM-2009-0" + std::to_string(t + 1));
}

// Two people updating one action at once. Each read version `before` (If-Match): one wins,
// the other gets a conflict. Neither said which version (expected_version unset): both are
// recorded, the later decided again on the newer state. Nothing acknowledged is lost.
TEST_F(ActionRulesTest, ConcurrentUpdatesOfOneActionGiveOneWinnerAndNoLostUpdate) {
  const std::string ref = Agree();
  int conflicts = 0;
  for (int round = 0; round < 300; ++round) {
    const bool expecting = round % 2 == 0;
    const uint64_t before = log_->StreamVersion(ActionStream(ref)).value();
    std::latch start(2);
    Result<Outcome> results[2] = {Status::FailedPrecondition("not run"), Status::FailedPrecondition("not run")};
    std::thread threads[2];
    for (int t = 0; t < 2; ++t) {
      threads[t] = std::thread([&, t] {
        CommandContext context;
        context.caller = testing::Officer();
        if (expecting) context.expected_version = before;
        start.arrive_and_wait();
        results[t] = engine_.Execute(context, UpdateOf(Kind::kNote, ref, "note from officer " + std::to_string(t)));
      });
    }
    for (auto& th : threads) th.join();
    const int ok = results[0].ok() + results[1].ok();
    for (auto& r : results) {
      if (r.ok()) continue;
      ASSERT_TRUE(expecting) << "a command that named no version was refused: " << r.status().ToString();
      ASSERT_EQ(r.status().code(), Code::kConflict) << r.status().ToString();
      EXPECT_NE(r.status().message().find("read it again"), std::string::npos) << r.status().message();
      ++conflicts;
    }
    ASSERT_EQ(ok, expecting ? 1 : 2) << "round " << round;
    // Every success is in the stream: nothing acknowledged was overwritten or lost.
    EXPECT_EQ(log_->StreamVersion(ActionStream(ref)).value(), before + uint64_t(ok));
  }
  EXPECT_EQ(conflicts, 150) << "with If-Match, exactly one of each pair wins";
}

}  // namespace
}  // namespace jem

namespace jem {
namespace {

class FieldErrorsTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }
  // The field `command`'s refusal names, so that a form can point at it.
  std::string FieldOf(const AnyCommand& command) {
    auto r = Run(command);
    EXPECT_FALSE(r.ok());
    return r.ok() ? "(accepted)" : r.status().field();
  }
};

TEST_F(FieldErrorsTest, EachRefusalOfAWrongFieldNamesTheField) {
  auto agree = [this](auto change) {
    auto c = CamdenAction();
    change(c);
    return FieldOf(c);
  };
  EXPECT_EQ(agree([](auto& c) { c.text = " "; }), "text");
  EXPECT_EQ(agree([](auto& c) { c.lead_agency = "Tfl Rail"; }), "lead");
  EXPECT_EQ(agree([](auto& c) { c.supporting_agencies = {"MPS", "Nobody"}; }), "supporting");
  EXPECT_EQ(agree([](auto& c) { c.supporting_agencies = {c.lead_agency}; }), "supporting");
  EXPECT_EQ(agree([](auto& c) { c.due_date = "30/08/2009"; }), "due");
  EXPECT_EQ(agree([](auto& c) { c.due_date = "2009-01-01"; }), "due");  // before the meeting
  EXPECT_EQ(agree([](auto& c) { c.priority = "urgent"; }), "priority");
  EXPECT_EQ(agree([](auto& c) { c.theme = "litter"; }), "theme");
  EXPECT_EQ(agree([](auto& c) { c.reference = "HRW-2009-01"; }), "ref");
  const std::string ref = Agree();
  auto update = [&](command::UpdateAction::Kind kind, auto change) {
    auto u = UpdateOf(kind, ref, "because");
    change(u);
    return FieldOf(u);
  };
  EXPECT_EQ(update(Kind::kComplete, [](auto& u) { u.text = ""; }), "text");
  EXPECT_EQ(update(Kind::kNote, [](auto& u) { u.percent_complete = 101; }), "percent");
  EXPECT_EQ(update(Kind::kRedate, [](auto& u) { u.new_due_date = "soon"; }), "due");
  EXPECT_EQ(update(Kind::kReassign, [](auto& u) { u.new_lead_agency = "MPS"; }), "to");  // leads it already
  // A refusal about the state, not a field, names none.
  EXPECT_EQ(update(Kind::kUnblock, [](auto&) {}), "");
  auto hold = CamdenHeld();
  hold.meeting_id = "HRW-20090624";
  ASSERT_TRUE(Run(command::ScheduleMeeting{"Harrow", 1, "serious-youth-violence", "2009-06-24", "11:00", "13:00",
                                           "MPA room 1", "Kit Malthouse"}).ok());
  hold.attendees = {{"Kit Malthouse", "MPA", "Chair"}, {"Someone", "The Met", "Guest"}};
  EXPECT_EQ(FieldOf(hold), "attendees.1.agency");
}

TEST_F(ActionRulesTest, EveryUpdateCanSayTheDayItHappenedNeverAfterTodayNorBeforeItsRecordBegan) {
  // Camden was held on 16 June 2009; today is 10 January 2010.
  const std::string ref = Agree("MPS");
  auto on = [&](Kind kind, const std::string& day) {
    auto u = UpdateOf(kind, ref, "done");
    u.happened_on = day;
    return u;
  };
  ExpectRefused(on(Kind::kComplete, "2010-01-11"), Status::Code::kInvalidArgument, "The day it happened must be today or in the past, not 11 January 2010");
  ExpectRefused(on(Kind::kComplete, "2009-06-15"), Status::Code::kInvalidArgument,
                "The day it happened must be on or after the day action " + ref + " began, 16 June 2009");
  ExpectRefused(on(Kind::kComplete, "2009-13-01"), Status::Code::kInvalidArgument, "Day it happened must be a real date");
  auto refused = Run(on(Kind::kStart, "2099-01-01"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "happened_on");
  // The day it happened is the event's occurred-at; today's is none (it happened as recorded).
  ASSERT_TRUE(Run(on(Kind::kStart, "2009-06-16")).ok());
  ASSERT_TRUE(Run(on(Kind::kComplete, "2009-09-03")).ok());
  auto events = log_->ReadStream(ActionStream(ref), 2, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(reference::FormatDate(reference::DayOf((*events)[0].occurred_at())), "2009-06-16");
  EXPECT_EQ(reference::FormatDate(reference::DayOf((*events)[1].occurred_at())), "2009-09-03");
  EXPECT_EQ(reference::FormatDate(reference::DayOf((*events)[1].recorded_at())), "2010-01-10");
  ASSERT_TRUE(Run(on(Kind::kReopen, "2010-01-10")).ok());
  auto today = log_->ReadStream(ActionStream(ref), 4, 1);
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->front().envelope().getOccurredAtUs(), 0) << "today: as recorded";
  // The same rule for the other records' steps, and feedback.
  ASSERT_TRUE(Run(command::IdentifyPractice{"CAM-20090616", "", "Safer routes", "", "", {}, "text", ""}).ok());
  ExpectRefused(command::UpdatePractice{command::UpdatePractice::Kind::kValidate, "CAM-2009-01", "ok", "2009-01-01"},
                Status::Code::kInvalidArgument, "on or after the day good practice CAM-2009-01 began");
  ASSERT_TRUE(Run(command::RaiseIssue{"CAM-20090616", "", "Issue", "text", "YJB"}).ok());
  ExpectRefused(command::UpdateIssue{command::UpdateIssue::Kind::kUpdate, "CAM-2009-01", "ok", "2011-01-01"},
                Status::Code::kInvalidArgument, "must be today or in the past");
  ExpectRefused(command::GiveFeedback{"CAM-20090616", "MPS", "good", "", "2009-06-01"},
                Status::Code::kInvalidArgument, "on or after the day meeting CAM-20090616 began");
  EXPECT_TRUE(Run(command::GiveFeedback{"CAM-20090616", "MPS", "good", "", "2009-06-20"}).ok());
}

}  // namespace
}  // namespace jem
