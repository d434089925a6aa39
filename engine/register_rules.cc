// Rules for the registers: good practice (identified -> validated -> disseminated, or
// rejected) and pan-London issues (raised, updated, resolved), which officers keep; and
// corrections of the record, which officers make.
#include "engine/rules.h"
#include "engine/verbs.h"
#include "projections/corrections.h"
#include "projections/reference.h"

namespace jem::rules {

Result<Change> Decide(const Context& c, const command::IdentifyPractice& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "record good practice"));
  FieldChecks checks;
  checks.Check(Require(cmd.title, "Enter the good practice's title"), "title");
  checks.Check(Require(cmd.description, "Enter what the good practice is"), "description");
  std::optional<std::string> scope;
  if (!cmd.borough.empty()) scope = checks.Take(reference::FindScope(cmd.borough), "borough");
  std::optional<schema::Theme> theme;
  if (!cmd.theme.empty()) theme = checks.Choice(cmd.theme, reference::ParseTheme, "theme", "theme");
  auto partners = checks.Agencies(cmd.partners, "partner agency", "partners");
  JEM_RETURN_IF_ERROR(checks.Verdict());
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "good practices"));
  if (!scope) scope = m.state.borough;
  if (!theme) theme = m.state.theme;
  JEM_ASSIGN_OR_RETURN(auto id, OnField(ChooseId(c, m.state, cmd.practice_id, PracticeStream, "good practice"), "id"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initGoodPracticeIdentified();
    e.setPracticeId(AsText(id));
    e.setMeetingId(AsText(cmd.meeting_id));
    e.setTitle(AsText(cmd.title));
    e.setBorough(AsText(*scope));
    e.setTheme(*theme);
    auto list = e.initPartners(unsigned(partners.size()));
    for (size_t i = 0; i < partners.size(); ++i) list.set(unsigned(i), AsText((partners)[i]));
    e.setDescription(AsText(cmd.description));
    e.setContact(AsText(cmd.contact));
  });
  return Change{id, PracticeStream(id), 0, std::move(body), OccurredOn(c, m.state.held_date)};
}

Result<Change> Decide(const Context& c, const command::UpdatePractice& cmd) {
  using Kind = command::UpdatePractice::Kind;
  using S = PracticeState::Status;
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "validate, disseminate or reject good practice"));
  JEM_ASSIGN_OR_RETURN(auto p, Load<PracticeState>(c.catalog, PracticeStream(cmd.practice_id)));
  const PracticeState& s = p.state;
  if (s.status == S::kNone) return Status::NotFound("there is no good practice " + cmd.practice_id);
  const std::string is = "good practice " + s.id + " is " + std::string(StatusName(s.status));
  switch (cmd.kind) {
    case Kind::kValidate:
      if (s.status != S::kIdentified) return Status::FailedPrecondition(is + "; only identified practice can be validated");
      break;
    case Kind::kDisseminate:
      if (s.status != S::kValidated) return Status::FailedPrecondition(is + "; validate it before disseminating it");
      break;
    case Kind::kReject:
      if (s.status != S::kIdentified && s.status != S::kValidated) {
        return Status::FailedPrecondition(is + "; only identified or validated practice can be rejected");
      }
      break;
  }
  if (const auto& missing = VerbOf(cmd.kind).text_missing; !missing.empty()) {
    JEM_RETURN_IF_ERROR(Require(cmd.text, std::string(missing)).OnField("text"));
  }
  JEM_ASSIGN_OR_RETURN(auto meeting, Load<MeetingState>(c.catalog, MeetingStream(s.meeting_id)));
  JEM_ASSIGN_OR_RETURN(auto when, HappenedOn(c, cmd.happened_on, meeting.state.held_date, "good practice " + s.id));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    switch (cmd.kind) {
      case Kind::kValidate: b.initGoodPracticeValidated().setNote(AsText(cmd.text)); break;
      case Kind::kDisseminate: b.initGoodPracticeDisseminated().setHow(AsText(cmd.text)); break;
      case Kind::kReject: b.initGoodPracticeRejected().setReason(AsText(cmd.text)); break;
    }
  });
  return Change{s.id, PracticeStream(s.id), p.version, std::move(body), when};
}

Result<Change> Decide(const Context& c, const command::RaiseIssue& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "raise pan-London issues"));
  FieldChecks checks;
  checks.Check(Require(cmd.title, "Enter the issue's title"), "title");
  auto lead = checks.Choice(cmd.lead_agency, reference::FindAgency, "lead agency", "lead");
  JEM_RETURN_IF_ERROR(checks.Verdict());
  JEM_ASSIGN_OR_RETURN(auto m, HeldMeeting(c, cmd.meeting_id, "pan-London issues"));
  JEM_ASSIGN_OR_RETURN(auto id, OnField(ChooseId(c, m.state, cmd.issue_id, IssueStream, "pan-London issue"), "id"));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initPanLondonIssueRaised();
    e.setIssueId(AsText(id));
    e.setMeetingId(AsText(cmd.meeting_id));
    e.setTitle(AsText(cmd.title));
    e.setDescription(AsText(cmd.description));
    e.setLeadAgency(AsText(*lead));
  });
  return Change{id, IssueStream(id), 0, std::move(body), OccurredOn(c, m.state.held_date)};
}

Result<Change> Decide(const Context& c, const command::UpdateIssue& cmd) {
  using Kind = command::UpdateIssue::Kind;
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "update pan-London issues"));
  JEM_ASSIGN_OR_RETURN(auto i, Load<IssueState>(c.catalog, IssueStream(cmd.issue_id)));
  if (i.state.status == IssueState::Status::kNone) {
    return Status::NotFound("there is no pan-London issue " + cmd.issue_id);
  }
  if (i.state.status == IssueState::Status::kResolved) {
    return Status::FailedPrecondition("pan-London issue " + cmd.issue_id + " is already resolved");
  }
  JEM_RETURN_IF_ERROR(Require(cmd.text, std::string(VerbOf(cmd.kind).text_missing)).OnField("text"));
  JEM_ASSIGN_OR_RETURN(auto meeting, Load<MeetingState>(c.catalog, MeetingStream(i.state.meeting_id)));
  JEM_ASSIGN_OR_RETURN(auto when, HappenedOn(c, cmd.happened_on, meeting.state.held_date,
                                             "pan-London issue " + cmd.issue_id));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    if (cmd.kind == Kind::kResolve) {
      b.initPanLondonIssueResolved().setResolution(AsText(cmd.text));
    } else {
      b.initPanLondonIssueUpdated().setText(AsText(cmd.text));
    }
  });
  return Change{cmd.issue_id, IssueStream(cmd.issue_id), i.version, std::move(body), when};
}

Result<Change> Decide(const Context& c, const command::CorrectEvent& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "correct the record"));
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "a correction needs to say what was wrong"));
  JEM_ASSIGN_OR_RETURN(auto wrong, c.catalog.At(cmd.position));
  if (!wrong) return Status::NotFound("there is no event at position " + std::to_string(cmd.position));
  // The correction joins the stream of the event it corrects, after its latest event.
  JEM_ASSIGN_OR_RETURN(auto version, Version(c.catalog, (wrong)->stream));
  const std::string kind = (wrong)->stream.substr(0, (wrong)->stream.find('-'));
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [field, value] : cmd.fields) {
    for (const auto& earlier : fields) {
      if (earlier.first == field) return Status::InvalidArgument("field '" + field + "' is corrected twice").OnField("set");
    }
    auto right = corrections::Check(kind, field, value);
    if (!right.ok()) return right.status().OnField("set");
    fields.emplace_back(field, std::move(right).value());
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initCorrection();
    e.setCorrectedPosition(cmd.position);
    e.setCorrectedEventId(capnp::Data::Reader((wrong)->id.data, sizeof (wrong)->id.data));
    e.setReason(AsText(cmd.reason));
    auto list = e.initFields(unsigned(fields.size()));
    for (size_t i = 0; i < fields.size(); ++i) {
      list[unsigned(i)].setField(AsText(fields[i].first));
      list[unsigned(i)].setValue(AsText(fields[i].second));
    }
  });
  const std::string subject = (wrong)->stream.substr((wrong)->stream.find('-') + 1);
  return Change{subject, (wrong)->stream, version, std::move(body), c.occurred_at};
}

}  // namespace jem::rules
