#include "projections/audit/describe.h"

#include "events/event.h"
#include "projections/reference.h"

namespace jem::audit {

// `detail` is the event's own words (a reason, a note, evidence, the text agreed); facts of
// the record (a room, a chair) belong in `what`.
Happening Describe(schema::Body::Reader body) {
  using B = schema::Body;
  auto text = [](capnp::Text::Reader t) { return FromText(t); };
  auto day = [](capnp::Text::Reader t) { return reference::WrittenDay(FromText(t)); };  // "16 June 2009"
  switch (body.which()) {
    case B::ACTION_AGREED: {
      auto e = body.getActionAgreed();
      return {"Agreed, led by " + text(e.getLeadAgency()) + ", due " + day(e.getDueDate()), text(e.getText())};
    }
    case B::ACTION_STARTED: return {"Started", text(body.getActionStarted().getNote())};
    case B::ACTION_PROGRESS_NOTED: {
      auto e = body.getActionProgressNoted();
      const int percent = e.getPercentComplete();
      return {"Progress noted" + (percent >= 0 ? " (" + std::to_string(percent) + "% done)" : ""), text(e.getText())};
    }
    case B::ACTION_BLOCKED: return {"Blocked", text(body.getActionBlocked().getReason())};
    case B::ACTION_UNBLOCKED: return {"Unblocked", text(body.getActionUnblocked().getNote())};
    case B::ACTION_COMPLETED: return {"Completed", text(body.getActionCompleted().getEvidence())};
    case B::ACTION_DROPPED: return {"Dropped", text(body.getActionDropped().getReason())};
    case B::ACTION_REOPENED: return {"Reopened", text(body.getActionReopened().getReason())};
    case B::ACTION_DUE_DATE_CHANGED: {
      auto e = body.getActionDueDateChanged();
      return {"Due date moved from " + day(e.getOldDate()) + " to " + day(e.getNewDate()), text(e.getReason())};
    }
    case B::ACTION_REASSIGNED: {
      auto e = body.getActionReassigned();
      return {"Reassigned from " + text(e.getFromAgency()) + " to " + text(e.getToAgency()), text(e.getReason())};
    }
    case B::CORRECTION:
      return {"Corrected the event at position " + std::to_string(body.getCorrection().getCorrectedPosition()),
              text(body.getCorrection().getReason())};
    case B::MEETING_SCHEDULED: {
      auto e = body.getMeetingScheduled();
      return {"Scheduled for " + day(e.getDate()) + " at " + reference::WrittenTime(text(e.getStartTime())) + " in " + text(e.getRoom()), ""};
    }
    case B::MEETING_RESCHEDULED: {
      auto e = body.getMeetingRescheduled();
      return {"Rescheduled to " + day(e.getDate()) + " at " + reference::WrittenTime(text(e.getStartTime())), text(e.getReason())};
    }
    case B::MEETING_CANCELLED: return {"Cancelled", text(body.getMeetingCancelled().getReason())};
    case B::MEETING_HELD: {
      auto e = body.getMeetingHeld();
      return {"Held on " + day(e.getDate()) + ", chaired by " + text(e.getChair()) + ", " +
                  std::to_string(e.getAttendees().size()) + " attending",
              ""};
    }
    case B::DECISION_RECORDED: return {"Decision recorded", text(body.getDecisionRecorded().getText())};
    case B::FEEDBACK_GIVEN: {
      auto e = body.getFeedbackGiven();
      return {"Feedback from " + text(e.getFromAgency()), text(e.getPositive())};
    }
    case B::FOLLOW_UP_REPORT_PUBLISHED: {
      auto e = body.getFollowUpReportPublished();
      return {"Follow-up report published, as of " + text(e.getAsOf()), text(e.getSummary())};
    }
    case B::GOOD_PRACTICE_IDENTIFIED: return {"Identified", text(body.getGoodPracticeIdentified().getTitle())};
    case B::GOOD_PRACTICE_VALIDATED: return {"Validated", text(body.getGoodPracticeValidated().getNote())};
    case B::GOOD_PRACTICE_DISSEMINATED: return {"Disseminated", text(body.getGoodPracticeDisseminated().getHow())};
    case B::GOOD_PRACTICE_REJECTED: return {"Rejected", text(body.getGoodPracticeRejected().getReason())};
    case B::PAN_LONDON_ISSUE_RAISED: {
      auto e = body.getPanLondonIssueRaised();
      return {"Raised, led by " + text(e.getLeadAgency()), text(e.getTitle())};
    }
    case B::PAN_LONDON_ISSUE_UPDATED: return {"Updated", text(body.getPanLondonIssueUpdated().getText())};
    case B::PAN_LONDON_ISSUE_RESOLVED: return {"Resolved", text(body.getPanLondonIssueResolved().getResolution())};
    case B::NOTE: return {"Note", text(body.getNote().getText())};
    default: return {"Recorded", ""};
  }
}

}  // namespace jem::audit
