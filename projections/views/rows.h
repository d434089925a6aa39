// Rows shared by several views (internal to projections/).
#pragma once

#include "projections/views.h"

namespace jem::views {

// The meeting's record, or NotFound naming it.
Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id);

// A good practice as registered; its meeting (and the day it met) only when `visible` lets
// the reader open it (no `visible`: every meeting).
GoodPractice PracticeOf(const ReadModel& model, const PracticeState& p, const MeetingVisible& visible);
// A pan-London issue as registered, its newest updates; its meeting as PracticeOf's.
PanLondonIssue IssueOf(const ReadModel& model, const IssueState& i, const MeetingVisible& visible);

// Counts `action` into `totals`, an agreed action in the state it is in on `today`.
void CountAgreed(const ActionState& action, Day today, FollowUpTotals* totals);

// The agency that promised an action: its lead when it was agreed, before any reassignment.
std::string PromisedBy(const ActionRecord& record);

// The changes of an action's due date, in order.
std::vector<Slip> SlipsOf(const ActionRecord& record);

}  // namespace jem::views
