// How an action stands on a day: the one rule the views, the board's order and the pages'
// tags all follow; and the RAG rating, which says the same in colours.
#include <gtest/gtest.h>

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
      {Action(S::kDropped, "2009-01-01"), Urgency::kDropped, "Dropped", "grey"},
      {Action(S::kOpen, "2010-01-09"), Urgency::kOverdue, "Overdue 1 day", "red"},
      {Action(S::kInProgress, "2009-12-31", true), Urgency::kOverdue, "Overdue 10 days", "red"},  // blocked and overdue
      {Action(S::kOpen, "2010-03-01", true), Urgency::kBlocked, "Blocked", "amber"},
      {Action(S::kOpen, "2010-01-10"), Urgency::kDueSoon, "Due today", "amber"},
      {Action(S::kInProgress, "2010-01-11"), Urgency::kDueSoon, "Due in 1 day", "amber"},
      {Action(S::kOpen, "2010-01-24"), Urgency::kDueSoon, "Due in 14 days", "amber"},
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
