// The reminder schedule: which reminders fall due on which working day, by the policy —
// due soon, due today, overdue and every week after, escalation, weekends and bank
// holidays caught up the next working day, re-dating and completing changing it at once,
// the follow-up notice; sending times across the change of clocks; the policy file; and
// the due index kept by folding equal to one built afresh.
#include "engine/publication.h"
#include "engine/reminders/schedule.h"

#include "projections/reference.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using testing::D;
using reminders::Day;


class ReminderScheduleTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    HoldCamden();
    auto parsed = reminders::ParsePolicy("bank_holidays: [2009-08-31, 2009-12-25]\n");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    policy_ = *parsed;
  }
  // The ids and windows of what goes out on `day`, as "id: window".
  std::vector<std::string> On(const char* day) {
    auto model = RebuildModel(*log_);
    EXPECT_TRUE(model.ok());
    auto calendar = reminders::SendCalendar::Of(policy_);
    std::vector<std::string> out;
    for (const auto& r : reminders::RemindersOn(*model, policy_, *calendar, D(day))) {
      std::string escalated;
      for (const auto& e : r.escalated_to) escalated += " +" + e;
      out.push_back(r.id + ": " + r.window + " (" + r.agency + escalated + ")");
    }
    return out;
  }
  using Lines = std::vector<std::string>;
  reminders::Policy policy_;
};

TEST_F(ReminderScheduleTest, DueSoonDueTodayThenOverdueEveryWeekEscalating) {
  const std::string ref = Agree("TfL");  // due Wed 2009-09-30
  EXPECT_EQ(On("2009-09-22"), Lines{});
  EXPECT_EQ(On("2009-09-23"), Lines{ref + "/due-soon/2009-09-30: due in 7 days (TfL)"});
  EXPECT_EQ(On("2009-09-30"), Lines{ref + "/due-today/2009-09-30: due today (TfL)"});
  EXPECT_EQ(On("2009-10-01"), Lines{ref + "/overdue/2009-09-30/1: overdue by 1 day (TfL)"});
  EXPECT_EQ(On("2009-10-02"), Lines{});
  EXPECT_EQ(On("2009-10-08"), Lines{ref + "/overdue/2009-09-30/2: overdue by 8 days (TfL)"});
  // After the second overdue reminder, the chair and the officer are told too; after 28
  // days overdue, the committee secretary.
  EXPECT_EQ(On("2009-10-15"), Lines{ref + "/overdue/2009-09-30/3: overdue by 15 days (TfL +chair +officer)"});
  EXPECT_EQ(On("2009-10-29"),
            Lines{ref + "/overdue/2009-09-30/5: overdue by 29 days (TfL +chair +officer +secretary)"});
}

TEST_F(ReminderScheduleTest, AWeekendsOrABankHolidaysRemindersGoOnTheNextWorkingDay) {
  auto friday = CamdenAction("BTP");
  friday.due_date = "2009-10-02";  // overdue first on Saturday the 3rd
  ASSERT_TRUE(Run(friday).ok());
  EXPECT_EQ(On("2009-10-03"), Lines{}) << "nothing is sent at weekends";
  EXPECT_EQ(On("2009-10-05"), Lines{"CAM-2009-01/overdue/2009-10-02/1: overdue by 3 days (BTP)"});
  auto holiday = CamdenAction("YJB");
  holiday.due_date = "2009-09-07";  // due soon on the bank holiday, Monday 31 August
  ASSERT_TRUE(Run(holiday).ok());
  EXPECT_EQ(On("2009-08-31"), Lines{}) << "nor on a bank holiday";
  EXPECT_EQ(On("2009-09-01"), Lines{"CAM-2009-02/due-soon/2009-09-07: due in 6 days (YJB)"});
}

TEST_F(ReminderScheduleTest, CompletingOrRedatingChangesWhatIsDueAtOnce) {
  const std::string done = Agree("TfL");
  const std::string moved = Agree("MPS");
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kComplete, done, "Delivered").ok());
  auto redate = UpdateOf(command::UpdateAction::Kind::kRedate, moved, "Waiting for data");
  redate.new_due_date = "2009-10-07";
  ASSERT_TRUE(Run(redate).ok());
  EXPECT_EQ(On("2009-09-23"), Lines{}) << "no reminder for a closed action, none for the old date";
  EXPECT_EQ(On("2009-09-30"), Lines{moved + "/due-soon/2009-10-07: due in 7 days (MPS)"});
  EXPECT_EQ(On("2009-10-08"), Lines{moved + "/overdue/2009-10-07/1: overdue by 1 day (MPS)"});
}

TEST_F(ReminderScheduleTest, TheOfficerIsToldTwoWeeksBeforeTheFollowUpIsDue) {
  // Camden was held on 2009-06-16: its follow-up falls due on 2009-12-16.
  EXPECT_EQ(On("2009-12-02"),
            Lines{"CAM-20090616/follow-up/2009-12-16: follow-up report due in 14 days (MPA +officer)"});
  EXPECT_EQ(On("2009-12-03"), Lines{});
}

TEST_F(ReminderScheduleTest, DigestsGroupEachAgencysRemindersAndSkipAgenciesWithNone) {
  const std::string tfl = Agree("TfL");
  const std::string mps = Agree("MPS");
  Agree("TfL");
  auto model = RebuildModel(*log_);
  auto calendar = reminders::SendCalendar::Of(policy_);
  const auto digests =
      reminders::Digests(reminders::RemindersOn(*model, policy_, *calendar, D("2009-09-23")));
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests[0].agency, "MPS");
  EXPECT_EQ(digests[0].reminders.size(), 1u);
  EXPECT_EQ(digests[1].agency, "TfL");
  EXPECT_EQ(digests[1].reminders.size(), 2u);
  EXPECT_EQ(digests[1].reminders[0].subject, tfl);
}

TEST(SendCalendarTest, EightInTheMorningInLondonAcrossTheChangeOfClocks) {
  auto calendar = reminders::SendCalendar::Of(reminders::Policy{});
  ASSERT_TRUE(calendar.ok());
  // Clocks went back on Sunday 25 October 2009: 08:00 BST is 07:00 UTC, 08:00 GMT is 08:00 UTC.
  EXPECT_EQ(FormatTimestamp(calendar->SendTime(D("2009-10-23"))).substr(0, 19), "2009-10-23T07:00:00");
  EXPECT_EQ(FormatTimestamp(calendar->SendTime(D("2009-10-26"))).substr(0, 19), "2009-10-26T08:00:00");
  // Late on a summer evening in UTC it is already the next day in London.
  EXPECT_EQ(calendar->LocalDay(calendar->SendTime(D("2009-07-01")) + std::chrono::hours(16)), D("2009-07-02"));
  EXPECT_FALSE(calendar->IsWorkingDay(D("2009-10-24")));
  EXPECT_EQ(calendar->PreviousWorkingDay(D("2009-10-26")), D("2009-10-23"));
}

TEST(ReminderPolicyTest, SettingsAreReadAndMistakesNamedByLine) {
  auto p = reminders::ParsePolicy("due_soon_days: 5\nsend_at: \"09:30\"\nbank_holidays: [2010-01-01]\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->due_soon_days, 5);
  EXPECT_EQ(p->send_minutes, 9 * 60 + 30);
  EXPECT_TRUE(p->bank_holidays.contains(D("2010-01-01")));
  EXPECT_TRUE(reminders::ParsePolicy("").ok()) << "every setting has a default";
  auto expect = [](const char* yaml, const char* message) {
    testing::ExpectErrorHolding(reminders::ParsePolicy(yaml), message, yaml);
  };
  expect("due_soon_days: 7\noverdue_evry_days: 7\n", "line 2: unknown setting 'overdue_evry_days'");
  expect("overdue_every_days: 0\n", "line 1: 'overdue_every_days' must be a whole number from 1 to 365");
  expect("overdue_every_days: -3\n", "must be a whole number");
  expect("send_at: 25:00\n", "'send_at' must be a time HH:MM");
  expect("time_zone: Europe/Lndon\n", "'Europe/Lndon' is not a time zone");
  expect("bank_holidays: [2009-02-30]\n", "line 1:");
  expect("bank_holidays: 2009-12-25\n", "must be a list of days");
  expect("[1, 2]\n", "a reminder policy is a mapping");
  expect("due_soon_days: [\n", "line");
}

TEST_F(ReminderScheduleTest, TheIndexFoldedEventByEventEqualsOneBuiltFromTheActionsAfresh) {
  const std::string a = Agree("TfL"), b = Agree("MPS"), c = Agree("BTP");
  DueIndex folded;
  auto fold = [&] {
    auto model = RebuildModel(*log_);
    DueIndex afresh;
    for (const auto& [ref, record] : model->actions) afresh.Put(record.state);
    folded = model->due;
    EXPECT_EQ(folded, afresh);
  };
  fold();
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kComplete, a, "Done").ok());
  fold();
  auto redate = UpdateOf(command::UpdateAction::Kind::kRedate, b, "Later");
  redate.new_due_date = "2009-11-30";
  ASSERT_TRUE(Run(redate).ok());
  fold();
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kReopen, a, "Not finished").ok());
  fold();
  EXPECT_EQ(folded.size(), 3u);
  EXPECT_EQ(folded.DueOn(D("2009-11-30")), std::vector<std::string>{b});
}

}  // namespace
}  // namespace jem

namespace jem {
namespace {

class PublicationTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }
};

TEST_F(PublicationTest, PublishingRecordsTheReportsHashOnceAndEndsItsFollowUpReminders) {
  Agree("TfL");
  // The record as it stood by the end of today (the fake clock's 2010-01-10): what was
  // recorded by then, which is all of it.
  auto publication = FollowUpPublication(*log_, "CAM-20090616", D("2010-01-10"), "Tabled at the committee");
  ASSERT_TRUE(publication.ok()) << publication.status().ToString();
  EXPECT_EQ(publication->report.back(), '\n');
  EXPECT_NE(publication->report.find("\"as_of\": \"2010-01-10\""), std::string::npos) << publication->report;
  ExpectRefused(publication->command, Status::Code::kPermissionDenied, "officers", testing::Partner("TfL"));
  ASSERT_TRUE(Run(publication->command).ok());
  auto events = log_->ReadStream(MeetingStream("CAM-20090616"), 1, 100);
  const auto published = events->back().envelope().getBody().getFollowUpReportPublished();
  const Hash expected = Sha256({reinterpret_cast<const uint8_t*>(publication->report.data()), publication->report.size()});
  EXPECT_EQ(ToHex({published.getReportSha256().begin(), published.getReportSha256().size()}), ToHex(expected));
  EXPECT_EQ(std::string(AsView(published.getAsOf())), "2010-01-10");
  ExpectRefused(publication->command, Status::Code::kFailedPrecondition, "already published");

  // The officer is no longer reminded of this meeting's follow-up.
  auto model = RebuildModel(*log_);
  auto calendar = reminders::SendCalendar::Of(reminders::Policy{});
  EXPECT_TRUE(reminders::RemindersOn(*model, reminders::Policy{}, *calendar, D("2009-12-02")).empty());
}

TEST_F(PublicationTest, OnlyAHeldMeetingsReportIsPublishedAsItStandsByADayAfterItWasHeld) {
  auto early = FollowUpPublication(*log_, "CAM-20090616", D("2010-01-10"), "");
  ASSERT_TRUE(early.ok());
  early->command.as_of = "2009-06-15";
  ExpectRefused(early->command, Status::Code::kInvalidArgument, "As-of date must be on or after the day meeting CAM-20090616 was held");
  early->command.as_of = "2011-01-01";
  ExpectRefused(early->command, Status::Code::kInvalidArgument, "As-of date must be today or in the past");
  early->command.as_of = "16/12/2009";
  ExpectRefused(early->command, Status::Code::kInvalidArgument, "As-of date must be a real date");
  EXPECT_EQ(Run(early->command).status().field(), "as_of");
  ASSERT_TRUE(Run(command::ScheduleMeeting{"Harrow", 1, "serious-youth-violence", "2009-06-24", "11:00", "13:00",
                                           "MPA room 1", "Kit Malthouse"}).ok());
  EXPECT_EQ(FollowUpPublication(*log_, "HRW-20090624", D("2010-01-10"), "").status().code(),
            Status::Code::kFailedPrecondition) << "not held: no report to publish";
  EXPECT_EQ(FollowUpPublication(*log_, "CAM-20090616", D("2009-12-16"), "").status().code(), Status::Code::kNotFound)
      << "by then nothing of it had been recorded";
}

}  // namespace
}  // namespace jem
