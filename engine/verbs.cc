#include "engine/verbs.h"

#include <algorithm>
#include <string>

namespace jem {
namespace {

using A = command::UpdateAction::Kind;
using P = command::UpdatePractice::Kind;
using I = command::UpdateIssue::Kind;

constexpr ActionVerb kActionVerbs[] = {
    {A::kStart, "start", "start", "mark an action in progress", "Mark as started", "--note", "a note", "", false},
    {A::kNote, "note", "note progress on", "note progress on an action", "Note progress", "--text", "what was done",
     "Enter what was done", false},
    {A::kBlock, "block", "block", "mark an action blocked", "Mark as blocked", "--reason", "what blocks it",
     "Enter what blocks the action", false},
    {A::kUnblock, "unblock", "unblock", "clear a block", "Clear the block", "--note", "what cleared it", "", false},
    {A::kComplete, "complete", "complete", "complete an action", "Mark as completed", "--evidence", "what shows it is done",
     "Enter the evidence of what was done", false},
    {A::kDrop, "drop", "drop", "drop an action (officers)", "Drop the action", "--reason", "why it is dropped",
     "Enter why the action is dropped", true},
    {A::kReopen, "reopen", "reopen", "reopen a completed or dropped action (officers)", "Reopen the action", "--reason", "why",
     "Enter why the action is reopened", true},
    {A::kRedate, "redate", "change the due date of", "change an action's due date", "Change the due date", "--reason", "why it moves",
     "Enter why the due date changes", false},
    {A::kReassign, "reassign", "reassign", "give an action another lead agency (officers)", "Reassign to another lead agency", "--reason", "why",
     "Enter why the action is reassigned", true},
};

constexpr PracticeVerb kPracticeVerbs[] = {
    {P::kValidate, "validate", "validate good practice", "--note", "how it was checked", ""},
    {P::kDisseminate, "disseminate", "disseminate good practice", "--how", "how it was shared",
     "Enter how the good practice was disseminated"},
    {P::kReject, "reject", "reject good practice", "--reason", "why it is rejected",
     "Enter why the good practice is rejected"},
};

constexpr IssueVerb kIssueVerbs[] = {
    {I::kUpdate, "update", "record progress on a pan-London issue", "--text", "what changed",
     "Enter what changed on the issue"},
    {I::kResolve, "resolve", "resolve a pan-London issue", "--resolution", "how it was resolved",
     "Enter how the issue was resolved"},
};

template <typename Verb, typename Kind>
const Verb& Of(std::span<const Verb> verbs, Kind kind) {
  return *std::find_if(verbs.begin(), verbs.end(), [&](const Verb& v) { return v.kind == kind; });
}

template <typename Verb>
const Verb* Named(std::span<const Verb> verbs, std::string_view name) {
  auto it = std::find_if(verbs.begin(), verbs.end(), [&](const Verb& v) { return v.name == name; });
  return it == verbs.end() ? nullptr : &*it;
}

template <typename Verb>
std::string Names(std::span<const Verb> verbs) {
  std::string out;
  for (const Verb& v : verbs) out += (out.empty() ? "" : ", ") + std::string(v.name);
  return out;
}

}  // namespace

std::span<const ActionVerb> ActionVerbs() { return kActionVerbs; }
std::span<const PracticeVerb> PracticeVerbs() { return kPracticeVerbs; }
std::span<const IssueVerb> IssueVerbs() { return kIssueVerbs; }

const ActionVerb& VerbOf(command::UpdateAction::Kind kind) { return Of(ActionVerbs(), kind); }
const PracticeVerb& VerbOf(command::UpdatePractice::Kind kind) { return Of(PracticeVerbs(), kind); }
const IssueVerb& VerbOf(command::UpdateIssue::Kind kind) { return Of(IssueVerbs(), kind); }

const ActionVerb* FindActionVerb(std::string_view name) { return Named(ActionVerbs(), name); }
const PracticeVerb* FindPracticeVerb(std::string_view name) { return Named(PracticeVerbs(), name); }
const IssueVerb* FindIssueVerb(std::string_view name) { return Named(IssueVerbs(), name); }

std::string VerbNames(std::span<const ActionVerb> verbs) { return Names(verbs); }
std::string VerbNames(std::span<const PracticeVerb> verbs) { return Names(verbs); }
std::string VerbNames(std::span<const IssueVerb> verbs) { return Names(verbs); }

}  // namespace jem
