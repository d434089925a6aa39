// The counts of how actions stand, checked over a long random run against the board's own
// filters (each figure is what the board shows when filtered so) and, for "due this month",
// against the calendar.
#include "projections/views.h"
#include "tests/engine/engine_fixture.h"
#include "tests/projections/random_jems.h"

namespace jem {
namespace {

class ActionCountsTest : public testing::EngineTest {};

// The open actions the board shows under `filter`.
int64_t OpenOnBoard(const ReadModel& m, views::BoardFilter filter, views::Day today) {
  auto rows = views::BoardActions(m, filter, today);
  EXPECT_TRUE(rows.ok());
  return std::count_if(rows->begin(), rows->end(), [](const ActionRecord* r) { return !r->state.closed(); });
}

// Whether `due` (YYYY-MM-DD) is from `today` to the end of its month, by the calendar.
bool DueThisMonth(const std::string& due, views::Day today) {
  auto day = reference::ParseDate(due, "due");
  if (!day.ok()) return false;
  const std::chrono::year_month_day d(*day), t(today);
  return *day >= today && d.year() == t.year() && d.month() == t.month();
}

TEST_F(ActionCountsTest, EachFigureIsWhatTheBoardShowsFilteredSo) {
  testing::RandomJems jems(20100105);
  for (int i = 0; i < 1500; ++i) jems.Step(engine_, clock_);
  ReadModel m;
  ASSERT_TRUE(CatchUp(*log_, &m).ok());
  const views::Day today = reference::DayOf(clock_.Now());
  const views::ActionCounts counts = views::CountActions(m, today, {});
  ASSERT_GT(counts.all.open, 20);
  ASSERT_GT(counts.all.overdue, 0);
  ASSERT_GT(counts.all.blocked, 0);
  ASSERT_GT(counts.all.due_this_month, 0);
  EXPECT_EQ(counts.agencies.size(), reference::Agencies().size()) << "every agency has its row";
  EXPECT_EQ(counts.boroughs.size(), 32u);
  auto check = [&](const views::StandingCounts& row, views::BoardFilter filter) {
    EXPECT_EQ(row.open, OpenOnBoard(m, filter, today)) << row.key;
    views::BoardFilter overdue = filter;
    overdue.overdue_only = true;
    EXPECT_EQ(row.overdue, OpenOnBoard(m, overdue, today)) << row.key;
    views::BoardFilter blocked = filter;
    blocked.status = "blocked";
    EXPECT_EQ(row.blocked, OpenOnBoard(m, blocked, today)) << row.key;
    auto rows = *views::BoardActions(m, filter, today);
    EXPECT_EQ(row.due_this_month, std::count_if(rows.begin(), rows.end(), [&](const ActionRecord* r) {
                return !r->state.closed() && DueThisMonth(r->state.due, today);
              })) << row.key << ": by the calendar";
    // The board's own filters for the two figures it had none for.
    views::BoardFilter due = filter;
    due.due_this_month = true;
    EXPECT_EQ(row.due_this_month, int64_t(views::BoardActions(m, due, today)->size())) << row.key;
    views::BoardFilter open = filter;
    open.status = "not closed";
    EXPECT_EQ(row.open, int64_t(views::BoardActions(m, open, today)->size())) << row.key;
  };
  check(counts.all, {});
  int64_t by_borough = 0;
  for (const auto& row : counts.agencies) check(row, {.agency = row.key});
  for (const auto& row : counts.boroughs) {
    check(row, {.borough = row.key});
    by_borough += row.open;
  }
  EXPECT_EQ(by_borough, counts.all.open) << "every action is of one borough's meeting";

  // The figures of every action come from the due-date index's array of open actions; a reader
  // who sees some is asked of action by action. Letting every action through, both agree.
  const views::ActionCounts asked = views::CountActions(m, today, [](const ActionState&) { return true; });
  EXPECT_EQ(views::ToJson(asked), views::ToJson(counts));
  // And so does a model loaded from its snapshot, whose index is filed again on loading.
  ASSERT_TRUE(SaveSnapshot(*log_, &m).ok());
  auto loaded = LoadModel(*log_);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(views::ToJson(views::CountActions(*loaded, today, {})), views::ToJson(counts));

  // A partner's counts are of the actions it may see: all of them involve its agency.
  const views::ActionCounts tfl = views::CountActions(m, today, [](const ActionState& a) { return a.Involves("TfL"); });
  EXPECT_EQ(tfl.all.open, counts.agencies[std::distance(reference::Agencies().begin(),
                                                        std::find(reference::Agencies().begin(),
                                                                  reference::Agencies().end(), "TfL"))].open);
  EXPECT_LT(tfl.all.open, counts.all.open);
}

}  // namespace
}  // namespace jem
