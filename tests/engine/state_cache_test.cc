// The engine's memory of stream states: bounded, typed, never going back to an older version.
#include "engine/state_cache.h"

#include <gtest/gtest.h>

namespace jem {
namespace {

Loaded<ActionState> ActionAt(const std::string& ref, uint64_t version) {
  Loaded<ActionState> loaded;
  loaded.state.reference = ref;
  loaded.version = version;
  return loaded;
}

TEST(StateCacheTest, RemembersTheNewestVersionOfEachStream) {
  StateCache cache(10);
  EXPECT_FALSE(cache.Find<ActionState>("action-CAM-2009-01"));
  cache.Keep("action-CAM-2009-01", ActionAt("CAM-2009-01", 3));
  cache.Keep("action-CAM-2009-01", ActionAt("older", 2));  // a slower reader's load
  auto found = cache.Find<ActionState>("action-CAM-2009-01");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 3u);
  EXPECT_EQ(found->state.reference, "CAM-2009-01");
  cache.Keep("action-CAM-2009-01", ActionAt("newer", 5));
  EXPECT_EQ(cache.Find<ActionState>("action-CAM-2009-01")->state.reference, "newer");
}

TEST(StateCacheTest, AStateOfAnotherTypeIsNotFound) {
  StateCache cache(10);
  cache.Keep("action-CAM-2009-01", ActionAt("CAM-2009-01", 1));
  EXPECT_FALSE(cache.Find<MeetingState>("action-CAM-2009-01"));
  EXPECT_TRUE(cache.Find<ActionState>("action-CAM-2009-01"));
}

TEST(StateCacheTest, ForgetsTheLeastRecentlyUsedBeyondItsCapacity) {
  StateCache cache(2);
  cache.Keep("action-CAM-2009-01", ActionAt("CAM-2009-01", 1));
  cache.Keep("action-CAM-2009-02", ActionAt("CAM-2009-02", 1));
  ASSERT_TRUE(cache.Find<ActionState>("action-CAM-2009-01"));  // now the most recently used
  cache.Keep("action-CAM-2009-03", ActionAt("CAM-2009-03", 1));
  EXPECT_TRUE(cache.Find<ActionState>("action-CAM-2009-01"));
  EXPECT_FALSE(cache.Find<ActionState>("action-CAM-2009-02"));
  EXPECT_TRUE(cache.Find<ActionState>("action-CAM-2009-03"));
}

}  // namespace
}  // namespace jem
