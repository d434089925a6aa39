#include "projections/stream_state.h"

#include "projections/corrections.h"
#include "projections/reference.h"

namespace jem {
std::string MeetingId(std::string_view borough_code, std::string_view date) {
  std::string id = std::string(borough_code) + "-";
  for (char c : date) {
    if (c != '-') id += c;
  }
  return id;
}

std::string_view StreamPrefix(StreamKind kind) {
  switch (kind) {
    case StreamKind::kMeeting: return "meeting-";
    case StreamKind::kAction: return "action-";
    case StreamKind::kPractice: return "practice-";
    case StreamKind::kIssue: return "issue-";
    case StreamKind::kRound: return "round-";
    case StreamKind::kToken: return "token-";
    case StreamKind::kOther: return "";
  }
  return "";
}

StreamName ParseStream(std::string_view stream) {
  for (StreamKind kind : {StreamKind::kAction, StreamKind::kMeeting, StreamKind::kPractice, StreamKind::kIssue,
                          StreamKind::kRound, StreamKind::kToken}) {
    const std::string_view prefix = StreamPrefix(kind);
    if (stream.starts_with(prefix)) return {kind, stream.substr(prefix.size())};
  }
  return {StreamKind::kOther, stream};
}

bool IsRecordStream(std::string_view stream) {
  const StreamKind kind = ParseStream(stream).kind;
  return kind != StreamKind::kOther && kind != StreamKind::kToken;
}

namespace {

std::string Named(StreamKind kind, std::string_view id) { return std::string(StreamPrefix(kind)) + std::string(id); }

}  // namespace

std::string MeetingStream(std::string_view id) { return Named(StreamKind::kMeeting, id); }
std::string ActionStream(std::string_view ref) { return Named(StreamKind::kAction, ref); }
std::string PracticeStream(std::string_view id) { return Named(StreamKind::kPractice, id); }
std::string IssueStream(std::string_view id) { return Named(StreamKind::kIssue, id); }
std::string RoundStream(uint32_t round) { return Named(StreamKind::kRound, std::to_string(round)); }
std::string TokenStream(std::string_view id) { return Named(StreamKind::kToken, id); }

std::string MeetingState::FollowUpDue() const {
  if (held_date.empty()) return "";
  auto held = reference::ParseDate(held_date, "held date");
  if (!held.ok()) return "";
  std::chrono::year_month_day ymd(*held);
  // year_month arithmetic rolls the year; a day the month lacks (31 Aug -> Feb) clamps.
  std::chrono::year_month ym = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(6);
  std::chrono::year_month_day result = ym / ymd.day();
  if (!result.ok()) result = ym / std::chrono::last;
  return reference::FormatDate(std::chrono::sys_days(result));
}

void MeetingState::Apply(schema::Body::Reader body, Timestamp) {
  switch (body.which()) {
    case schema::Body::MEETING_SCHEDULED: {
      auto e = body.getMeetingScheduled();
      status = Status::kScheduled;
      id = FromText(e.getMeetingId());
      borough = FromText(e.getBorough());
      round = e.getRound();
      theme = e.getTheme();
      date = FromText(e.getDate());
      start_time = FromText(e.getStartTime());
      end_time = FromText(e.getEndTime());
      room = FromText(e.getRoom());
      chair = FromText(e.getChair());
      invited = FromTextList(e.getInvited());
      break;
    }
    case schema::Body::MEETING_RESCHEDULED: {
      auto e = body.getMeetingRescheduled();
      date = FromText(e.getDate());
      start_time = FromText(e.getStartTime());
      end_time = FromText(e.getEndTime());
      room = FromText(e.getRoom());
      break;
    }
    case schema::Body::MEETING_CANCELLED:
      status = Status::kCancelled;
      cancel_reason = FromText(body.getMeetingCancelled().getReason());
      break;
    case schema::Body::MEETING_HELD: {
      auto e = body.getMeetingHeld();
      status = Status::kHeld;
      held_date = FromText(e.getDate());
      chair = FromText(e.getChair());
      attendees.clear();
      for (auto a : e.getAttendees()) {
        attendees.push_back({FromText(a.getName()), FromText(a.getAgency()), FromText(a.getRole())});
      }
      break;
    }
    case schema::Body::DECISION_RECORDED:
      decisions.push_back(FromText(body.getDecisionRecorded().getText()));
      break;
    case schema::Body::FOLLOW_UP_REPORT_PUBLISHED:
      follow_up_published = true;
      break;
    case schema::Body::CORRECTION:
      corrections::Apply(body.getCorrection(), this);
      break;
    default:
      break;  // feedback and notes do not change the meeting's state
  }
}

bool ActionState::Involves(std::string_view agency) const {
  if (lead_agency == agency) return true;
  for (const auto& a : supporting_agencies) {
    if (a == agency) return true;
  }
  return false;
}

void ActionState::Apply(schema::Body::Reader body, Timestamp occurred_at) {
  last_update = occurred_at;
  switch (body.which()) {
    case schema::Body::ACTION_AGREED: {
      auto e = body.getActionAgreed();
      status = Status::kOpen;
      reference = FromText(e.getReference());
      meeting_id = FromText(e.getMeetingId());
      text = FromText(e.getText());
      theme = e.getTheme();
      lead_agency = FromText(e.getLeadAgency());
      supporting_agencies = FromTextList(e.getSupportingAgencies());
      original_due = due = FromText(e.getDueDate());
      priority = e.getPriority();
      break;
    }
    case schema::Body::ACTION_STARTED:
      status = Status::kInProgress;
      break;
    case schema::Body::ACTION_BLOCKED:
      blocked = true;
      block_reason = FromText(body.getActionBlocked().getReason());
      break;
    case schema::Body::ACTION_UNBLOCKED:
      blocked = false;
      block_reason.clear();
      break;
    case schema::Body::ACTION_COMPLETED:
      status = Status::kCompleted;
      blocked = false;
      break;
    case schema::Body::ACTION_DROPPED:
      status = Status::kDropped;
      blocked = false;
      break;
    case schema::Body::ACTION_REOPENED:
      status = Status::kOpen;
      break;
    case schema::Body::ACTION_DUE_DATE_CHANGED:
      due = FromText(body.getActionDueDateChanged().getNewDate());
      break;
    case schema::Body::ACTION_REASSIGNED:
      lead_agency = FromText(body.getActionReassigned().getToAgency());
      break;
    case schema::Body::CORRECTION:
      corrections::Apply(body.getCorrection(), this);
      break;
    default:
      break;  // progress notes leave the status as it is
  }
}

void PracticeState::Apply(schema::Body::Reader body, Timestamp) {
  switch (body.which()) {
    case schema::Body::GOOD_PRACTICE_IDENTIFIED: {
      auto e = body.getGoodPracticeIdentified();
      status = Status::kIdentified;
      id = FromText(e.getPracticeId());
      meeting_id = FromText(e.getMeetingId());
      title = FromText(e.getTitle());
      borough = FromText(e.getBorough());
      theme = e.getTheme();
      partners = FromTextList(e.getPartners());
      description = FromText(e.getDescription());
      contact = FromText(e.getContact());
      break;
    }
    case schema::Body::GOOD_PRACTICE_VALIDATED: status = Status::kValidated; break;
    case schema::Body::GOOD_PRACTICE_DISSEMINATED: status = Status::kDisseminated; break;
    case schema::Body::GOOD_PRACTICE_REJECTED: status = Status::kRejected; break;
    case schema::Body::CORRECTION: corrections::Apply(body.getCorrection(), this); break;
    default: break;
  }
}

void IssueState::Apply(schema::Body::Reader body, Timestamp) {
  switch (body.which()) {
    case schema::Body::PAN_LONDON_ISSUE_RAISED: {
      auto e = body.getPanLondonIssueRaised();
      status = Status::kOpen;
      id = FromText(e.getIssueId());
      meeting_id = FromText(e.getMeetingId());
      title = FromText(e.getTitle());
      description = FromText(e.getDescription());
      lead_agency = FromText(e.getLeadAgency());
      break;
    }
    case schema::Body::PAN_LONDON_ISSUE_UPDATED:
      updates.push_back(FromText(body.getPanLondonIssueUpdated().getText()));
      break;
    case schema::Body::PAN_LONDON_ISSUE_RESOLVED:
      status = Status::kResolved;
      resolution = FromText(body.getPanLondonIssueResolved().getResolution());
      break;
    case schema::Body::CORRECTION: corrections::Apply(body.getCorrection(), this); break;
    default: break;
  }
}

void TokenState::Apply(schema::Body::Reader body, Timestamp) {
  if (body.isTokenIssued()) {
    auto e = body.getTokenIssued();
    status = Status::kActive;
    id = FromText(e.getTokenId());
    auto hash = e.getTokenHash();
    hash_hex = ToHex({hash.begin(), hash.size()});
    user_id = FromText(e.getUserId());
    role = FromText(e.getRole());
    agency = FromText(e.getAgency());
  } else if (body.isTokenRevoked()) {
    status = Status::kRevoked;
  }
}

std::string_view StatusName(TokenState::Status s) {
  switch (s) {
    case TokenState::Status::kNone: return "none";
    case TokenState::Status::kActive: return "active";
    case TokenState::Status::kRevoked: return "revoked";
  }
  return "unknown";
}

std::string_view StatusName(MeetingState::Status s) {
  switch (s) {
    case MeetingState::Status::kNone: return "none";
    case MeetingState::Status::kScheduled: return "scheduled";
    case MeetingState::Status::kHeld: return "held";
    case MeetingState::Status::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string_view StatusName(ActionState::Status s) {
  switch (s) {
    case ActionState::Status::kNone: return "none";
    case ActionState::Status::kOpen: return "open";
    case ActionState::Status::kInProgress: return "in progress";
    case ActionState::Status::kCompleted: return "completed";
    case ActionState::Status::kDropped: return "dropped";
  }
  return "unknown";
}

std::string_view StatusName(PracticeState::Status s) {
  switch (s) {
    case PracticeState::Status::kNone: return "none";
    case PracticeState::Status::kIdentified: return "identified";
    case PracticeState::Status::kValidated: return "validated";
    case PracticeState::Status::kDisseminated: return "disseminated";
    case PracticeState::Status::kRejected: return "rejected";
  }
  return "unknown";
}

std::string_view StatusName(IssueState::Status s) {
  switch (s) {
    case IssueState::Status::kNone: return "none";
    case IssueState::Status::kOpen: return "open";
    case IssueState::Status::kResolved: return "resolved";
  }
  return "unknown";
}

}  // namespace jem
