// Rows shared by several views (internal to projections/).
#pragma once

#include "projections/views.h"

namespace jem::views {

// The meeting's record, or NotFound naming it.
Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id);

}  // namespace jem::views
