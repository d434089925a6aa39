// Rows shared by several views (internal to projections/).
#pragma once

#include "projections/views.h"

namespace jem::views {

// Why an action stands as it does, next to what it shows today: since when and why it is
// blocked, its reassignments (from, to, when, why), why it was dropped, why it was last
// reopened, and the corrections made to it; of the reassignments and corrections, the latest
// kStoryStepsShown and the count of all. Writing the reader may not see stays withheld.
inline constexpr size_t kStoryStepsShown = 10;
Json Story(const ActionRecord& record);

// The meeting's record, or NotFound naming it.
Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id);

}  // namespace jem::views
