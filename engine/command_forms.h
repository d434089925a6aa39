// Each command read from named fields: the one mapping from fields to commands, shared by
// the API (JSON bodies), imports (YAML) and pages (HTML forms). A form lists the fields it
// reads, so the API document describes exactly what the mapping takes.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/fields.h"
#include "engine/verbs.h"

namespace jem {

struct FormField {
  enum class Type { kText, kList, kInteger, kObjects };
  std::string_view name;
  Type type;
  std::string_view description;
  std::span<const FormField> fields = {};  // kObjects: the fields of each object
  int64_t min = 0, max = 0;                // kInteger: the range
};

struct Form {
  std::string_view name;  // "ScheduleMeeting": names the request body in the API document
  std::span<const FormField> fields;
  // Reads the command from `fields`; `subject` is what the command acts on when it is not
  // a field (the meeting, action, good practice, issue or token named in the URL).
  Result<AnyCommand> (*read)(const FieldSource& fields, const std::string& subject);

  // The names of the fields, for FieldSource::OnlyKeys.
  std::vector<std::string_view> names() const;
};

const Form& ScheduleMeetingForm();
const Form& RescheduleMeetingForm();
const Form& CancelMeetingForm();
const Form& HoldMeetingForm();
const Form& RecordDecisionForm();
const Form& GiveFeedbackForm();
const Form& AgreeActionForm();       // subject: the meeting, or "" to read field 'meeting'
const Form& UpdateActionForm(command::UpdateAction::Kind kind);
const Form& IdentifyPracticeForm();  // subject as AgreeActionForm
const Form& UpdatePracticeForm(command::UpdatePractice::Kind kind);
const Form& RaiseIssueForm();        // subject as AgreeActionForm
const Form& UpdateIssueForm(command::UpdateIssue::Kind kind);
const Form& PublishFollowUpForm();   // subject: the meeting; the report's hash is the server's to compute
const Form& SetContactForm();       // subject: the contact to change, or "" to add one
const Form& RemoveContactForm();    // subject: the contact
const Form& ResetCalendarFeedForm(); // subject: the agency; the secret is the server's to make
const Form& IssueTokenForm();        // subject: the new token's id
const Form& RevokeTokenForm();
const Form& CorrectEventForm();     // subject: the wrong event's position
// Every form above, each once (an update form per verb): the one list the fuzzer and the
// tests go through.
const std::vector<const Form*>& EveryForm();

// Checks that `fields` holds only `form`'s fields (and `extra` ones), then reads it.
Result<AnyCommand> ReadForm(const Form& form, const FieldSource& fields, const std::string& subject,
                            std::string_view what, std::span<const std::string_view> extra = {});

}  // namespace jem
