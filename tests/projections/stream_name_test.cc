// Stream ids taken apart once (projections/stream_state.h), as the folds, the as-of and the
// live pages read them; and made by the same table of prefixes.
#include <gtest/gtest.h>

#include "projections/stream_state.h"

namespace jem {
namespace {

TEST(StreamNameTest, EachKindIsMadeAndTakenApartByTheSamePrefix) {
  const std::vector<std::pair<std::string, StreamKind>> made = {
      {MeetingStream("CAM-20090616"), StreamKind::kMeeting}, {ActionStream("CAM-2009-03"), StreamKind::kAction},
      {PracticeStream("CAM-2009-01"), StreamKind::kPractice}, {IssueStream("CAM-2009-01"), StreamKind::kIssue},
      {RoundStream(7), StreamKind::kRound},                     {TokenStream("1a2b3c4d"), StreamKind::kToken}};
  for (const auto& [stream, kind] : made) {
    const StreamName name = ParseStream(stream);
    EXPECT_EQ(name.kind, kind) << stream;
    EXPECT_EQ(std::string(StreamPrefix(kind)) + std::string(name.id), stream);
    EXPECT_EQ(IsRecordStream(stream), kind != StreamKind::kToken) << stream;
  }
  EXPECT_EQ(ParseStream("action-CAM-2009-03").id, "CAM-2009-03");
  EXPECT_TRUE(IsTokenStream("token-1a2b3c4d"));
}

TEST(StreamNameTest, OtherStreamsAreNoRecordAndKeepTheirWholeId) {
  for (std::string_view stream : {"contact-tfl-camden", "outbox-2010-01-20", "access-2010-01-20", "actions-x", "", "meeting"}) {
    const StreamName name = ParseStream(stream);
    EXPECT_EQ(name.kind, StreamKind::kOther) << stream;
    EXPECT_EQ(name.id, stream);
    EXPECT_FALSE(IsRecordStream(stream)) << stream;
  }
}

}  // namespace
}  // namespace jem
