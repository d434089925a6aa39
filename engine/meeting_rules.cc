// Rules for rounds and meetings: scheduling, rescheduling, cancelling, holding, and what
// is recorded on a held meeting (decisions, feedback).
#include <algorithm>

#include "engine/access_policy.h"
#include "engine/rules.h"
#include "projections/reference.h"

namespace jem::rules {
namespace {

Result<Loaded<MeetingState>> ExistingMeeting(const Context& c, const std::string& id) {
  JEM_ASSIGN_OR_RETURN(auto m, Load<MeetingState>(c.catalog, MeetingStream(id)));
  // A partner cannot write to a meeting it cannot see, nor learn from the refusal that it exists.
  const bool hidden = c.caller.role == Role::kPartner && !access::MaySee(c.caller, m.state);
  if (m.state.status == MeetingState::Status::kNone || hidden) return access::NoSuchMeeting(id);
  return m;
}

// Checks a slot: date, start and end times, end after start.
Status ValidateSlot(const std::string& date, const std::string& start, const std::string& end) {
  JEM_RETURN_IF_ERROR(reference::ParseDate(date, "meeting date").status().OnField("date"));
  JEM_RETURN_IF_ERROR(reference::ValidateTime(start, "start time").OnField("start"));
  JEM_RETURN_IF_ERROR(reference::ValidateTime(end, "end time").OnField("end"));
  if (end <= start) {
    return Status::InvalidArgument("the meeting ends (" + end + ") before it starts (" + start + ")").OnField("end");
  }
  return Status::Ok();
}

}  // namespace

Status Require(std::string_view text, std::string message) {
  if (std::all_of(text.begin(), text.end(), [](char ch) { return ch == ' ' || ch == '\t'; })) {
    return Status::InvalidArgument(std::move(message));
  }
  return Status::Ok();
}

Result<Loaded<MeetingState>> HeldMeeting(const Context& c, const std::string& id, std::string_view what) {
  auto m = ExistingMeeting(c, id);
  if (!m.ok()) return m;
  if (m->state.status != MeetingState::Status::kHeld) {
    return Status::FailedPrecondition(std::string(what) + " are recorded only for a held meeting; " +
                                      "meeting " + id + " is " +
                                      std::string(StatusName(m->state.status)));
  }
  return m;
}

Result<std::string> NextFreeId(const Context& c, const std::string& prefix,
                               std::string (*stream_of)(std::string_view)) {
  for (int n = 1; n < 1000; ++n) {
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "-%02d", n);
    const std::string id = prefix + suffix;
    JEM_ASSIGN_OR_RETURN(auto version, Version(c.catalog, stream_of(id)));
    if (version == 0) return id;
  }
  return Status::FailedPrecondition("every id from " + prefix + "-01 to " + prefix + "-999 is taken");
}

Result<std::string> ChooseId(const Context& c, const MeetingState& meeting, const std::string& given,
                             std::string (*stream_of)(std::string_view), std::string_view what) {
  const std::string prefix = meeting.borough + "-" + meeting.held_date.substr(0, 4);
  if (given.empty()) return NextFreeId(c, prefix, stream_of);
  if (!reference::IsId(reference::IdKind::kActionReference, given) || given.rfind(prefix + "-", 0) != 0) {
    return Status::InvalidArgument("'" + given + "' is not a " + std::string(what) +
                                   " reference for meeting " + meeting.id + ": write " + prefix +
                                   "-NN, e.g. " + prefix + "-03");
  }
  JEM_ASSIGN_OR_RETURN(auto version, Version(c.catalog, stream_of(given)));
  if (version != 0) {
    return Status::FailedPrecondition(std::string(what) + " " + given + " already exists");
  }
  return given;
}

std::optional<Timestamp> OccurredOn(const Context& c, const std::string& date) {
  if (c.occurred_at) return c.occurred_at;
  auto day = reference::ParseDate(date, "date");
  if (!day.ok() || *day == reference::DayOf(c.now)) return std::nullopt;
  return Timestamp(*day);
}

Result<std::optional<Timestamp>> HappenedOn(const Context& c, const std::string& happened_on, const std::string& began,
                                            std::string_view record) {
  std::optional<Timestamp> at = c.occurred_at;
  if (!happened_on.empty()) {
    JEM_ASSIGN_OR_RETURN(auto day, OnField(reference::ParseDate(happened_on, "the day it happened"), "happened_on"));
    at = day == reference::DayOf(c.now) ? std::nullopt : std::optional(Timestamp(day));
  }
  if (!at) return at;
  const std::string day = reference::FormatDate(reference::DayOf(*at));
  if (*at > c.now) {
    return Status::InvalidArgument("it cannot have happened on " + day + ", which is after today").OnField("happened_on");
  }
  if (!began.empty() && day < began) {
    return Status::InvalidArgument("it cannot have happened on " + day + ", before " + std::string(record) +
                                   " began on " + began).OnField("happened_on");
  }
  return at;
}

Result<Change> Decide(const Context& c, const command::PlanRound& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "plan rounds"));
  if (cmd.number == 0) return Status::InvalidArgument("rounds are numbered from 1");
  JEM_RETURN_IF_ERROR(Require(cmd.title, "a round needs a title"));
  if (cmd.themes.empty()) return Status::InvalidArgument("a round needs at least one theme");
  JEM_ASSIGN_OR_RETURN(auto start, reference::ParseDate(cmd.start_date, "start date"));
  JEM_ASSIGN_OR_RETURN(auto end, reference::ParseDate(cmd.end_date, "end date"));
  if (end < start) return Status::InvalidArgument("the round ends before it starts");
  std::vector<schema::Theme> themes;
  for (const auto& t : cmd.themes) {
    JEM_ASSIGN_OR_RETURN(auto theme, reference::ParseTheme(t));
    themes.push_back(theme);
  }
  const std::string stream = RoundStream(cmd.number);
  JEM_ASSIGN_OR_RETURN(auto version, Version(c.catalog, stream));
  if (version != 0) return Status::FailedPrecondition("round " + std::to_string(cmd.number) + " is already planned");
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initRoundPlanned();
    e.setNumber(cmd.number);
    e.setTitle(AsText(cmd.title));
    auto list = e.initThemes(unsigned(themes.size()));
    for (size_t i = 0; i < themes.size(); ++i) list.set(unsigned(i), themes[i]);
    e.setStartDate(AsText(cmd.start_date));
    e.setEndDate(AsText(cmd.end_date));
  });
  return Change{"round " + std::to_string(cmd.number), stream, 0, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::ScheduleMeeting& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "schedule meetings"));
  JEM_ASSIGN_OR_RETURN(auto borough, OnField(reference::FindBorough(cmd.borough), "borough"));
  if (cmd.round == 0) return Status::InvalidArgument("rounds are numbered from 1").OnField("round");
  JEM_ASSIGN_OR_RETURN(auto theme, OnField(reference::ParseTheme(cmd.theme), "theme"));
  JEM_RETURN_IF_ERROR(ValidateSlot(cmd.date, cmd.start_time, cmd.end_time));
  JEM_RETURN_IF_ERROR(Require(cmd.room, "a meeting needs a room").OnField("room"));
  const std::string id = MeetingId(borough.code, cmd.date);
  JEM_ASSIGN_OR_RETURN(auto existing, Load<MeetingState>(c.catalog, MeetingStream(id)));
  if (existing.state.status != MeetingState::Status::kNone) {
    return Status::FailedPrecondition("meeting " + id + " already exists (" +
                                      std::string(StatusName(existing.state.status)) + ")");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingScheduled();
    e.setMeetingId(AsText(id));
    e.setBorough(capnp::Text::Reader(borough.code.data(), borough.code.size()));
    e.setRound(cmd.round);
    e.setTheme(theme);
    e.setDate(AsText(cmd.date));
    e.setStartTime(AsText(cmd.start_time));
    e.setEndTime(AsText(cmd.end_time));
    e.setRoom(AsText(cmd.room));
    e.setChair(AsText(cmd.chair));
  });
  return Change{id, MeetingStream(id), 0, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::RescheduleMeeting& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "reschedule meetings"));
  JEM_ASSIGN_OR_RETURN(auto m, ExistingMeeting(c, cmd.meeting_id));
  const MeetingState& s = m.state;
  if (s.status != MeetingState::Status::kScheduled) {
    return Status::FailedPrecondition("meeting " + s.id + " is " + std::string(StatusName(s.status)) +
                                      "; only a scheduled meeting can be rescheduled");
  }
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "rescheduling a meeting needs a reason").OnField("reason"));
  const std::string date = cmd.date.empty() ? s.date : cmd.date;
  const std::string start = cmd.start_time.empty() ? s.start_time : cmd.start_time;
  const std::string end = cmd.end_time.empty() ? s.end_time : cmd.end_time;
  const std::string room = cmd.room.empty() ? s.room : cmd.room;
  JEM_RETURN_IF_ERROR(ValidateSlot(date, start, end));
  if (date == s.date && start == s.start_time && end == s.end_time && room == s.room) {
    return Status::InvalidArgument("that is the slot meeting " + s.id + " already has");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingRescheduled();
    e.setDate(AsText(date));
    e.setStartTime(AsText(start));
    e.setEndTime(AsText(end));
    e.setRoom(AsText(room));
    e.setReason(AsText(cmd.reason));
  });
  return Change{s.id, MeetingStream(s.id), m.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::CancelMeeting& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "cancel meetings"));
  JEM_ASSIGN_OR_RETURN(auto m, ExistingMeeting(c, cmd.meeting_id));
  if (m.state.status != MeetingState::Status::kScheduled) {
    return Status::FailedPrecondition("meeting " + cmd.meeting_id + " is " +
                                      std::string(StatusName(m.state.status)) +
                                      "; only a scheduled meeting can be cancelled");
  }
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "cancelling a meeting needs a reason").OnField("reason"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    b.initMeetingCancelled().setReason(AsText(cmd.reason));
  });
  return Change{cmd.meeting_id, MeetingStream(cmd.meeting_id), m.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::HoldMeeting& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "record that a meeting was held"));
  JEM_ASSIGN_OR_RETURN(auto m, ExistingMeeting(c, cmd.meeting_id));
  const MeetingState& s = m.state;
  if (s.status == MeetingState::Status::kHeld) {
    return Status::FailedPrecondition("meeting " + s.id + " was already held on " + s.held_date);
  }
  if (s.status == MeetingState::Status::kCancelled) {
    return Status::FailedPrecondition("meeting " + s.id + " was cancelled (" + s.cancel_reason +
                                      "); schedule a new one");
  }
  const std::string date = cmd.date.empty() ? s.date : cmd.date;
  JEM_ASSIGN_OR_RETURN(auto day, OnField(reference::ParseDate(date, "held date"), "date"));
  if (day > reference::DayOf(c.now)) {
    return Status::InvalidArgument("meeting " + s.id + " cannot have been held on " + date +
                                   ", which is after today").OnField("date");
  }
  const std::string chair = cmd.chair.empty() ? s.chair : cmd.chair;
  JEM_RETURN_IF_ERROR(Require(chair, "a held meeting needs its chair").OnField("chair"));
  if (cmd.attendees.empty()) {
    return Status::InvalidArgument("a held meeting needs its attendees (name, agency and role)").OnField("attendees");
  }
  std::vector<command::Attendee> attendees;
  for (size_t i = 0; i < cmd.attendees.size(); ++i) {
    const command::Attendee& a = cmd.attendees[i];
    const std::string at = "attendees." + std::to_string(i) + ".";
    JEM_RETURN_IF_ERROR(Require(a.name, "every attendee needs a name").OnField(at + "name"));
    auto agency = reference::FindAgency(a.agency);
    if (!agency.ok()) return agency.status().WithContext("attendee " + a.name).OnField(at + "agency");
    attendees.push_back({a.name, *agency, a.role});
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingHeld();
    e.setDate(AsText(date));
    e.setChair(AsText(chair));
    auto list = e.initAttendees(unsigned(attendees.size()));
    for (size_t i = 0; i < attendees.size(); ++i) {
      list[unsigned(i)].setName(AsText(attendees[i].name));
      list[unsigned(i)].setAgency(AsText(attendees[i].agency));
      list[unsigned(i)].setRole(AsText(attendees[i].role));
    }
  });
  return Change{s.id, MeetingStream(s.id), m.version, std::move(body), OccurredOn(c, date)};
}

Result<Change> Decide(const Context& c, const command::RecordDecision& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "record decisions"));
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "decisions"));
  JEM_RETURN_IF_ERROR(Require(cmd.text, "a decision needs its text").OnField("text"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    b.initDecisionRecorded().setText(AsText(cmd.text));
  });
  return Change{cmd.meeting_id, MeetingStream(cmd.meeting_id), m.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::GiveFeedback& cmd) {
  if (c.caller.role != Role::kOfficer && c.caller.role != Role::kPartner) {
    return Status::PermissionDenied("only officers and partners may give feedback");
  }
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "feedback"));
  std::string from = cmd.from_agency.empty() ? c.caller.agency : cmd.from_agency;
  JEM_ASSIGN_OR_RETURN(auto agency, OnField(reference::FindAgency(from), "from"));
  if (c.caller.role == Role::kPartner && agency != c.caller.agency) {
    return Status::PermissionDenied("a partner gives feedback for its own agency (" + c.caller.agency +
                                    "), not for " + agency).OnField("from");
  }
  if (cmd.positive.empty() && cmd.suggestions.empty()) {
    return Status::InvalidArgument("feedback needs positive comments or suggestions").OnField("positive");
  }
  JEM_ASSIGN_OR_RETURN(auto when, HappenedOn(c, cmd.happened_on, m.state.held_date, "meeting " + cmd.meeting_id));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initFeedbackGiven();
    e.setFromAgency(AsText(agency));
    e.setPositive(AsText(cmd.positive));
    e.setSuggestions(AsText(cmd.suggestions));
  });
  return Change{cmd.meeting_id, MeetingStream(cmd.meeting_id), m.version, std::move(body), when};
}

Result<Change> Decide(const Context& c, const command::PublishFollowUp& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "publish follow-up reports"));
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "follow-up reports"));
  if (m.state.follow_up_published) {
    return Status::FailedPrecondition("the follow-up report of meeting " + cmd.meeting_id + " is already published");
  }
  JEM_ASSIGN_OR_RETURN(auto as_of, OnField(reference::ParseDate(cmd.as_of, "as_of"), "as_of"));
  if (cmd.as_of < m.state.held_date) {
    return Status::InvalidArgument("as_of " + cmd.as_of + " is before meeting " + cmd.meeting_id + " was held (" +
                                   m.state.held_date + ")").OnField("as_of");
  }
  if (as_of > reference::DayOf(c.now)) {
    return Status::InvalidArgument("as_of " + cmd.as_of + " is after today: a report is published as it stands")
        .OnField("as_of");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initFollowUpReportPublished();
    e.setAsOf(AsText(cmd.as_of));
    e.setSummary(AsText(cmd.summary));
    e.setReportSha256(capnp::Data::Reader(cmd.report_sha256.data(), cmd.report_sha256.size()));
  });
  return Change{cmd.meeting_id, MeetingStream(cmd.meeting_id), m.version, std::move(body), c.occurred_at};
}

}  // namespace jem::rules
