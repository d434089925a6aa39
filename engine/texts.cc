#include "engine/texts.h"

namespace jem {
namespace {

using text::Lines;

// The texts of one kind of command, added to `out`.
class Texts {
 public:
  explicit Texts(std::vector<CommandText>& out) : out_(out) {}

  Texts& One(std::string field, const std::string& text) { return Add(std::move(field), text, Lines::kOne); }
  Texts& Many(std::string field, const std::string& text) { return Add(std::move(field), text, Lines::kMany); }
  Texts& List(const std::string& field, const std::vector<std::string>& texts) {
    for (size_t i = 0; i < texts.size(); ++i) One(field + "." + std::to_string(i), texts[i]);
    return *this;
  }

  void operator()(const command::PlanRound& c) {
    One("title", c.title).List("themes", c.themes).One("start", c.start_date).One("end", c.end_date);
  }
  void operator()(const command::ScheduleMeeting& c) {
    One("borough", c.borough).One("theme", c.theme).One("date", c.date).One("start", c.start_time);
    One("end", c.end_time).One("room", c.room).One("chair", c.chair);
  }
  void operator()(const command::RescheduleMeeting& c) {
    One("meeting", c.meeting_id).One("date", c.date).One("start", c.start_time).One("end", c.end_time);
    One("room", c.room).Many("reason", c.reason);
  }
  void operator()(const command::CancelMeeting& c) { One("meeting", c.meeting_id).Many("reason", c.reason); }
  void operator()(const command::HoldMeeting& c) {
    One("meeting", c.meeting_id).One("date", c.date).One("chair", c.chair);
    for (size_t i = 0; i < c.attendees.size(); ++i) {
      const std::string at = "attendees." + std::to_string(i) + ".";
      One(at + "name", c.attendees[i].name).One(at + "agency", c.attendees[i].agency).One(at + "role", c.attendees[i].role);
    }
  }
  void operator()(const command::RecordDecision& c) { One("meeting", c.meeting_id).Many("text", c.text); }
  void operator()(const command::GiveFeedback& c) {
    One("meeting", c.meeting_id).One("from", c.from_agency).Many("positive", c.positive);
    Many("suggestions", c.suggestions);
  }
  void operator()(const command::AgreeAction& c) {
    One("meeting", c.meeting_id).One("ref", c.reference).Many("text", c.text).One("theme", c.theme);
    One("lead", c.lead_agency).List("supporting", c.supporting_agencies).One("due", c.due_date);
    One("priority", c.priority);
  }
  void operator()(const command::UpdateAction& c) {
    One("ref", c.reference).Many("text", c.text).One("due", c.new_due_date).One("to", c.new_lead_agency);
  }
  void operator()(const command::IdentifyPractice& c) {
    One("meeting", c.meeting_id).One("id", c.practice_id).One("title", c.title).One("borough", c.borough);
    One("theme", c.theme).List("partners", c.partners).Many("description", c.description).One("contact", c.contact);
  }
  void operator()(const command::UpdatePractice& c) { One("id", c.practice_id).Many("text", c.text); }
  void operator()(const command::RaiseIssue& c) {
    One("meeting", c.meeting_id).One("id", c.issue_id).One("title", c.title).Many("description", c.description);
    One("lead", c.lead_agency);
  }
  void operator()(const command::UpdateIssue& c) { One("id", c.issue_id).Many("text", c.text); }
  // A corrected value may span lines here; the field it sets says whether it may (projections/corrections.h).
  void operator()(const command::CorrectEvent& c) {
    Many("reason", c.reason);
    for (size_t i = 0; i < c.fields.size(); ++i) {
      One("set." + std::to_string(i) + ".field", c.fields[i].first).Many("set." + std::to_string(i) + ".value", c.fields[i].second);
    }
  }
  void operator()(const command::IssueToken& c) {
    One("token", c.token_id).One("user", c.user_id).One("role", c.role).One("agency", c.agency);
  }
  void operator()(const command::RevokeToken& c) { One("token", c.token_id).Many("reason", c.reason); }
  void operator()(const command::PublishFollowUp& c) {
    One("meeting", c.meeting_id).One("as_of", c.as_of).Many("summary", c.summary);
  }
  void operator()(const command::SetContact& c) {
    One("id", c.contact_id).One("kind", c.kind).One("name", c.name).One("email", c.email).One("agency", c.agency);
    One("borough", c.borough).One("user", c.user_id);
  }
  void operator()(const command::RemoveContact& c) { One("id", c.contact_id).Many("reason", c.reason); }
  void operator()(const command::ResetCalendarFeed& c) { One("agency", c.agency); }

 private:
  Texts& Add(std::string field, const std::string& text, Lines lines) {
    out_.push_back({std::move(field), &text, lines});
    return *this;
  }
  std::vector<CommandText>& out_;
};

}  // namespace

std::vector<CommandText> TextsOf(const AnyCommand& command) {
  std::vector<CommandText> out;
  std::visit(Texts(out), command);
  return out;
}

Status CheckTexts(const AnyCommand& command) {
  for (const CommandText& t : TextsOf(command)) {
    if (auto problem = text::Problem(*t.text, t.lines)) {
      return Status::InvalidArgument("'" + t.field + "' " + *problem).OnField(t.field);
    }
  }
  return Status::Ok();
}

}  // namespace jem
