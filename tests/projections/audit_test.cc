// The auditor's projections: a record's history with what each event changed, corrections
// that correct, the record as of a past day on both bases (with properties over long random
// runs that log some updates after the fact), late records, and promises against delivery.
#include <capnp/dynamic.h>

#include "projections/audit/as_of.h"
#include "projections/audit/history.h"
#include "projections/audit/occurred.h"
#include "projections/audit/promises.h"
#include "projections/views.h"
#include "tests/engine/engine_fixture.h"
#include "tests/projections/random_jems.h"

namespace jem {
namespace {

using Kind = command::UpdateAction::Kind;
using testing::RandomJems;
using Day = std::chrono::sys_days;

Day D(int y, unsigned m, unsigned d) { return Day(std::chrono::year(y) / m / d); }

class AuditTest : public testing::EngineTest {
 protected:
  // Runs `command` as an officer, as having happened on `day` (logged now, later).
  Result<Outcome> RunOn(const AnyCommand& command, Day day) {
    CommandContext context;
    context.caller = testing::Officer();
    context.occurred_at = Timestamp(day) + std::chrono::hours(12);
    return engine_.Execute(context, command);
  }

  command::UpdateAction With(Kind kind, const std::string& ref, const std::string& text, const std::string& due = "",
                             const std::string& to = "") {
    command::UpdateAction u = UpdateOf(kind, ref, text);
    u.new_due_date = due;
    u.new_lead_agency = to;
    return u;
  }

  // The history of action `ref`, as the API answers it.
  audit::Json HistoryOf(const std::string& ref) {
    auto h = audit::HistoryOf(*log_, audit::RecordKind::kAction, ref, nullptr, 0, SIZE_MAX);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() ? views::ToJson(*h) : audit::Json();
  }

  // The change of `field` in `entry`, or null.
  static audit::Json ChangeOf(const audit::Json& entry, const std::string& field) {
    for (const auto& c : entry["changes"]) {
      if (c["field"] == field) return c;
    }
    return nullptr;
  }
};

// Whether two models hold the same value, leaving out bookkeeping: `changed`, and `position`
// when the models come from different logs.
::testing::AssertionResult SameRecords(ReadModel a, ReadModel b) {
  a.changed = b.changed = ChangedRecords();
  a.position = b.position = 0;
  if (a == b) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the models differ:\n" << a.ToJson().dump() << "\n" << b.ToJson().dump();
}

TEST_F(AuditTest, HistoryShowsEachFieldChangeWithWhoWhenAndWhy) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  clock_.Advance(std::chrono::days(2));
  ASSERT_TRUE(Run(With(Kind::kRedate, ref, "Waiting for the school term", "2009-10-31")).ok());
  ASSERT_TRUE(Run(With(Kind::kReassign, ref, "TfL runs the school buses", "", "TfL")).ok());
  ASSERT_TRUE(Run(With(Kind::kBlock, ref, "No data-sharing agreement yet")).ok());
  const audit::Json h = HistoryOf(ref);
  ASSERT_EQ(h["count"], 4);
  const auto& entries = h["entries"];
  EXPECT_EQ(entries[0]["type"], "actionAgreed");
  EXPECT_EQ(ChangeOf(entries[0], "lead")["to"], "MPS");
  // What the record was created with is shown as set, never as a change from a default.
  for (const auto& c : entries[0]["changes"]) EXPECT_FALSE(c.contains("from")) << c.dump();
  EXPECT_EQ(ChangeOf(entries[0], "theme"), (audit::Json{{"field", "theme"}, {"to", "serious-youth-violence"}}));
  EXPECT_TRUE(ChangeOf(entries[0], "blocked").is_null()) << "nothing to say of a field left empty";
  auto meeting = audit::HistoryOf(*log_, audit::RecordKind::kMeeting, "CAM-20090616", nullptr, 0, SIZE_MAX);
  ASSERT_TRUE(meeting.ok());
  const audit::Json meeting_entries = views::ToJson(meeting->entries);
  const auto& scheduled = meeting_entries[0];
  EXPECT_EQ(scheduled["what"], "Scheduled for 16 June 2009 at 3pm in MPA room 1");
  EXPECT_EQ(scheduled["detail"], "") << "a room is not a reason";
  EXPECT_EQ(ChangeOf(scheduled, "round"), (audit::Json{{"field", "round"}, {"to", 1}}));
  EXPECT_EQ(meeting->entries[1].what, "Held on 16 June 2009, chaired by Kit Malthouse, 4 attending");
  EXPECT_EQ(ChangeOf(entries[1], "due"), (audit::Json{{"field", "due"}, {"from", "2009-09-30"}, {"to", "2009-10-31"}}));
  EXPECT_TRUE(ChangeOf(entries[1], "original_due").is_null()) << "a new date leaves the original one";
  EXPECT_EQ(entries[1]["detail"], "Waiting for the school term");
  EXPECT_EQ(ChangeOf(entries[2], "lead"), (audit::Json{{"field", "lead"}, {"from", "MPS"}, {"to", "TfL"}}));
  EXPECT_EQ(entries[2]["what"], "Reassigned from MPS to TfL");
  EXPECT_EQ(entries[2]["actor"]["user"], "jsmith");
  EXPECT_EQ(ChangeOf(entries[3], "blocked")["to"], true);
  EXPECT_EQ(ChangeOf(entries[3], "block_reason")["to"], "No data-sharing agreement yet");
  EXPECT_EQ(entries[3]["days_late"], 0);

  // The views tell the same story beside what they show today.
  auto model = RebuildModel(*log_);
  auto row = views::ActionDetail(*model, ref, reference::DayOf(clock_.Now()));
  ASSERT_TRUE(row.ok());
  const views::Story& story = row->story;
  ASSERT_TRUE(story.blocked.has_value());
  EXPECT_EQ(story.blocked->reason, "No data-sharing agreement yet");
  EXPECT_EQ(story.blocked->on, reference::FormatDate(reference::DayOf(clock_.Now())));
  ASSERT_EQ(story.reassignments.size(), 1u);
  EXPECT_EQ(story.reassignments[0].from, "MPS");
  EXPECT_EQ(story.reassignments[0].reason, "TfL runs the school buses");
  auto summary = views::MeetingSummary(*model, "CAM-20090616");
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->actions[0].lead, "MPS") << "the summary shows what was agreed";
  EXPECT_EQ(summary->actions[0].today.lead, "TfL");
  EXPECT_TRUE(summary->actions[0].today.blocked);

  auto missing = audit::HistoryOf(*log_, audit::RecordKind::kAction, "CAM-2009-99", nullptr, 0, 10);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(audit::ParseRecordKind("board").ok());
}

TEST_F(AuditTest, ACorrectionCarriesTheRightValuesAndTheViewsApplyThem) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  const uint64_t agreed = log_->head().position;
  command::CorrectEvent fix{agreed, "The minutes say 31 October, and the Council leads", {{"due", "2009-10-31"}, {"original_due", "2009-10-31"}, {"lead", "council"}}};
  ASSERT_TRUE(Run(fix).ok());
  const ActionState now = Action(ref);
  EXPECT_EQ(now.due, "2009-10-31");
  EXPECT_EQ(now.original_due, "2009-10-31");
  EXPECT_EQ(now.lead_agency, "Council") << "values are kept in canonical form";
  const audit::Json h = HistoryOf(ref);
  ASSERT_EQ(h["count"], 2);
  const auto& correction = h["entries"][1];
  EXPECT_EQ(correction["corrects"], (audit::Json{{"position", agreed}, {"type", "actionAgreed"}}));
  EXPECT_EQ(ChangeOf(correction, "due"), (audit::Json{{"field", "due"}, {"from", "2009-09-30"}, {"to", "2009-10-31"}}));
  EXPECT_EQ(ChangeOf(correction, "lead")["from"], "MPS");
  EXPECT_EQ(correction["detail"], "The minutes say 31 October, and the Council leads");
  EXPECT_EQ(ChangeOf(h["entries"][0], "due")["to"], "2009-09-30") << "the original event is as it was";
  auto model = RebuildModel(*log_);
  EXPECT_EQ(model->actions.at(ref).state.lead_agency, "Council");
  auto row = views::ActionDetail(*model, ref, reference::DayOf(clock_.Now()));
  ASSERT_EQ(row->story.corrections.size(), 1u);
  EXPECT_NE(row->story.corrections[0].fields.find("due 2009-10-31"), std::string::npos);

  // What a correction may not set, or set wrong, is refused on its field; nothing is appended.
  ExpectRefused(command::CorrectEvent{agreed, "wrong", {{"colour", "red"}}}, Status::Code::kInvalidArgument,
                "has no field 'colour' a correction can set; use one of text, lead");
  ExpectRefused(command::CorrectEvent{agreed, "wrong", {{"due", "2009-02-30"}}}, Status::Code::kInvalidArgument,
                "not a day of the calendar");
  ExpectRefused(command::CorrectEvent{agreed, "wrong", {{"lead", "Acme"}}}, Status::Code::kInvalidArgument, "Acme");
  ExpectRefused(command::CorrectEvent{agreed, "wrong", {{"due", "2009-10-01"}, {"due", "2009-10-02"}}},
                Status::Code::kInvalidArgument, "corrected twice");
  ExpectRefused(command::CorrectEvent{1, "wrong", {{"due", "2009-10-01"}}}, Status::Code::kInvalidArgument,
                "a meeting has no field 'due'");
  auto refused = Run(command::CorrectEvent{agreed, "wrong", {{"text", "  "}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "set");
  ExpectRefused(command::CorrectEvent{agreed, "wrong", {{"due", "2009-10-01"}}}, Status::Code::kPermissionDenied, "",
                testing::Partner("MPS"));
}

TEST_F(AuditTest, LateRecordsCountOnTheDayTheyHappened) {
  HoldCamden();
  const std::string ref = Agree("MPS");          // recorded on 10 January 2010
  const std::string other = Agree("TfL");
  clock_.Set(Timestamp(D(2010, 1, 20)) + std::chrono::hours(9));
  ASSERT_TRUE(RunOn(With(Kind::kComplete, ref, "Delivered to schools"), D(2010, 1, 3)).ok());
  ASSERT_TRUE(Run(With(Kind::kStart, other, "Under way")).ok());

  auto recorded = audit::ModelAsOf(*log_, D(2010, 1, 12), audit::Basis::kRecorded);
  auto happened = audit::ModelAsOf(*log_, D(2010, 1, 12), audit::Basis::kHappened);
  ASSERT_TRUE(recorded.ok() && happened.ok());
  EXPECT_EQ(recorded->actions.at(ref).state.status, ActionState::Status::kOpen) << "not yet logged on the 12th";
  EXPECT_EQ(happened->actions.at(ref).state.status, ActionState::Status::kCompleted) << "done on the 3rd";
  EXPECT_EQ(happened->actions.at(other).state.status, ActionState::Status::kOpen) << "started on the 20th";

  auto both = audit::BothAsOf(*log_, D(2010, 1, 12));
  ASSERT_TRUE(both.ok());
  const auto diff = audit::Difference(*both, D(2010, 1, 12));
  ASSERT_EQ(diff.count, 1u);
  EXPECT_EQ(diff.late[0].stream, ActionStream(ref));
  EXPECT_EQ(diff.late[0].type, "actionCompleted");
  EXPECT_EQ(diff.late[0].days_late, 17);
  ASSERT_EQ(diff.actions.size(), 1u);
  EXPECT_EQ(diff.actions[0].reference, ref);
  EXPECT_EQ(diff.actions[0].recorded, "open");
  EXPECT_EQ(diff.actions[0].happened, "completed");
  // The held meeting and the agreed actions happened in 2009 but were recorded on 10 January:
  // late records too, as of a day in between.
  auto earlier = audit::BothAsOf(*log_, D(2009, 12, 1));
  EXPECT_GE(audit::Difference(*earlier, D(2009, 12, 1)).count, 3u);
  EXPECT_FALSE(audit::ParseBasis("yesterday").ok());
  EXPECT_FALSE(diff.truncated);
}

TEST_F(AuditTest, LateRecordsAreCountedAllButListedOnlyUpToALimit) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  const auto before = audit::BothAsOf(*log_, D(2009, 12, 31));
  ASSERT_TRUE(before.ok());
  std::vector<NewEvent> notes;
  for (size_t i = 0; i < audit::kLateListed + 200; ++i) {
    notes.push_back(NewEvent{NewEventId(), {"jsmith", "officer"}, {}, {}, EventBody::Note("logged late"),
                             Timestamp(D(2009, 6, 1))});
  }
  ASSERT_TRUE(log_->Append(ActionStream(ref), ExpectedVersion::Any(), std::move(notes)).ok());
  auto both = audit::BothAsOf(*log_, D(2009, 12, 31));
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->late.size(), audit::kLateListed) << "memory stays bounded";
  const auto diff = audit::Difference(*both, D(2009, 12, 31));
  EXPECT_EQ(diff.count, audit::kLateListed + 200 + before->late_count);
  EXPECT_EQ(diff.late.size(), audit::kLateListed);
  EXPECT_TRUE(diff.truncated);
  EXPECT_EQ(diff.days_late_max, 223) << "1 June 2009 to 10 January 2010";
}

TEST_F(AuditTest, RecordedByADayEqualsTheLogCutAfterThatDaysLastEvent) {
  RandomJems jems(20260101);
  for (int i = 0; i < 1500; ++i) jems.Step(engine_, clock_);
  // The last position recorded by the end of each day.
  std::map<Day, uint64_t> last;
  ASSERT_TRUE(log_->Scan(1, [&](const RecordedEvent& e) {
    last[reference::DayOf(e.recorded_at())] = e.position();
    return true;
  }).ok());
  ASSERT_GT(last.size(), 30u);
  int checked = 0;
  for (const auto& [day, position] : last) {
    if (++checked % 6 != 0) continue;
    auto as_of = audit::ModelAsOf(*log_, day, audit::Basis::kRecorded);
    auto cut = ModelAtPosition(*log_, position);
    ASSERT_TRUE(as_of.ok() && cut.ok());
    ASSERT_TRUE(SameRecords(*as_of, *cut)) << "as recorded by " << reference::FormatDate(day);
  }
}

TEST_F(AuditTest, HappenedByADayEqualsALogOfOnlyWhatHappenedByThen) {
  RandomJems jems(20260202);
  for (int i = 0; i < 1200; ++i) jems.Step(engine_, clock_);
  size_t late = 0;
  ASSERT_TRUE(log_->Scan(1, [&](const RecordedEvent& e) {
    late += reference::DayOf(e.occurred_at()) < reference::DayOf(e.recorded_at());
    return true;
  }).ok());
  ASSERT_GT(late, 50u) << "the run logs many updates after the fact";
  const Day first = reference::DayOf(clock_.Now()) - std::chrono::days(45);
  for (Day day = first; day <= reference::DayOf(clock_.Now()); day += std::chrono::days(15)) {
    // A second log, written through the log's own API, holding only the events that happened by then.
    testing::TempDir dir;
    auto copy = testing::OpenOrDie(dir.path(), &clock_);
    const Timestamp end = reference::EndOf(day);
    auto occurrences = audit::Occurrences::Learn(*log_);
    ASSERT_TRUE(occurrences.ok());
    ReadModel so_far;  // what counts so far: the records that have begun
    ASSERT_TRUE(log_->Scan(1, [&](const RecordedEvent& e) {
      if (!occurrences->Counts(e, end, so_far)) return true;
      so_far.Apply(e);
      auto body = EventBody::Make([&](schema::Body::Builder b) {
        capnp::DynamicStruct::Reader from = e.envelope().getBody();
        KJ_IF_MAYBE(member, from.which()) { capnp::DynamicStruct::Builder(b).set(*member, from.get(*member)); }
      });
      NewEvent event{e.id(), {"copy", "test"}, {}, {}, std::move(body), e.occurred_at()};
      std::vector<NewEvent> one;
      one.push_back(std::move(event));
      auto appended = copy->Append(e.stream_id(), ExpectedVersion::Any(), std::move(one));
      EXPECT_TRUE(appended.ok()) << appended.status().ToString();
      return appended.ok();
    }).ok());
    auto happened = audit::ModelAsOf(*log_, day, audit::Basis::kHappened);
    auto rebuilt = RebuildModel(*copy);
    ASSERT_TRUE(happened.ok() && rebuilt.ok());
    // Who logged a meeting is not part of what happened; the copy's actor differs.
    for (auto* m : {&*happened, &*rebuilt}) {
      for (auto& [id, meeting] : m->meetings) meeting.logged_by.clear();
      for (auto& [ref, action] : m->actions) {
        for (auto& h : action.history) h.partner_agency.clear();
      }
    }
    ASSERT_TRUE(SameRecords(*happened, *rebuilt)) << "as happened by " << reference::FormatDate(day);
  }
}

TEST_F(AuditTest, OneRecordsStreamCountsTheSameWithOnlyItsMeetingLearnt) {
  RandomJems jems(20261204);
  for (int i = 0; i < 600; ++i) jems.Step(engine_, clock_);
  auto before = RebuildModel(*log_);
  ASSERT_TRUE(before.ok());
  // As an old log may hold: actions whose own occurred-at is before their meeting was held,
  // which only the meeting's stream can put right.
  size_t early = 0;
  for (const auto& [id, meeting] : before->meetings) {
    if (meeting.state.status != MeetingState::Status::kHeld || early == 20) continue;
    auto body = EventBody::Make([&](schema::Body::Builder b) {
      auto a = b.initActionAgreed();
      a.setReference("EARLY-" + std::to_string(++early));
      a.setMeetingId(id);
      a.setText("Agreed, by its own account, a month before the meeting");
      a.setLeadAgency("MPS");
      a.setDueDate("2030-01-01");
    });
    std::vector<NewEvent> one;
    one.push_back(NewEvent{NewEventId(), {"jsmith", "officer"}, {}, {}, std::move(body), clock_.Now() - std::chrono::days(2000)});
    ASSERT_TRUE(log_->Append(ActionStream("EARLY-" + std::to_string(early)), ExpectedVersion::NoStream(), std::move(one)).ok());
  }
  ASSERT_EQ(early, 20u);
  auto whole = audit::Occurrences::Learn(*log_);
  auto model = RebuildModel(*log_);
  ASSERT_TRUE(whole.ok() && model.ok());
  size_t differing = 0, counted = 0, moved = 0;
  for (const auto& [ref, record] : model->actions) {
    auto narrow = audit::Occurrences::LearnFor(*log_, record.state.meeting_id);
    ASSERT_TRUE(narrow.ok());
    auto events = log_->ReadStream(ActionStream(ref), 1, 100000);
    ASSERT_TRUE(events.ok());
    for (const RecordedEvent& e : *events) {
      EXPECT_EQ(whole->Of(e), narrow->Of(e)) << ref << " event " << e.stream_version();
      moved += whole->Of(e) != e.occurred_at();
    }
    for (Day day = reference::DayOf(clock_.Now()) - std::chrono::days(2100); day <= reference::DayOf(clock_.Now());
         day += std::chrono::days(30)) {
      const Timestamp end = reference::EndOf(day);
      bool begun_whole = false, begun_narrow = false;
      for (const RecordedEvent& e : *events) {
        const bool by_whole = whole->CountsInStream(e, end, &begun_whole);
        differing += by_whole != narrow->CountsInStream(e, end, &begun_narrow);
        counted += by_whole;
      }
    }
  }
  EXPECT_EQ(differing, 0u);
  EXPECT_GT(counted, 0u);
  EXPECT_GE(moved, early) << "the early actions count from their meetings' days";
}

// The last day anything happened on, by the occurred-at table.
Day LastHappened(const Log& log) {
  auto occurrences = audit::Occurrences::Learn(log);
  EXPECT_TRUE(occurrences.ok());
  Day last{};
  EXPECT_TRUE(log.Scan(1, [&](const RecordedEvent& e) {
    last = std::max(last, reference::DayOf(occurrences->Of(e)));
    return true;
  }).ok());
  return last;
}

TEST_F(AuditTest, ByWhatHappenedFromTheLastOccurredDayOnEveryViewIsTodays) {
  for (uint32_t seed : {20261203u, 7u, 1234567u}) {
    testing::TempDir dir;
    auto log = testing::OpenOrDie(dir.path(), &clock_);
    Engine engine{*log, clock_};
    RandomJems jems(seed);
    for (int i = 0; i < 600; ++i) jems.Step(engine, clock_);
    auto today = RebuildModel(*log);
    ASSERT_TRUE(today.ok());
    const Day last = LastHappened(*log), now = reference::DayOf(clock_.Now());
    ASSERT_LE(last, now);
    for (Day day : {last, last + std::chrono::days(1), now}) {
      auto happened = audit::ModelAsOf(*log, day, audit::Basis::kHappened);
      ASSERT_TRUE(happened.ok());
      // Every view is a function of the model and the day: equal models, equal views.
      ASSERT_TRUE(SameRecords(*happened, *today)) << "seed " << seed << ", as of " << reference::FormatDate(day);
    }
  }
}

TEST_F(AuditTest, ByWhatHappenedNoActionIsShownWithoutItsMeetingBoroughAndRound) {
  RandomJems jems(20261204);
  for (int i = 0; i < 1500; ++i) jems.Step(engine_, clock_);
  auto today = RebuildModel(*log_);
  ASSERT_TRUE(today.ok());
  size_t late_meetings = 0;  // held before the day they were recorded held
  ASSERT_TRUE(log_->Scan(1, [&](const RecordedEvent& e) {
    late_meetings += e.envelope().getBody().isMeetingHeld() && reference::DayOf(e.occurred_at()) < reference::DayOf(e.recorded_at());
    return true;
  }).ok());
  ASSERT_GT(late_meetings, 10u) << "the run types up meetings after they were held";
  const Day now = reference::DayOf(clock_.Now());
  size_t actions_seen = 0;
  for (Day day = D(2010, 1, 10); day <= now; day += std::chrono::days(4)) {
    auto happened = audit::ModelAsOf(*log_, day, audit::Basis::kHappened);
    ASSERT_TRUE(happened.ok());
    for (const auto& [ref, action] : happened->actions) {
      ++actions_seen;
      ASSERT_NE(action.state.status, ActionState::Status::kNone) << ref << " has steps but was not agreed by then";
      const MeetingRecord* meeting = happened->MeetingOf(action.state);
      ASSERT_NE(meeting, nullptr) << ref << " as of " << reference::FormatDate(day);
      EXPECT_EQ(meeting->state.status, MeetingState::Status::kHeld) << ref << " as of " << reference::FormatDate(day);
      EXPECT_FALSE(meeting->state.borough.empty()) << ref;
      EXPECT_GT(meeting->state.round, 0u) << ref;
      if (today->rounds.contains(meeting->state.round)) {
        EXPECT_TRUE(happened->rounds.contains(meeting->state.round))
            << "round " << meeting->state.round << " was planned by the time " << ref << "'s meeting was";
      }
    }
    for (const auto& [id, p] : happened->practices) EXPECT_NE(p.status, PracticeState::Status::kNone) << id;
    for (const auto& [id, i] : happened->issues) EXPECT_NE(i.status, IssueState::Status::kNone) << id;
  }
  EXPECT_GT(actions_seen, 1000u) << "the property saw actions on many days";
  EXPECT_GT(today->rounds.size(), 0u) << "the run planned a round after its meetings";
}

Timestamp Utc(Day day, int hour, int minute = 0) { return Timestamp(day) + std::chrono::hours(hour) + std::chrono::minutes(minute); }

TEST(LondonDays, DaysAreLondonDaysOnBothSidesOfEachClockChange) {
  using reference::DayOf;
  // Winter: London is on UTC. Summer: an hour ahead, so 23:30 UTC is tomorrow in London.
  EXPECT_EQ(DayOf(Utc(D(2026, 1, 15), 23, 30)), D(2026, 1, 15));
  EXPECT_EQ(DayOf(Utc(D(2026, 6, 30), 23, 30)), D(2026, 7, 1));
  EXPECT_EQ(DayOf(Utc(D(2026, 6, 30), 22, 59)), D(2026, 6, 30));
  // Clocks go forward at 01:00 UTC on 29 March 2026, back at 01:00 UTC on 25 October 2026.
  EXPECT_EQ(DayOf(Utc(D(2026, 3, 28), 23, 30)), D(2026, 3, 28));
  EXPECT_EQ(DayOf(Utc(D(2026, 3, 29), 23, 30)), D(2026, 3, 30));
  EXPECT_EQ(DayOf(Utc(D(2026, 10, 24), 23, 30)), D(2026, 10, 25));
  EXPECT_EQ(DayOf(Utc(D(2026, 10, 25), 23, 30)), D(2026, 10, 25));
  // Asked out of order, across periods: nothing remembered from one answer spoils the next.
  EXPECT_EQ(DayOf(Utc(D(2026, 6, 30), 23, 30)), D(2026, 7, 1));
  EXPECT_EQ(DayOf(Utc(D(2026, 1, 15), 23, 30)), D(2026, 1, 15));
  // The day of clocks going forward is 23 hours long; the day they go back, 25.
  EXPECT_EQ(reference::StartOf(D(2026, 3, 29)), Utc(D(2026, 3, 29), 0));
  EXPECT_EQ(reference::EndOf(D(2026, 3, 29)), Utc(D(2026, 3, 29), 23));
  EXPECT_EQ(reference::StartOf(D(2026, 10, 25)), Utc(D(2026, 10, 24), 23));
  EXPECT_EQ(reference::EndOf(D(2026, 10, 25)), Utc(D(2026, 10, 26), 0));
  for (Day day = D(2026, 3, 20); day < D(2026, 11, 5); day += std::chrono::days(1)) {
    ASSERT_EQ(DayOf(reference::StartOf(day)), day);
    ASSERT_EQ(DayOf(reference::EndOf(day) - std::chrono::microseconds(1)), day);
  }
}

TEST_F(AuditTest, AsOfADayMeansTheLondonDayInSummer) {
  HoldCamden();
  // Recorded at 23:30 UTC on 30 June 2010: 00:30 on 1 July in London.
  clock_.Set(Utc(D(2010, 6, 30), 23, 30));
  const std::string ref = Agree("MPS");
  for (audit::Basis basis : {audit::Basis::kRecorded, audit::Basis::kHappened}) {
    auto june = audit::ModelAsOf(*log_, D(2010, 6, 30), basis);
    auto july = audit::ModelAsOf(*log_, D(2010, 7, 1), basis);
    ASSERT_TRUE(june.ok() && july.ok());
    if (basis == audit::Basis::kRecorded) {
      EXPECT_FALSE(june->actions.contains(ref)) << "agreed on 1 July in London";
    }
    EXPECT_TRUE(july->actions.contains(ref)) << audit::BasisName(basis);
  }
}

TEST_F(AuditTest, PromisesPerAgencyRowsSumToTheTotalsOnEveryBasisAndGrouping) {
  RandomJems jems(20261205);
  for (int i = 0; i < 1200; ++i) jems.Step(engine_, clock_);
  const Day now = reference::DayOf(clock_.Now());
  size_t reassigned = 0;
  for (Day day : {now - std::chrono::days(200), now - std::chrono::days(60), now}) {
    auto model = audit::ModelAsOf(*log_, day, audit::Basis::kHappened);
    ASSERT_TRUE(model.ok());
    for (const std::string by : {"", "borough", "theme", "round"}) {
      auto view = audit::Promises(*model, {"", "", 0, by}, day);
      ASSERT_TRUE(view.ok());
      const audit::Json json = views::ToJson(*view);  // every count, whatever its name
      const audit::Json& totals = json["totals"];
      for (const auto& [field, total] : totals.items()) {
        if (!total.is_number()) continue;
        int64_t sum = 0;
        for (const auto& row : json["rows"]) sum += row[field].get<int64_t>();
        EXPECT_EQ(sum, total.get<int64_t>()) << field << " by '" << by << "' as of " << reference::FormatDate(day);
      }
      reassigned += view->totals.reassigned_away;
    }
  }
  EXPECT_GT(reassigned, 0u) << "the run reassigned actions";
}

TEST_F(AuditTest, PromisesCountForWhoPromisedAndWhoDelivered) {
  HoldCamden();
  const std::string on_time = Agree("MPS");   // due 2009-09-30
  const std::string late = Agree("TfL");
  const std::string handed = Agree("BTP");
  const std::string dropped = Agree("YJB");
  const std::string open = Agree("MPS");
  const std::string handed_then_dropped = Agree("LCJB");
  ASSERT_TRUE(RunOn(With(Kind::kComplete, on_time, "Done"), D(2009, 9, 1)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kReassign, handed_then_dropped, "Health has it", "", "Health"), D(2009, 7, 1)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kDrop, handed_then_dropped, "No longer needed"), D(2009, 7, 20)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kRedate, late, "Waiting for data", "2009-10-31"), D(2009, 9, 20)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kComplete, late, "Done"), D(2009, 10, 10)).ok());   // 10 days late, by the new date
  ASSERT_TRUE(RunOn(With(Kind::kReassign, handed, "TfL runs it", "", "TfL"), D(2009, 8, 1)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kComplete, handed, "Done by TfL"), D(2009, 9, 25)).ok());
  ASSERT_TRUE(RunOn(With(Kind::kDrop, dropped, "Overtaken by events"), D(2009, 8, 1)).ok());
  auto model = RebuildModel(*log_);
  auto view = audit::Promises(*model, {}, D(2010, 1, 10));
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  std::map<std::string, audit::PromiseRow> by;
  for (const auto& row : view->rows) by[row.agency] = row;
  EXPECT_EQ(by["MPS"].agreed, 2u);
  EXPECT_EQ(by["MPS"].completed_on_time, 1u);
  EXPECT_EQ(by["MPS"].open, 1u);
  EXPECT_EQ(by["MPS"].overdue, 1u) << open << " was due on 30 September";
  EXPECT_EQ(by["TfL"].agreed, 1u);
  EXPECT_EQ(by["TfL"].completed_late, 1u);
  EXPECT_EQ(by["TfL"].slip_days, 10);
  ASSERT_EQ(by["TfL"].slips.size(), 1u);
  EXPECT_EQ(by["TfL"].slips[0].reference, late);
  EXPECT_EQ(by["TfL"].slips[0].days, 10);
  EXPECT_EQ(by["TfL"].completed_by_revised_date, 1u);
  EXPECT_EQ(by["TfL"].redated, 1u);
  EXPECT_EQ(by["TfL"].received, 1u);
  EXPECT_EQ(by["TfL"].delivered, 2u) << "its own, and the one it took on";
  EXPECT_EQ(by["BTP"].agreed, 1u) << "BTP promised " << handed;
  EXPECT_EQ(by["BTP"].reassigned_away, 1u);
  EXPECT_EQ(by["BTP"].completed_on_time, 1u);
  EXPECT_EQ(by["BTP"].delivered, 0u);
  EXPECT_EQ(by["YJB"].dropped, 1u);
  // Handed to Health, then dropped by it: LCJB promised it, Health dropped it.
  EXPECT_EQ(by["LCJB"].agreed, 1u);
  EXPECT_EQ(by["LCJB"].dropped, 0u);
  EXPECT_EQ(by["Health"].dropped, 1u);
  EXPECT_EQ(view->totals.agreed, 6u);

  // As of a day: before anything was completed, on what happened by then.
  auto then = audit::ModelAsOf(*log_, D(2009, 8, 31), audit::Basis::kHappened);
  auto early = audit::Promises(*then, {}, D(2009, 8, 31));
  EXPECT_EQ(early->totals.completed_on_time, 0u);
  EXPECT_EQ(early->totals.dropped, 2u);
  EXPECT_EQ(early->totals.overdue, 0u) << "nothing was due before 30 September";

  auto by_theme = audit::Promises(*model, {"", "", 0, "theme"}, D(2010, 1, 10));
  EXPECT_EQ(by_theme->rows[0].theme, "serious-youth-violence");
  EXPECT_FALSE(audit::Promises(*model, {"Atlantis", "", 0, ""}, D(2010, 1, 10)).ok());
  auto wrong = audit::Promises(*model, {"", "", 0, "colour"}, D(2010, 1, 10));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "by");
  EXPECT_EQ(audit::Promises(*model, {"Hackney", "", 0, ""}, D(2010, 1, 10))->totals.agreed, 0u);
}

}  // namespace
}  // namespace jem
