// Rules for actions: agreeing them at a held meeting, and every step of their lifecycle
// (open -> in progress -> completed | dropped; blocked and unblocked; reopened; redated;
// reassigned). Who may do what: officers everything; a partner only the day-to-day updates
// of actions its agency leads.
#include "engine/access_policy.h"
#include "engine/rules.h"
#include "engine/verbs.h"
#include "projections/reference.h"

namespace jem::rules {
namespace {

using Kind = command::UpdateAction::Kind;

// Officers may do anything; partners the day-to-day updates of actions their agency leads.
Status MayUpdate(const Caller& caller, const ActionState& action, Kind kind) {
  if (caller.role == Role::kOfficer) return Status::Ok();
  const ActionVerb& v = VerbOf(kind);
  const std::string verb(v.doing);
  if (caller.role != Role::kPartner) {
    return Status::PermissionDenied(std::string(RoleName(caller.role)) + "s may not " + verb +
                                    " actions; " + caller.user_id + " is " +
                                    std::string(RoleName(caller.role)));
  }
  if (v.officers_only) return Status::PermissionDenied("only officers may " + verb + " actions");
  if (action.lead_agency != caller.agency) {
    return Status::PermissionDenied(caller.agency + " does not lead action " + action.reference + " (" +
                                    action.lead_agency + " does); a partner may only update the " +
                                    "actions its agency leads");
  }
  return Status::Ok();
}

// Lifecycle: which updates the action's current status allows.
Status Allowed(const ActionState& a, Kind kind) {
  const std::string ref = a.reference;
  const std::string status(StatusName(a.status));
  if (kind == Kind::kReopen) {
    if (!a.closed()) {
      return Status::FailedPrecondition("action " + ref + " is " + status +
                                        "; only a completed or dropped action can be reopened");
    }
    return Status::Ok();
  }
  if (a.closed()) {
    return Status::FailedPrecondition("action " + ref + " is " + status + "; reopen it before you " +
                                      std::string(VerbOf(kind).doing) + " it");
  }
  switch (kind) {
    case Kind::kStart:
      if (a.status == ActionState::Status::kInProgress) {
        return Status::FailedPrecondition("action " + ref + " is already in progress");
      }
      return Status::Ok();
    case Kind::kBlock:
      if (a.blocked) {
        return Status::FailedPrecondition("action " + ref + " is already blocked (" + a.block_reason + ")");
      }
      return Status::Ok();
    case Kind::kUnblock:
      if (!a.blocked) return Status::FailedPrecondition("action " + ref + " is not blocked");
      return Status::Ok();
    case Kind::kComplete:
      if (a.blocked) {
        return Status::FailedPrecondition("action " + ref + " is blocked (" + a.block_reason +
                                          "); unblock it before completing it");
      }
      return Status::Ok();
    default:
      return Status::Ok();
  }
}

// The text each update needs (the note, reason or evidence), and the message when it is missing.
Status RequiredText(const command::UpdateAction& u) {
  const ActionVerb& verb = VerbOf(u.kind);
  return verb.text_missing.empty() ? Status::Ok() : Require(u.text, std::string(verb.text_missing)).OnField("text");
}

// A due date (`what`: "due date") must be a day on or after the day of the meeting that
// agreed the action; a meeting with no held date stands for one not read yet.
void CheckDue(FieldChecks& checks, const std::string& due, std::string_view what, const MeetingState& meeting) {
  auto day = checks.Take(reference::ParseDate(due, what), "due");
  if (day && !meeting.held_date.empty() && due < meeting.held_date) {
    auto held = reference::ParseDate(meeting.held_date, "held date");
    checks.Check(Status::InvalidArgument(reference::Sentence(what) + " must be on or after the day of meeting " + meeting.id +
                                         ", " + (held.ok() ? reference::WrittenDate(*held) : meeting.held_date)),
                 "due");
  }
}

}  // namespace

Result<Change> Decide(const Context& c, const command::AgreeAction& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "record agreed actions"));
  // The action's own fields first, all of them, then what they mean at its meeting.
  FieldChecks checks;
  checks.Check(Require(cmd.text, "Enter what was agreed"), "text");
  std::optional<schema::Theme> theme;
  if (!cmd.theme.empty()) theme = checks.Choice(cmd.theme, reference::ParseTheme, "theme", "theme");
  auto lead = checks.Choice(cmd.lead_agency, reference::FindAgency, "lead agency", "lead");
  std::vector<std::string> supporting = checks.Agencies(cmd.supporting_agencies, "supporting agency", "supporting");
  if (lead && std::erase(supporting, *lead) > 0) {
    checks.Check(Status::InvalidArgument(*lead + " leads the action, so cannot also support it"), "supporting");
  }
  CheckDue(checks, cmd.due_date, "due date", MeetingState{});
  std::optional<schema::Priority> priority = schema::Priority::MEDIUM;
  if (!cmd.priority.empty()) priority = checks.Choice(cmd.priority, reference::ParsePriority, "priority", "priority");
  JEM_RETURN_IF_ERROR(checks.Verdict());

  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "actions"));
  const MeetingState& meeting = m.state;
  CheckDue(checks, cmd.due_date, "due date", meeting);
  JEM_RETURN_IF_ERROR(checks.Verdict());
  if (!theme) theme = meeting.theme;
  JEM_ASSIGN_OR_RETURN(auto ref, OnField(ChooseId(c, meeting, cmd.reference, ActionStream, "action"), "ref"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initActionAgreed();
    e.setReference(AsText(ref));
    e.setMeetingId(AsText(meeting.id));
    e.setText(AsText(cmd.text));
    e.setTheme(*theme);
    e.setLeadAgency(AsText(*lead));
    SetTextList(e.initSupportingAgencies(unsigned(supporting.size())), supporting);
    e.setDueDate(AsText(cmd.due_date));
    e.setPriority(*priority);
  });
  return Change{ref, ActionStream(ref), 0, std::move(body), OccurredOn(c, meeting.held_date)};
}

Result<Change> Decide(const Context& c, const command::UpdateAction& cmd) {
  JEM_ASSIGN_OR_RETURN(auto loaded, Load<ActionState>(c.catalog, ActionStream(cmd.reference)));
  const ActionState& a = loaded.state;
  // A partner cannot write to what it cannot see, nor learn from the refusal that it exists.
  const bool hidden = c.caller.role == Role::kPartner && !access::MaySee(c.caller, a);
  if (a.status == ActionState::Status::kNone || hidden) return access::NoSuchAction(cmd.reference);
  JEM_RETURN_IF_ERROR(MayUpdate(c.caller, a, cmd.kind));
  JEM_RETURN_IF_ERROR(Allowed(a, cmd.kind));
  FieldChecks checks;
  checks.Check(RequiredText(cmd), "text");
  JEM_ASSIGN_OR_RETURN(auto meeting, Load<MeetingState>(c.catalog, MeetingStream(a.meeting_id)));
  auto when = checks.Take(HappenedOn(c, cmd.happened_on, meeting.state.held_date, "action " + a.reference), "happened_on");
  if (cmd.kind == Kind::kNote && cmd.percent_complete &&
      (*cmd.percent_complete < 0 || *cmd.percent_complete > 100)) {
    checks.Check(Status::InvalidArgument("Percent complete must be from 0 to 100, not " +
                                         std::to_string(*cmd.percent_complete)), "percent");
  }
  if (cmd.kind == Kind::kRedate) {
    CheckDue(checks, cmd.new_due_date, "new due date", meeting.state);
    if (cmd.new_due_date == a.due) {
      checks.Check(Status::InvalidArgument("Enter a new due date: action " + a.reference + " is already due on " +
                                           a.due), "due");
    }
  }
  std::string new_lead;
  if (cmd.kind == Kind::kReassign) {
    auto lead = checks.Choice(cmd.new_lead_agency, reference::FindAgency, "new lead agency", "to");
    if (lead && *lead == a.lead_agency) {
      checks.Check(Status::InvalidArgument("Choose another agency: " + *lead + " already leads action " + a.reference), "to");
    }
    new_lead = lead.value_or("");
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    switch (cmd.kind) {
      case Kind::kStart: b.initActionStarted().setNote(AsText(cmd.text)); break;
      case Kind::kNote: {
        auto e = b.initActionProgressNoted();
        e.setText(AsText(cmd.text));
        e.setPercentComplete(int8_t(cmd.percent_complete.value_or(-1)));
        break;
      }
      case Kind::kBlock: b.initActionBlocked().setReason(AsText(cmd.text)); break;
      case Kind::kUnblock: b.initActionUnblocked().setNote(AsText(cmd.text)); break;
      case Kind::kComplete: b.initActionCompleted().setEvidence(AsText(cmd.text)); break;
      case Kind::kDrop: b.initActionDropped().setReason(AsText(cmd.text)); break;
      case Kind::kReopen: b.initActionReopened().setReason(AsText(cmd.text)); break;
      case Kind::kRedate: {
        auto e = b.initActionDueDateChanged();
        e.setOldDate(AsText(a.due));
        e.setNewDate(AsText(cmd.new_due_date));
        e.setReason(AsText(cmd.text));
        break;
      }
      case Kind::kReassign: {
        auto e = b.initActionReassigned();
        e.setFromAgency(AsText(a.lead_agency));
        e.setToAgency(AsText(new_lead));
        e.setReason(AsText(cmd.text));
        break;
      }
    }
  });
  return Change{a.reference, ActionStream(a.reference), loaded.version, std::move(body), *when};
}

}  // namespace jem::rules

namespace jem {

Status CheckActionUpdate(const Caller& caller, const ActionState& action, command::UpdateAction::Kind kind) {
  JEM_RETURN_IF_ERROR(rules::MayUpdate(caller, action, kind));
  return rules::Allowed(action, kind);
}

}  // namespace jem
