// The current state of one meeting, action, good practice or pan-London issue: a fold of
// that one stream's events. The rules of engine/ decide against these; the views build on
// them. Each Apply takes one event's body and when it happened.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "events/clock.h"
#include "events/event.h"
#include "events/events.capnp.h"

namespace jem {

// A meeting's id: its borough's code and its scheduled day, e.g. CAM-20090616.
std::string MeetingId(std::string_view borough_code, std::string_view date);

// The kinds of stream the domain's records live in, each a prefix and an id.
enum class StreamKind { kOther, kMeeting, kAction, kPractice, kIssue, kRound, kToken };
// "meeting-", "action-", "practice-", "issue-", "round-", "token-"; "" for kOther.
std::string_view StreamPrefix(StreamKind kind);
// A stream id taken apart: "action-CAM-2009-03" is kAction and "CAM-2009-03"; a stream of no
// kind above (contacts, the reminder engine's, access records) is kOther and the whole id.
struct StreamName {
  StreamKind kind;
  std::string_view id;
};
StreamName ParseStream(std::string_view stream);
// Whether the stream is one of a record of the domain: a meeting, action, practice, issue or round.
bool IsRecordStream(std::string_view stream);

// Stream ids of the domain.
std::string MeetingStream(std::string_view meeting_id);   // meeting-CAM-20090616
std::string ActionStream(std::string_view reference);     // action-CAM-2009-03
std::string PracticeStream(std::string_view practice_id); // practice-CAM-2009-01
std::string IssueStream(std::string_view issue_id);       // issue-CAM-2009-01
std::string RoundStream(uint32_t round);                  // round-1
std::string TokenStream(std::string_view token_id);       // token-1a2b3c4d
inline bool IsTokenStream(std::string_view stream) { return ParseStream(stream).kind == StreamKind::kToken; }

struct AttendeeInfo {
  std::string name, agency, role;
  bool operator==(const AttendeeInfo&) const = default;
};

struct MeetingState {
  enum class Status { kNone, kScheduled, kHeld, kCancelled };
  Status status = Status::kNone;
  std::string id, borough, date, start_time, end_time, room, chair;
  std::vector<std::string> invited;  // agencies, beside the MPA
  uint32_t round = 0;
  schema::Theme theme = schema::Theme::SERIOUS_YOUTH_VIOLENCE;
  std::string held_date;  // the day it was held
  std::vector<AttendeeInfo> attendees;
  std::vector<std::string> decisions;
  std::string cancel_reason;
  bool follow_up_published = false;

  // The day its six-month follow-up falls due: six months after it was held ("" if not held).
  std::string FollowUpDue() const;
  void Apply(schema::Body::Reader body, Timestamp occurred_at);

  // Every field: how the property tests compare live and rebuilt models.
  bool operator==(const MeetingState&) const = default;
};

struct ActionState {
  enum class Status { kNone, kOpen, kInProgress, kCompleted, kDropped };
  Status status = Status::kNone;
  bool blocked = false;
  std::string reference, meeting_id, text, lead_agency, original_due, due, block_reason;
  std::vector<std::string> supporting_agencies;
  schema::Theme theme = schema::Theme::SERIOUS_YOUTH_VIOLENCE;
  schema::Priority priority = schema::Priority::MEDIUM;
  Timestamp last_update{};

  bool closed() const { return status == Status::kCompleted || status == Status::kDropped; }
  // Whether `agency` leads or supports the action.
  bool Involves(std::string_view agency) const;
  void Apply(schema::Body::Reader body, Timestamp occurred_at);

  // Every field: how the property tests compare live and rebuilt models.
  bool operator==(const ActionState&) const = default;
};

struct PracticeState {
  enum class Status { kNone, kIdentified, kValidated, kDisseminated, kRejected };
  Status status = Status::kNone;
  std::string id, meeting_id, title, borough, description, contact;
  std::vector<std::string> partners;
  schema::Theme theme = schema::Theme::SERIOUS_YOUTH_VIOLENCE;
  void Apply(schema::Body::Reader body, Timestamp occurred_at);

  // Every field: how the property tests compare live and rebuilt models.
  bool operator==(const PracticeState&) const = default;
};

struct IssueState {
  enum class Status { kNone, kOpen, kResolved };
  Status status = Status::kNone;
  std::string id, meeting_id, title, description, lead_agency, resolution;
  std::vector<std::string> updates;
  void Apply(schema::Body::Reader body, Timestamp occurred_at);

  // Every field: how the property tests compare live and rebuilt models.
  bool operator==(const IssueState&) const = default;
};

struct TokenState {
  enum class Status { kNone, kActive, kRevoked };
  Status status = Status::kNone;
  std::string id, hash_hex, user_id, role, agency;
  void Apply(schema::Body::Reader body, Timestamp occurred_at);

  // Every field: how the property tests compare live and rebuilt models.
  bool operator==(const TokenState&) const = default;
};

// "scheduled", "in progress", ...: the words people read.
std::string_view StatusName(MeetingState::Status s);
std::string_view StatusName(ActionState::Status s);
std::string_view StatusName(PracticeState::Status s);
std::string_view StatusName(IssueState::Status s);
std::string_view StatusName(TokenState::Status s);

}  // namespace jem
