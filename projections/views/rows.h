// Rows shared by several views (internal to projections/).
#pragma once

#include "projections/views.h"

namespace jem::views {

// One action as the board, the follow-up report and the committee report show it.
Json ActionRow(const ReadModel& model, const ActionRecord& record, Day today);

// The meeting's record, or NotFound naming it.
Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id);

}  // namespace jem::views
