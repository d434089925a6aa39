// The verbs that update actions, good practice and pan-London issues: one table each,
// read by the rules (what each verb needs), the API (its routes), imports ('do: ...') and
// the CLI (its sub-commands), so a verb is named and described in one place.
#pragma once

#include <span>
#include <string_view>

#include "engine/commands.h"

namespace jem {

struct ActionVerb {
  command::UpdateAction::Kind kind;
  std::string_view name;          // "note": in URLs, imports and the CLI
  std::string_view doing;         // "note progress on": completes "only officers may ... actions"
  std::string_view help;          // one line for --help and the API document
  std::string_view title;         // a page's heading and button for it: "Note progress"
  std::string_view text_option;   // the CLI option for the text: "--evidence"
  std::string_view text_help;     // what the text is: "what shows it is done"
  std::string_view text_missing;  // the refusal when the text is missing; empty: optional
  bool officers_only;             // drop, reopen, reassign: not for partners
};

struct PracticeVerb {
  command::UpdatePractice::Kind kind;
  std::string_view name, help, text_option, text_help;
  std::string_view text_missing;  // empty: the text is optional
};

struct IssueVerb {
  command::UpdateIssue::Kind kind;
  std::string_view name, help, text_option, text_help;
  std::string_view text_missing;
};

std::span<const ActionVerb> ActionVerbs();
std::span<const PracticeVerb> PracticeVerbs();
std::span<const IssueVerb> IssueVerbs();

// The entry of a kind (every kind has one).
const ActionVerb& VerbOf(command::UpdateAction::Kind kind);
const PracticeVerb& VerbOf(command::UpdatePractice::Kind kind);
const IssueVerb& VerbOf(command::UpdateIssue::Kind kind);

// The entry named `name`, or nullptr.
const ActionVerb* FindActionVerb(std::string_view name);
const PracticeVerb* FindPracticeVerb(std::string_view name);
const IssueVerb* FindIssueVerb(std::string_view name);

// "start, note, block, ...": the names, for messages.
std::string VerbNames(std::span<const ActionVerb> verbs);
std::string VerbNames(std::span<const PracticeVerb> verbs);
std::string VerbNames(std::span<const IssueVerb> verbs);

}  // namespace jem
