#include "engine/command_forms.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "projections/reference.h"

namespace jem {
namespace {

using T = FormField::Type;

constexpr FormField kAttendee[] = {
    {"name", T::kText, "who attended"},
    {"agency", T::kText, "the agency they came for (MPA, MPS, Council, TfL, ...)"},
    {"role", T::kText, "their role, e.g. Chair"},
};

constexpr FormField kSchedule[] = {
    {"borough", T::kText, "a borough, by name or code (Camden, CAM)"},
    {"round", T::kInteger, "the round of JEMs", {}, 1, 1000},
    {"theme", T::kText, reference::kThemeChoices},
    {"date", T::kText, "YYYY-MM-DD"},
    {"start", T::kText, "HH:MM"},
    {"end", T::kText, "HH:MM"},
    {"room", T::kText, "where it meets"},
    {"chair", T::kText, "who chairs it"},
    {"invited", T::kList, "the agencies invited"},
};
constexpr FormField kReschedule[] = {
    {"date", T::kText, "YYYY-MM-DD (default: unchanged)"}, {"start", T::kText, "HH:MM (default: unchanged)"},
    {"end", T::kText, "HH:MM (default: unchanged)"},       {"room", T::kText, "default: unchanged"},
    {"reason", T::kText, "why it moves"},
};
constexpr FormField kReason[] = {{"reason", T::kText, "why"}};
constexpr FormField kHold[] = {
    {"date", T::kText, "the day it was held, YYYY-MM-DD (default: the scheduled day)"},
    {"chair", T::kText, "who chaired it (default: the scheduled chair)"},
    {"attendees", T::kObjects, "who attended", kAttendee},
};
constexpr FormField kText[] = {{"text", T::kText, "the text"}};
// Every update of a record can say when it happened, if that was not today.
constexpr FormField kHappenedOn = {"happened_on", T::kText,
                                   "the day it happened, YYYY-MM-DD (default: today); not after today, nor before "
                                   "the record it updates began"};
constexpr FormField kStepText[] = {{"text", T::kText, "the text"}, kHappenedOn};
constexpr FormField kFeedback[] = {
    {"from", T::kText, "the agency giving it (default: a partner's own)"},
    {"positive", T::kText, "what worked"},
    {"suggestions", T::kText, "what could be better"},
    kHappenedOn,
};
constexpr FormField kAgree[] = {
    {"meeting", T::kText, "the held meeting that agreed it, e.g. CAM-20090616"},
    {"ref", T::kText, "a reference such as CAM-2009-03 (default: the next free one)"},
    {"text", T::kText, "what was agreed"},
    {"theme", T::kText, "default: the meeting's theme"},
    {"lead", T::kText, "the lead agency"},
    {"supporting", T::kList, "supporting agencies"},
    {"due", T::kText, "due date, YYYY-MM-DD"},
    {"priority", T::kText, "low, medium (default) or high"},
};
constexpr FormField kIdentify[] = {
    {"meeting", T::kText, "the held meeting where it was identified"},
    {"id", T::kText, "an id such as CAM-2009-01 (default: the next free one)"},
    {"title", T::kText, "a short title"},
    {"borough", T::kText, "a borough, or pan-London (default: the meeting's)"},
    {"theme", T::kText, "default: the meeting's theme"},
    {"partners", T::kList, "partner agencies involved"},
    {"description", T::kText, "what the practice is"},
    {"contact", T::kText, "who to ask about it"},
};
constexpr FormField kRaise[] = {
    {"meeting", T::kText, "the held meeting where it was raised"},
    {"id", T::kText, "an id such as CAM-2009-01 (default: the next free one)"},
    {"title", T::kText, "a short title"},
    {"description", T::kText, "the problem across boroughs"},
    {"lead", T::kText, "the lead agency"},
};
constexpr FormField kPublish[] = {
    {"as_of", T::kText, "the report as recorded by the end of this day, YYYY-MM-DD (default: today)"},
    {"summary", T::kText, "a line on what the committee was told"},
};
constexpr FormField kIssueToken[] = {
    {"user", T::kText, "who will hold it"},
    {"role", T::kText, "officer, partner, auditor or admin"},
    {"agency", T::kText, "a partner's agency"},
};

constexpr FormField kContact[] = {
    {"id", T::kText, "the contact's id, such as tfl-camden (adding: taken from the name if not given)"},
    {"kind", T::kText, "agency, chair, officer or secretary"},
    {"name", T::kText, "the person's or team's name; for a chair, as meetings name them"},
    {"email", T::kText, "where reminders are sent"},
    {"agency", T::kText, "agency contacts: the agency whose actions they are chased for"},
    {"borough", T::kText, "agency contacts: only this borough's actions (all boroughs if not given)"},
    {"user", T::kText, "officer contacts: the user id they log meetings as"},
};

Result<std::string> SubjectOr(const FieldSource& f, const std::string& subject, std::string_view key) {
  if (!subject.empty()) return subject;
  return f.Text(key);
}

Result<AnyCommand> ReadSchedule(const FieldSource& f, const std::string&) {
  command::ScheduleMeeting c;
  JEM_ASSIGN_OR_RETURN(c.borough, f.Text("borough"));
  JEM_ASSIGN_OR_RETURN(auto round, f.Integer("round", 1, 1000));
  c.round = uint32_t(round.value_or(0));
  JEM_ASSIGN_OR_RETURN(c.theme, f.Text("theme"));
  JEM_ASSIGN_OR_RETURN(c.date, f.Text("date"));
  JEM_ASSIGN_OR_RETURN(c.start_time, f.Text("start"));
  JEM_ASSIGN_OR_RETURN(c.end_time, f.Text("end"));
  JEM_ASSIGN_OR_RETURN(c.room, f.Text("room"));
  JEM_ASSIGN_OR_RETURN(c.chair, f.Text("chair"));
  JEM_ASSIGN_OR_RETURN(c.invited, f.List("invited"));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadReschedule(const FieldSource& f, const std::string& meeting) {
  command::RescheduleMeeting c{meeting, "", "", "", "", ""};
  JEM_ASSIGN_OR_RETURN(c.date, f.Text("date"));
  JEM_ASSIGN_OR_RETURN(c.start_time, f.Text("start"));
  JEM_ASSIGN_OR_RETURN(c.end_time, f.Text("end"));
  JEM_ASSIGN_OR_RETURN(c.room, f.Text("room"));
  JEM_ASSIGN_OR_RETURN(c.reason, f.Text("reason"));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadCancel(const FieldSource& f, const std::string& meeting) {
  JEM_ASSIGN_OR_RETURN(auto reason, f.Text("reason"));
  return AnyCommand(command::CancelMeeting{meeting, std::move(reason)});
}

Result<AnyCommand> ReadHold(const FieldSource& f, const std::string& meeting) {
  command::HoldMeeting c{meeting, "", "", {}};
  JEM_ASSIGN_OR_RETURN(c.date, f.Text("date"));
  JEM_ASSIGN_OR_RETURN(c.chair, f.Text("chair"));
  JEM_ASSIGN_OR_RETURN(auto attendees, f.Objects("attendees"));
  for (const auto& a : attendees) {
    std::vector<std::string_view> names;
    for (const FormField& field : kAttendee) names.push_back(field.name);
    JEM_RETURN_IF_ERROR(a->OnlyKeys("an attendee", names));
    command::Attendee who;
    JEM_ASSIGN_OR_RETURN(who.name, a->Text("name"));
    JEM_ASSIGN_OR_RETURN(who.agency, a->Text("agency"));
    JEM_ASSIGN_OR_RETURN(who.role, a->Text("role"));
    c.attendees.push_back(std::move(who));
  }
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadDecision(const FieldSource& f, const std::string& meeting) {
  JEM_ASSIGN_OR_RETURN(auto text, f.Text("text"));
  return AnyCommand(command::RecordDecision{meeting, std::move(text)});
}

Result<AnyCommand> ReadFeedback(const FieldSource& f, const std::string& meeting) {
  command::GiveFeedback c{meeting, "", "", ""};
  JEM_ASSIGN_OR_RETURN(c.from_agency, f.Text("from"));
  JEM_ASSIGN_OR_RETURN(c.positive, f.Text("positive"));
  JEM_ASSIGN_OR_RETURN(c.suggestions, f.Text("suggestions"));
  JEM_ASSIGN_OR_RETURN(c.happened_on, f.Text("happened_on"));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadAgree(const FieldSource& f, const std::string& meeting) {
  command::AgreeAction c;
  JEM_ASSIGN_OR_RETURN(c.meeting_id, SubjectOr(f, meeting, "meeting"));
  JEM_ASSIGN_OR_RETURN(c.reference, f.Text("ref"));
  JEM_ASSIGN_OR_RETURN(c.text, f.Text("text"));
  JEM_ASSIGN_OR_RETURN(c.theme, f.Text("theme"));
  JEM_ASSIGN_OR_RETURN(c.lead_agency, f.Text("lead"));
  JEM_ASSIGN_OR_RETURN(c.supporting_agencies, f.List("supporting"));
  JEM_ASSIGN_OR_RETURN(c.due_date, f.Text("due"));
  JEM_ASSIGN_OR_RETURN(c.priority, f.Text("priority"));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadIdentify(const FieldSource& f, const std::string& meeting) {
  command::IdentifyPractice c;
  JEM_ASSIGN_OR_RETURN(c.meeting_id, SubjectOr(f, meeting, "meeting"));
  JEM_ASSIGN_OR_RETURN(c.practice_id, f.Text("id"));
  JEM_ASSIGN_OR_RETURN(c.title, f.Text("title"));
  JEM_ASSIGN_OR_RETURN(c.borough, f.Text("borough"));
  JEM_ASSIGN_OR_RETURN(c.theme, f.Text("theme"));
  JEM_ASSIGN_OR_RETURN(c.partners, f.List("partners"));
  JEM_ASSIGN_OR_RETURN(c.description, f.Text("description"));
  JEM_ASSIGN_OR_RETURN(c.contact, f.Text("contact"));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadRaise(const FieldSource& f, const std::string& meeting) {
  command::RaiseIssue c;
  JEM_ASSIGN_OR_RETURN(c.meeting_id, SubjectOr(f, meeting, "meeting"));
  JEM_ASSIGN_OR_RETURN(c.issue_id, f.Text("id"));
  JEM_ASSIGN_OR_RETURN(c.title, f.Text("title"));
  JEM_ASSIGN_OR_RETURN(c.description, f.Text("description"));
  JEM_ASSIGN_OR_RETURN(c.lead_agency, f.Text("lead"));
  return AnyCommand(std::move(c));
}

// The report's hash is not a field: the server computes it from the record (engine/publication.h).
Result<AnyCommand> ReadPublish(const FieldSource& f, const std::string& meeting) {
  command::PublishFollowUp c;
  c.meeting_id = meeting;
  JEM_ASSIGN_OR_RETURN(c.as_of, f.Text("as_of"));
  JEM_ASSIGN_OR_RETURN(c.summary, f.Text("summary"));
  return AnyCommand(std::move(c));
}

// "Transport for London, Camden" -> "transport-for-london-camden": an id from a name.
std::string Slug(std::string_view name) {
  std::string out;
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 128) {
      out += char(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 63);
}

// Subject: the contact named in the URL (changing it), or "" to add one (its id a field).
Result<AnyCommand> ReadContact(const FieldSource& f, const std::string& contact_id) {
  command::SetContact c;
  c.must_be_new = contact_id.empty();
  JEM_ASSIGN_OR_RETURN(c.kind, f.Text("kind"));
  JEM_ASSIGN_OR_RETURN(c.name, f.Text("name"));
  JEM_ASSIGN_OR_RETURN(c.email, f.Text("email"));
  JEM_ASSIGN_OR_RETURN(c.agency, f.Text("agency"));
  JEM_ASSIGN_OR_RETURN(c.borough, f.Text("borough"));
  JEM_ASSIGN_OR_RETURN(c.user_id, f.Text("user"));
  JEM_ASSIGN_OR_RETURN(c.contact_id, f.Text("id"));
  if (!contact_id.empty() && !c.contact_id.empty() && c.contact_id != contact_id) {
    return Status::InvalidArgument("a contact's id cannot change: remove it and add another").OnField("id");
  }
  if (!contact_id.empty()) c.contact_id = contact_id;
  if (c.contact_id.empty()) c.contact_id = Slug(c.name + (c.borough.empty() ? "" : " " + c.borough));
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadRemoveContact(const FieldSource& f, const std::string& contact_id) {
  JEM_ASSIGN_OR_RETURN(auto reason, f.Text("reason"));
  return AnyCommand(command::RemoveContact{contact_id, std::move(reason)});
}

// The feed's hash is not a field: the server makes the secret and records its hash.
Result<AnyCommand> ReadResetCalendar(const FieldSource&, const std::string& agency) {
  return AnyCommand(command::ResetCalendarFeed{agency, {}});
}

Result<AnyCommand> ReadIssueToken(const FieldSource& f, const std::string& token_id) {
  command::IssueToken c;
  c.token_id = token_id;
  JEM_ASSIGN_OR_RETURN(c.user_id, f.Text("user"));
  JEM_ASSIGN_OR_RETURN(c.role, f.Text("role"));
  JEM_ASSIGN_OR_RETURN(c.agency, f.Text("agency"));
  return AnyCommand(std::move(c));
}

constexpr FormField kCorrectedField[] = {
    {"field", T::kText, "a field of the record the wrong event is about, e.g. due"},
    {"value", T::kText, "its right value"},
};
constexpr FormField kCorrect[] = {
    {"reason", T::kText, "what was wrong"},
    {"set", T::kObjects, "the right values of the fields the event got wrong (optional)", kCorrectedField},
};

Result<AnyCommand> ReadCorrect(const FieldSource& f, const std::string& position) {
  command::CorrectEvent c;
  JEM_ASSIGN_OR_RETURN(c.position, ParseWholeNumber(position, "the position", UINT64_MAX / 2));
  JEM_ASSIGN_OR_RETURN(c.reason, f.Text("reason"));
  JEM_ASSIGN_OR_RETURN(auto sets, f.Objects("set"));
  for (const auto& s : sets) {
    static constexpr std::string_view kKeys[] = {"field", "value"};
    JEM_RETURN_IF_ERROR(s->OnlyKeys("a corrected field", kKeys));
    JEM_ASSIGN_OR_RETURN(auto field, s->Text("field"));
    JEM_ASSIGN_OR_RETURN(auto value, s->Text("value"));
    c.fields.emplace_back(std::move(field), std::move(value));
  }
  return AnyCommand(std::move(c));
}

Result<AnyCommand> ReadRevoke(const FieldSource& f, const std::string& token_id) {
  JEM_ASSIGN_OR_RETURN(auto reason, f.Text("reason"));
  return AnyCommand(command::RevokeToken{token_id, std::move(reason)});
}

// Action updates: every verb takes its text; note a percentage, redate a date, reassign an agency.
constexpr FormField kActionText = {"text", T::kText, "the note, reason or evidence the update needs"};
constexpr FormField kPercent = {"percent", T::kInteger, "percent complete", {}, 0, 100};
constexpr FormField kDue = {"due", T::kText, "the new due date, YYYY-MM-DD"};
constexpr FormField kTo = {"to", T::kText, "the new lead agency"};

template <command::UpdateAction::Kind kKind>
Result<AnyCommand> ReadActionUpdate(const FieldSource& f, const std::string& ref) {
  command::UpdateAction c;
  c.kind = kKind;
  c.reference = ref;
  JEM_ASSIGN_OR_RETURN(c.text, f.Text("text"));
  JEM_ASSIGN_OR_RETURN(c.happened_on, f.Text("happened_on"));
  using K = command::UpdateAction::Kind;
  if constexpr (kKind == K::kNote) {
    JEM_ASSIGN_OR_RETURN(auto percent, f.Integer("percent", kPercent.min, kPercent.max));
    if (percent) c.percent_complete = int(*percent);
  }
  if constexpr (kKind == K::kRedate) {
    JEM_ASSIGN_OR_RETURN(c.new_due_date, f.Text("due"));
  }
  if constexpr (kKind == K::kReassign) {
    JEM_ASSIGN_OR_RETURN(c.new_lead_agency, f.Text("to"));
  }
  return AnyCommand(std::move(c));
}

template <command::UpdatePractice::Kind kKind>
Result<AnyCommand> ReadPracticeUpdate(const FieldSource& f, const std::string& id) {
  JEM_ASSIGN_OR_RETURN(auto text, f.Text("text"));
  JEM_ASSIGN_OR_RETURN(auto on, f.Text("happened_on"));
  return AnyCommand(command::UpdatePractice{kKind, id, std::move(text), std::move(on)});
}

template <command::UpdateIssue::Kind kKind>
Result<AnyCommand> ReadIssueUpdate(const FieldSource& f, const std::string& id) {
  JEM_ASSIGN_OR_RETURN(auto text, f.Text("text"));
  JEM_ASSIGN_OR_RETURN(auto on, f.Text("happened_on"));
  return AnyCommand(command::UpdateIssue{kKind, id, std::move(text), std::move(on)});
}

constexpr FormField kNoteFields[] = {kActionText, kPercent, kHappenedOn};
constexpr FormField kRedateFields[] = {kActionText, kDue, kHappenedOn};
constexpr FormField kReassignFields[] = {kActionText, kTo, kHappenedOn};
constexpr FormField kTextOnly[] = {kActionText, kHappenedOn};

}  // namespace

std::vector<std::string_view> Form::names() const {
  std::vector<std::string_view> out;
  for (const FormField& f : fields) out.push_back(f.name);
  return out;
}

const Form& ScheduleMeetingForm() { static const Form f{"ScheduleMeeting", kSchedule, ReadSchedule}; return f; }
const Form& RescheduleMeetingForm() { static const Form f{"RescheduleMeeting", kReschedule, ReadReschedule}; return f; }
const Form& CancelMeetingForm() { static const Form f{"CancelMeeting", kReason, ReadCancel}; return f; }
const Form& HoldMeetingForm() { static const Form f{"HoldMeeting", kHold, ReadHold}; return f; }
const Form& RecordDecisionForm() { static const Form f{"RecordDecision", kText, ReadDecision}; return f; }
const Form& GiveFeedbackForm() { static const Form f{"GiveFeedback", kFeedback, ReadFeedback}; return f; }
const Form& AgreeActionForm() { static const Form f{"AgreeAction", kAgree, ReadAgree}; return f; }
const Form& IdentifyPracticeForm() { static const Form f{"IdentifyPractice", kIdentify, ReadIdentify}; return f; }
const Form& RaiseIssueForm() { static const Form f{"RaiseIssue", kRaise, ReadRaise}; return f; }
const Form& PublishFollowUpForm() { static const Form f{"PublishFollowUp", kPublish, ReadPublish}; return f; }
const Form& SetContactForm() { static const Form f{"SetContact", kContact, ReadContact}; return f; }
const Form& RemoveContactForm() { static const Form f{"RemoveContact", kReason, ReadRemoveContact}; return f; }
const Form& ResetCalendarFeedForm() { static const Form f{"ResetCalendarFeed", {}, ReadResetCalendar}; return f; }
const Form& IssueTokenForm() { static const Form f{"IssueToken", kIssueToken, ReadIssueToken}; return f; }
const Form& RevokeTokenForm() { static const Form f{"RevokeToken", kReason, ReadRevoke}; return f; }
const Form& CorrectEventForm() { static const Form f{"CorrectEvent", kCorrect, ReadCorrect}; return f; }

const Form& UpdateActionForm(command::UpdateAction::Kind kind) {
  using K = command::UpdateAction::Kind;
  static const std::map<K, Form> kForms = {
      {K::kStart, {"StartAction", kTextOnly, ReadActionUpdate<K::kStart>}},
      {K::kNote, {"NoteAction", kNoteFields, ReadActionUpdate<K::kNote>}},
      {K::kBlock, {"BlockAction", kTextOnly, ReadActionUpdate<K::kBlock>}},
      {K::kUnblock, {"UnblockAction", kTextOnly, ReadActionUpdate<K::kUnblock>}},
      {K::kComplete, {"CompleteAction", kTextOnly, ReadActionUpdate<K::kComplete>}},
      {K::kDrop, {"DropAction", kTextOnly, ReadActionUpdate<K::kDrop>}},
      {K::kReopen, {"ReopenAction", kTextOnly, ReadActionUpdate<K::kReopen>}},
      {K::kRedate, {"RedateAction", kRedateFields, ReadActionUpdate<K::kRedate>}},
      {K::kReassign, {"ReassignAction", kReassignFields, ReadActionUpdate<K::kReassign>}},
  };
  return kForms.at(kind);
}

const Form& UpdatePracticeForm(command::UpdatePractice::Kind kind) {
  using K = command::UpdatePractice::Kind;
  static const std::map<K, Form> kForms = {
      {K::kValidate, {"ValidatePractice", kStepText, ReadPracticeUpdate<K::kValidate>}},
      {K::kDisseminate, {"DisseminatePractice", kStepText, ReadPracticeUpdate<K::kDisseminate>}},
      {K::kReject, {"RejectPractice", kStepText, ReadPracticeUpdate<K::kReject>}},
  };
  return kForms.at(kind);
}

const Form& UpdateIssueForm(command::UpdateIssue::Kind kind) {
  using K = command::UpdateIssue::Kind;
  static const std::map<K, Form> kForms = {
      {K::kUpdate, {"UpdateIssue", kStepText, ReadIssueUpdate<K::kUpdate>}},
      {K::kResolve, {"ResolveIssue", kStepText, ReadIssueUpdate<K::kResolve>}},
  };
  return kForms.at(kind);
}

const std::vector<const Form*>& EveryForm() {
  static const std::vector<const Form*> kEvery = [] {
    std::vector<const Form*> forms = {
        &ScheduleMeetingForm(),   &RescheduleMeetingForm(), &CancelMeetingForm(), &HoldMeetingForm(),
        &RecordDecisionForm(),    &GiveFeedbackForm(),      &AgreeActionForm(),   &IdentifyPracticeForm(),
        &RaiseIssueForm(),        &PublishFollowUpForm(),   &SetContactForm(),    &RemoveContactForm(),
        &ResetCalendarFeedForm(), &IssueTokenForm(),        &RevokeTokenForm(),   &CorrectEventForm()};
    for (const auto& v : ActionVerbs()) forms.push_back(&UpdateActionForm(v.kind));
    for (const auto& v : PracticeVerbs()) forms.push_back(&UpdatePracticeForm(v.kind));
    for (const auto& v : IssueVerbs()) forms.push_back(&UpdateIssueForm(v.kind));
    return forms;
  }();
  return kEvery;
}

Result<AnyCommand> ReadForm(const Form& form, const FieldSource& fields, const std::string& subject,
                            std::string_view what, std::span<const std::string_view> extra) {
  std::vector<std::string_view> known = form.names();
  known.insert(known.end(), extra.begin(), extra.end());
  JEM_RETURN_IF_ERROR(fields.OnlyKeys(what, known));
  return form.read(fields, subject);
}

}  // namespace jem
