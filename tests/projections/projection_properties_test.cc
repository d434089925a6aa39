// Properties of the projections, over long random runs of commands through the engine:
// a model kept live equals one rebuilt from scratch; as-of a day equals the model as it
// stood that day; deleting snapshots changes nothing.
#include "events/views_cache.h"
#include "projections/live_model.h"
#include "projections/views.h"
#include "tests/engine/engine_fixture.h"
#include "tests/projections/random_jems.h"

namespace jem {
namespace {

using testing::RandomJems;

class ProjectionPropertiesTest : public testing::EngineTest {};

// Whether two models hold the same value: every field of every record, by their defaulted
// operator==, leaving out only the snapshot bookkeeping in `changed`.
::testing::AssertionResult SameModel(ReadModel a, ReadModel b) {
  a.changed = b.changed = ChangedRecords();
  if (a == b) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure() << "the models differ";
  if (a.ToJson() == b.ToJson()) failure << " in a field their JSON leaves out";
  return failure << ":\n" << a.ToJson().dump() << "\n" << b.ToJson().dump();
}

TEST_F(ProjectionPropertiesTest, LiveEqualsRebuiltAtManyPoints) {
  RandomJems jems(20091216);
  ReadModel live;
  int checks = 0;
  for (int i = 1; i <= 2500; ++i) {
    jems.Step(engine_, clock_);
    ASSERT_TRUE(CatchUp(*log_, &live).ok());  // live: only the new events folded in
    if (i % 250 == 0) {
      auto rebuilt = RebuildModel(*log_);
      ASSERT_TRUE(rebuilt.ok());
      ASSERT_TRUE(SameModel(live, *rebuilt)) << "after " << i << " commands";
      const auto today = reference::DayOf(clock_.Now());
      EXPECT_EQ(views::ToJson(*views::ActionBoard(live, {}, today, views::WholeList())).dump(),
                views::ToJson(*views::ActionBoard(*rebuilt, {}, today, views::WholeList())).dump());
      ++checks;
    }
  }
  EXPECT_EQ(checks, 10);
  EXPECT_GT(live.actions.size(), 50u);
  EXPECT_GT(live.position, 1000u);
}

TEST_F(ProjectionPropertiesTest, AsOfADayEqualsTheModelAsItStoodThatDay) {
  RandomJems jems(20100603);
  std::map<std::chrono::sys_days, ReadModel> snapshots;  // the live model at each day's end
  ReadModel live;
  auto day = reference::DayOf(clock_.Now());
  for (int i = 0; i < 1500; ++i) {
    jems.Step(engine_, clock_);
    // The step advanced the clock before appending: if the day changed, the events of
    // earlier days are all in `live` already (caught up before this step).
    const auto now = reference::DayOf(clock_.Now());
    if (now != day) {
      snapshots[day] = live;
      day = now;
    }
    ASSERT_TRUE(CatchUp(*log_, &live).ok());
  }
  ASSERT_GT(snapshots.size(), 20u);
  int checked = 0;
  for (const auto& [d, expected] : snapshots) {
    if (++checked % 5 != 0) continue;
    auto as_of = ModelAsOf(*log_, d);
    ASSERT_TRUE(as_of.ok());
    ASSERT_TRUE(SameModel(*as_of, expected)) << "as of " << reference::FormatDate(d);
  }
}

TEST_F(ProjectionPropertiesTest, AtAPositionEqualsTheLiveModelAfterThatEvent) {
  RandomJems jems(1989);
  std::map<uint64_t, ReadModel> snapshots;
  ReadModel live;
  for (int i = 0; i < 800; ++i) {
    jems.Step(engine_, clock_);
    ASSERT_TRUE(CatchUp(*log_, &live).ok());
    if (i % 97 == 0) snapshots[live.position] = live;
  }
  for (const auto& [position, expected] : snapshots) {
    auto at = ModelAtPosition(*log_, position);
    ASSERT_TRUE(at.ok());
    EXPECT_TRUE(SameModel(*at, expected)) << "at position " << position;
  }
  auto past = ModelAtPosition(*log_, log_->head().position + 1);
  ASSERT_FALSE(past.ok());
  EXPECT_NE(past.status().message().find("is past the head of the log"), std::string::npos);
}

TEST_F(ProjectionPropertiesTest, FollowUpAsOfFromTheMeetingsStreamsEqualsTheWholeLogAsOf) {
  RandomJems jems(19);
  for (int i = 0; i < 1500; ++i) jems.Step(engine_, clock_);
  auto model = RebuildModel(*log_);
  ASSERT_TRUE(model.ok());
  const auto first = reference::DayOf(clock_.Now()) - std::chrono::days(60);
  int compared = 0;
  for (const auto& [id, meeting] : model->meetings) {
    if (meeting.state.status != MeetingState::Status::kHeld) continue;
    for (auto day = first; day <= reference::DayOf(clock_.Now()); day += std::chrono::days(15)) {
      auto whole = ModelAsOf(*log_, day);
      auto streams = MeetingModelAsOf(*log_, id, day);
      ASSERT_TRUE(whole.ok() && streams.ok());
      auto expected = views::FollowUpReport(*whole, id, day);
      auto actual = views::FollowUpReport(*streams, id, day);
      ASSERT_EQ(expected.ok(), actual.ok()) << id << " as of " << reference::FormatDate(day);
      if (expected.ok()) {
        ASSERT_EQ(views::ToJson(*expected).dump(), views::ToJson(*actual).dump()) << id << " as of " << reference::FormatDate(day);
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 10);
}

TEST_F(ProjectionPropertiesTest, DeletingSnapshotsChangesNothing) {
  RandomJems jems(20110531);
  for (int i = 0; i < 400; ++i) jems.Step(engine_, clock_);
  auto first = LoadModel(*log_);  // builds and saves a snapshot
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(ViewsCache(*log_).Get(kReadModelSnapshot)->has_value());
  for (int i = 0; i < 200; ++i) jems.Step(engine_, clock_);
  auto from_snapshot = LoadModel(*log_);  // snapshot + the 200 new commands' events
  ASSERT_TRUE(from_snapshot.ok());
  ASSERT_TRUE(ViewsCache(*log_).Clear().ok());
  EXPECT_FALSE(ViewsCache(*log_).Get(kReadModelSnapshot)->has_value());
  // Restart: reopen the log, nothing cached.
  log_.reset();
  log_ = testing::OpenOrDie(dir_.path(), &clock_);
  auto rebuilt = LoadModel(*log_);
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_TRUE(SameModel(*from_snapshot, *rebuilt));
  EXPECT_EQ(rebuilt->position, log_->head().position);
}

TEST_F(ProjectionPropertiesTest, SnapshotsSaveOnlyWhatChanged) {
  RandomJems jems(11);
  for (int i = 0; i < 300; ++i) jems.Step(engine_, clock_);
  ASSERT_TRUE(LoadModel(*log_).ok());
  size_t entries = 0;
  auto count = [&] {
    entries = 0;
    return ViewsCache(*log_).Scan("read-model/", [&](std::string_view, std::string_view) {
      ++entries;
      return Status::Ok();
    });
  };
  ASSERT_TRUE(count().ok());
  auto model = RebuildModel(*log_);
  EXPECT_EQ(entries, model->meetings.size() + model->actions.size() + model->practices.size() + model->issues.size());
  // One more update marks one action changed; saving writes just that record and the header.
  auto live = LoadModel(*log_);
  ASSERT_TRUE(live.ok());
  EXPECT_FALSE(live->changed.everything());
  EXPECT_TRUE(live->changed.keys().empty());
  auto ref = model->actions.begin()->first;
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kNote, ref, "checked").ok() ||
              Update(command::UpdateAction::Kind::kReopen, ref, "reopened for checking").ok());
  ASSERT_TRUE(CatchUp(*log_, &*live).ok());
  EXPECT_FALSE(live->changed.everything());
  EXPECT_EQ(live->changed.keys(), (ChangedRecords::Keys{"a/" + ref}));
  ASSERT_TRUE(SaveSnapshot(*log_, &*live).ok());
  EXPECT_FALSE(live->changed.everything());
  EXPECT_TRUE(live->changed.keys().empty());
  auto reloaded = LoadModel(*log_);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_TRUE(SameModel(*reloaded, *RebuildModel(*log_)));
}

TEST_F(ProjectionPropertiesTest, AStaleOrDamagedSnapshotIsRebuiltNotTrusted) {
  RandomJems jems(7);
  for (int i = 0; i < 100; ++i) jems.Step(engine_, clock_);
  ASSERT_TRUE(ViewsCache(*log_).Put({{kReadModelSnapshot, "{not json"}}).ok());
  auto model = LoadModel(*log_);
  ASSERT_TRUE(model.ok());
  EXPECT_TRUE(SameModel(*model, *RebuildModel(*log_)));
}

}  // namespace
}  // namespace jem

namespace jem {
namespace {

TEST_F(ProjectionPropertiesTest, ALiveModelFollowsTheLogAsCommandsArrive) {
  RandomJems jems(42);
  for (int i = 0; i < 100; ++i) jems.Step(engine_, clock_);
  auto live = LiveModel::Start(*log_);
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  for (int i = 0; i < 400; ++i) {
    jems.Step(engine_, clock_);
    if (i % 100 == 99) {
      // Read your writes: wait for the head, then the live model equals a rebuild.
      ASSERT_TRUE((*live)->WaitFor(log_->head().position, std::chrono::seconds(10)));
      auto rebuilt = RebuildModel(*log_);
      (*live)->Read([&](const ReadModel& m) {
        EXPECT_TRUE(SameModel(m, *rebuilt));
        return 0;
      });
    }
  }
  EXPECT_TRUE((*live)->status().ok());
  EXPECT_FALSE((*live)->WaitFor(log_->head().position + 1, std::chrono::milliseconds(20)));
  live->reset();  // stops following and snapshots
  auto reloaded = LoadModel(*log_);
  EXPECT_TRUE(SameModel(*reloaded, *RebuildModel(*log_)));
}

}  // namespace
}  // namespace jem
