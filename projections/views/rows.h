// Rows shared by several views (internal to projections/).
#pragma once

#include "projections/views.h"

namespace jem::views {

// One action as the board, the follow-up report and the committee report show it.
Json ActionRow(const ReadModel& model, const ActionRecord& record, Day today);

// Why an action stands as it does, next to what it shows today: since when and why it is
// blocked, each reassignment (from, to, when, why), why it was dropped, why it was last
// reopened, and the corrections made to it. Writing the reader may not see stays withheld.
Json Story(const ActionRecord& record);

// The meeting's record, or NotFound naming it.
Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id);

}  // namespace jem::views
