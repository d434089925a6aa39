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
void CheckSlot(FieldChecks& checks, const std::string& date, const std::string& start, const std::string& end) {
  checks.Check(reference::ParseDate(date, "meeting date").status(), "date");
  const Status starts = reference::ValidateTime(start, "start time"), ends = reference::ValidateTime(end, "end time");
  checks.Check(starts, "start");
  checks.Check(ends, "end");
  if (starts.ok() && ends.ok() && end <= start) {
    checks.Check(Status::InvalidArgument("End time must be after the start time (" + start + ")"), "end");
  }
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
    JEM_ASSIGN_OR_RETURN(auto day, OnField(reference::ParseDate(happened_on, "day it happened"), "happened_on"));
    at = day == reference::DayOf(c.now) ? std::nullopt : std::optional(Timestamp(day));
  }
  if (!at) return at;
  const std::string day = reference::FormatDate(reference::DayOf(*at));
  if (*at > c.now) {
    return Status::InvalidArgument("The day it happened must be today or in the past, not " +
                                   reference::WrittenDate(reference::DayOf(*at))).OnField("happened_on");
  }
  if (!began.empty() && day < began) {
    auto first = reference::ParseDate(began, "began");
    return Status::InvalidArgument("The day it happened must be on or after the day " + std::string(record) + " began, " +
                                   (first.ok() ? reference::WrittenDate(*first) : began)).OnField("happened_on");
  }
  return at;
}

Result<Change> Decide(const Context& c, const command::PlanRound& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "plan rounds"));
  FieldChecks checks;
  if (cmd.number == 0) checks.Check(Status::InvalidArgument("Rounds are numbered from 1"), "number");
  checks.Check(Require(cmd.title, "Enter the round's title"), "title");
  if (cmd.themes.empty()) checks.Check(Status::InvalidArgument("Choose at least one theme for the round"), "themes");
  auto start = checks.Take(reference::ParseDate(cmd.start_date, "start date"), "start");
  auto end = checks.Take(reference::ParseDate(cmd.end_date, "end date"), "end");
  if (start && end && *end < *start) checks.Check(Status::InvalidArgument("The round must end on or after the day it starts"), "end");
  std::vector<schema::Theme> themes;
  for (const auto& t : cmd.themes) {
    if (auto theme = checks.Choice(t, reference::ParseTheme, "theme", "themes")) themes.push_back(*theme);
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
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
  FieldChecks checks;
  auto found = checks.Choice(cmd.borough, reference::FindBorough, "borough", "borough");
  if (cmd.round == 0) checks.Check(Status::InvalidArgument("Enter the round, a number from 1"), "round");
  auto chosen = checks.Choice(cmd.theme, reference::ParseTheme, "theme", "theme");
  CheckSlot(checks, cmd.date, cmd.start_time, cmd.end_time);
  checks.Check(Require(cmd.room, "Enter the room"), "room");
  const std::vector<std::string> invited = checks.Agencies(cmd.invited, "invited agency", "invited");
  JEM_RETURN_IF_ERROR(checks.Verdict());
  const reference::Borough& borough = *found;
  const schema::Theme theme = *chosen;
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
    SetTextList(e.initInvited(unsigned(invited.size())), invited);
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
  FieldChecks checks;
  checks.Check(Require(cmd.reason, "Enter why the meeting moves"), "reason");
  const std::string date = cmd.date.empty() ? s.date : cmd.date;
  const std::string start = cmd.start_time.empty() ? s.start_time : cmd.start_time;
  const std::string end = cmd.end_time.empty() ? s.end_time : cmd.end_time;
  const std::string room = cmd.room.empty() ? s.room : cmd.room;
  CheckSlot(checks, date, start, end);
  if (date == s.date && start == s.start_time && end == s.end_time && room == s.room) {
    checks.Check(Status::InvalidArgument("Change the date, the times or the room: that is the slot meeting " + s.id +
                                         " already has"), "date");
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
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
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "Enter why the meeting is cancelled").OnField("reason"));
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
  FieldChecks checks;
  const std::string date = cmd.date.empty() ? s.date : cmd.date;
  auto day = checks.Take(reference::ParseDate(date, "day it was held"), "date");
  if (day && *day > reference::DayOf(c.now)) {
    checks.Check(Status::InvalidArgument("The day it was held must be today or in the past, not " +
                                         reference::WrittenDate(*day)), "date");
  }
  const std::string chair = cmd.chair.empty() ? s.chair : cmd.chair;
  checks.Check(Require(chair, "Enter who chaired the meeting"), "chair");
  if (cmd.attendees.empty()) {
    checks.Check(Status::InvalidArgument("Enter who attended: a name, agency and role each"), "attendees");
  }
  std::vector<command::Attendee> attendees;
  for (size_t i = 0; i < cmd.attendees.size(); ++i) {
    const command::Attendee& a = cmd.attendees[i];
    const std::string at = "attendees." + std::to_string(i) + ".";
    checks.Check(Require(a.name, "Enter the name of attendee " + std::to_string(i + 1)), at + "name");
    auto agency = checks.Choice(a.agency, reference::FindAgency, "agency of attendee " + std::to_string(i + 1), at + "agency");
    if (agency) attendees.push_back({a.name, *agency, a.role});
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
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
  JEM_RETURN_IF_ERROR(Require(cmd.text, "Enter the decision").OnField("text"));
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "decisions"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    b.initDecisionRecorded().setText(AsText(cmd.text));
  });
  return Change{cmd.meeting_id, MeetingStream(cmd.meeting_id), m.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::GiveFeedback& cmd) {
  if (c.caller.role != Role::kOfficer && c.caller.role != Role::kPartner) {
    return Status::PermissionDenied("only officers and partners may give feedback");
  }
  FieldChecks checks;
  const std::string from = cmd.from_agency.empty() ? c.caller.agency : cmd.from_agency;
  auto agency = checks.Choice(from, reference::FindAgency, "agency the feedback is from", "from");
  if (agency && c.caller.role == Role::kPartner && *agency != c.caller.agency) {
    return Status::PermissionDenied("a partner gives feedback for its own agency (" + c.caller.agency +
                                    "), not for " + *agency).OnField("from");
  }
  if (cmd.positive.empty() && cmd.suggestions.empty()) {
    checks.Check(Status::InvalidArgument("Enter what worked or what could be better"), "positive");
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "feedback"));
  JEM_ASSIGN_OR_RETURN(auto when, HappenedOn(c, cmd.happened_on, m.state.held_date, "meeting " + cmd.meeting_id));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initFeedbackGiven();
    e.setFromAgency(AsText(*agency));
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
  JEM_ASSIGN_OR_RETURN(auto as_of, OnField(reference::ParseDate(cmd.as_of, "as-of date"), "as_of"));
  if (cmd.as_of < m.state.held_date) {
    return Status::InvalidArgument("As-of date must be on or after the day meeting " + cmd.meeting_id + " was held, " +
                                   m.state.held_date).OnField("as_of");
  }
  if (as_of > reference::DayOf(c.now)) {
    return Status::InvalidArgument("As-of date must be today or in the past, not " + cmd.as_of +
                                   ": a report is published as it stands").OnField("as_of");
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
