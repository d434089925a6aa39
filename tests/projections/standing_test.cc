// How an action stands on a day: the one rule the views, the board's order and the pages'
// tags all follow; and the RAG rating, which says the same in colours.
#include <gtest/gtest.h>

#include "projections/reference.h"
#include "projections/views.h"

namespace jem::views {
namespace {

const Day kToday = std::chrono::sys_days(std::chrono::year(2010) / 1 / 10);

ActionState Action(ActionState::Status status, std::string due, bool blocked = false) {
  ActionState a;
  a.status = status;
  a.due = std::move(due);
  a.blocked = blocked;
  return a;
}

TEST(StandingTest, EachActionStandsAsItsWordsSay) {
  using S = ActionState::Status;
  struct Case {
    ActionState action;
    Urgency urgency;
    std::string words, rag;
  };
  const std::vector<Case> cases = {
      {Action(S::kCompleted, "2009-01-01"), Urgency::kCompleted, "Completed", "green"},
      {Action(S::kDropped, "2009-01-01", true), Urgency::kDropped, "Dropped", "grey"},
      {Action(S::kOpen, "2010-01-09"), Urgency::kOverdue, "Overdue since 9 January 2010 (1 day)", "red"},
      // Every state shows beside the lateness: blocked and overdue, in progress and overdue.
      {Action(S::kInProgress, "2009-12-31", true), Urgency::kOverdue, "Blocked, overdue since 31 December 2009 (10 days)", "red"},
      {Action(S::kInProgress, "2009-12-01"), Urgency::kOverdue, "In progress, overdue since 1 December 2009 (5 weeks)", "red"},
      {Action(S::kOpen, "1993-04-20"), Urgency::kOverdue, "Overdue since 20 April 1993 (16 years)", "red"},
      {Action(S::kOpen, "2010-03-01", true), Urgency::kBlocked, "Blocked", "amber"},
      {Action(S::kOpen, "2010-01-12", true), Urgency::kBlocked, "Blocked, due in 2 days", "amber"},
      {Action(S::kOpen, "2010-01-10"), Urgency::kDueSoon, "Due today", "amber"},
      {Action(S::kInProgress, "2010-01-11"), Urgency::kDueSoon, "In progress, due in 1 day", "amber"},
      {Action(S::kOpen, "2010-01-24"), Urgency::kDueSoon, "Due in 2 weeks", "amber"},
      {Action(S::kOpen, "2010-01-25"), Urgency::kOpen, "Open", "green"},
      {Action(S::kInProgress, "2010-01-25"), Urgency::kOpen, "In progress", "green"},
      {Action(S::kOpen, "not a date"), Urgency::kOpen, "Open", "green"},
  };
  for (const Case& c : cases) {
    const Standing s = StandingOf(c.action, kToday);
    EXPECT_EQ(s.urgency, c.urgency) << c.words;
    EXPECT_EQ(s.words, c.words);
    EXPECT_EQ(Rag(c.action, kToday), c.rag) << c.words;
    EXPECT_EQ(ParseUrgency(UrgencyName(s.urgency)), s.urgency) << UrgencyName(s.urgency);
  }
}

TEST(StandingTest, SpansAreWrittenInTheUnitPeopleWouldUse) {
  const std::vector<std::pair<int64_t, std::string>> cases = {
      {1, "1 day"},       {13, "13 days"},     {14, "2 weeks"},     {55, "7 weeks"},    {56, "1 month"},
      {364, "11 months"}, {730, "24 months"},  {731, "2 years"},    {6109, "16 years"}};
  for (const auto& [days, words] : cases) EXPECT_EQ(Span(days), words) << days;
}

TEST(StandingTest, DaysAreWrittenAsPeopleWriteThem) {
  using std::chrono::year;
  EXPECT_EQ(reference::WrittenDate(year(2026) / 12 / 3), "3 December 2026");
  EXPECT_EQ(reference::WrittenDate(year(2010) / 1 / 17), "17 January 2010");
  EXPECT_EQ(reference::WrittenDate(year(2012) / 2 / 29), "29 February 2012");
}

TEST(StandingTest, UrgencyOrdersTheMostPressingFirst) {
  EXPECT_LT(Urgency::kOverdue, Urgency::kBlocked);
  EXPECT_LT(Urgency::kBlocked, Urgency::kDueSoon);
  EXPECT_LT(Urgency::kDueSoon, Urgency::kOpen);
  EXPECT_LT(Urgency::kOpen, Urgency::kCompleted);
  EXPECT_LT(Urgency::kCompleted, Urgency::kDropped);
  EXPECT_EQ(ParseUrgency("no such word"), Urgency::kOpen);
}

}  // namespace
}  // namespace jem::views
