// The commands an officer or partner agency issues. Fields hold what the user wrote;
// the rules validate them (an empty optional field means "not given").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jem::command {

struct PlanRound {
  uint32_t number = 0;
  std::string title;
  std::vector<std::string> themes;
  std::string start_date, end_date;
};

struct ScheduleMeeting {
  std::string borough;      // name or code
  uint32_t round = 0;
  std::string theme;
  std::string date, start_time, end_time, room, chair;
  std::vector<std::string> invited;  // agencies, by name
};

struct RescheduleMeeting {
  std::string meeting_id;
  std::string date, start_time, end_time, room, reason;
};

struct CancelMeeting {
  std::string meeting_id, reason;
};

struct Attendee {
  std::string name, agency, role;
};

struct HoldMeeting {
  std::string meeting_id;
  std::string date;         // the day it was held; the scheduled date if empty
  std::string chair;        // the scheduled chair if empty
  std::vector<Attendee> attendees;
};

struct RecordDecision {
  std::string meeting_id, text;
};

struct AgreeAction {
  std::string meeting_id;
  std::string reference;    // e.g. CAM-2009-03; the next free one if empty
  std::string text, theme, lead_agency;
  std::vector<std::string> supporting_agencies;
  std::string due_date, priority;
};

// The updates of an action's lifecycle. `text` is the note, reason or evidence.
struct UpdateAction {
  enum class Kind { kStart, kNote, kBlock, kUnblock, kComplete, kDrop, kReopen, kRedate, kReassign };
  Kind kind = Kind::kNote;
  std::string reference;
  std::string text;
  std::optional<int> percent_complete;  // kNote
  std::string new_due_date;             // kRedate
  std::string new_lead_agency;          // kReassign
  std::string happened_on;              // the day it happened, YYYY-MM-DD, if not today
};

struct IdentifyPractice {
  std::string meeting_id;
  std::string practice_id;  // the next free one if empty
  std::string title, borough, theme;  // borough: a borough, "pan-London", or the meeting's if empty
  std::vector<std::string> partners;
  std::string description, contact;
};

struct UpdatePractice {
  enum class Kind { kValidate, kDisseminate, kReject };
  Kind kind = Kind::kValidate;
  std::string practice_id, text;
  std::string happened_on;  // the day it happened, YYYY-MM-DD, if not today
};

struct RaiseIssue {
  std::string meeting_id;
  std::string issue_id;     // the next free one if empty
  std::string title, description, lead_agency;
};

struct UpdateIssue {
  enum class Kind { kUpdate, kResolve };
  Kind kind = Kind::kUpdate;
  std::string issue_id, text;
  std::string happened_on;  // the day it happened, YYYY-MM-DD, if not today
};

struct GiveFeedback {
  std::string meeting_id, from_agency, positive, suggestions;
  std::string happened_on;  // the day it was given, YYYY-MM-DD, if not today
};

// Events are never edited: this points at a wrong one, says what was wrong with it, and may
// give the right values of fields of its record (projections/corrections.h lists them).
struct CorrectEvent {
  uint64_t position = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> fields;  // (field, right value)
};

// Access to the HTTP API, given by admins. The token itself is not recorded, only its hash.
struct IssueToken {
  std::string token_id;
  std::array<uint8_t, 32> token_hash{};  // SHA-256 of the token
  std::string user_id, role, agency;
};

struct RevokeToken {
  std::string token_id, reason;
};

// The six-month follow-up report of a held meeting, published as it stood by the end of
// `as_of`: its SHA-256 recorded, so that the paper tabled can be checked later; the meeting's
// follow-up is then done (no more reminders of it).
struct PublishFollowUp {
  std::string meeting_id, as_of, summary;
  std::array<uint8_t, 32> report_sha256{};
};

// A contact of the reminder engine: who is chased, and where. `must_be_new`: adding, not
// changing, so an add never overwrites someone else's contact of the same id.
struct SetContact {
  std::string contact_id;
  std::string kind;       // agency, chair, officer or secretary
  std::string name, email;
  std::string agency;     // agency contacts
  std::string borough;    // agency contacts: only that borough's actions ("" for all)
  std::string user_id;    // officers: the user id they log meetings as
  bool must_be_new = false;
};

struct RemoveContact {
  std::string contact_id, reason;
};

// A new secret address for an agency's calendar feed (the old one stops working). Only its
// hash is recorded.
struct ResetCalendarFeed {
  std::string agency;
  std::array<uint8_t, 32> feed_hash{};
};

}  // namespace jem::command
