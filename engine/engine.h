// The command engine: every decision, assignment and status update of a JEM goes through
// here. A command is checked against the current state of the streams it touches and the
// caller's role, then appended with the version it was checked at, so two people changing
// the same action at once get a conflict, never a lost update.
//
//   Engine engine(log, RealClock());
//   auto r = engine.Execute(context, command::AgreeAction{...});
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/caller.h"
#include "engine/commands.h"
#include "events/log.h"
#include "projections/stream_state.h"

namespace jem {

class StateCache;

// Whether `caller` may apply update `kind` to `action` as it stands now: the rules' own
// check of role and lifecycle, so that a page offers only the updates that would be taken.
Status CheckActionUpdate(const Caller& caller, const ActionState& action, command::UpdateAction::Kind kind);

struct CommandContext {
  Caller caller;
  // Retrying a command with the same id appends nothing and returns the first outcome.
  // Nil: a fresh id (no retry protection).
  EventId command_id{};
  EventId correlation_id{};               // nil: the command id
  std::optional<Timestamp> occurred_at;   // when it happened, if not now
  // The version the caller last read of the one stream the command changes (HTTP
  // If-Match): if it has moved on since, the command is a conflict. Unset: not checked,
  // and a command that meets someone else's change is decided again on the newer state.
  std::optional<uint64_t> expected_version;
  // What was asked for (e.g. a hash of an HTTP request), kept as the causation id of the
  // command's events: a command id used again for a different request is refused instead
  // of answered with the first one's outcome. Nil: the command id alone identifies it.
  EventId request_id{};
};

struct Outcome {
  std::string subject;              // what it acted on: meeting id, action reference, ...
  std::vector<uint64_t> positions;  // of the events appended
  bool replayed = false;            // the command id was seen before: nothing was appended
  uint64_t stream_version = 0;      // of the first stream changed, after the append (0 if replayed)
};

using AnyCommand =
    std::variant<command::PlanRound, command::ScheduleMeeting, command::RescheduleMeeting,
                 command::CancelMeeting, command::HoldMeeting, command::RecordDecision,
                 command::GiveFeedback, command::AgreeAction, command::UpdateAction,
                 command::IdentifyPractice, command::UpdatePractice, command::RaiseIssue,
                 command::UpdateIssue, command::CorrectEvent, command::IssueToken,
                 command::RevokeToken, command::PublishFollowUp, command::SetContact,
                 command::RemoveContact, command::ResetCalendarFeed>;

// One command of a batch, with when it happened if not now.
struct Step {
  AnyCommand command;
  std::optional<Timestamp> occurred_at;
};

// A step of a batch that was refused, and why.
struct Refusal {
  size_t step;
  Status why;
};

class Engine {
 public:
  // Neither is owned; both must outlive the engine.
  Engine(Log& log, const Clock& clock);
  ~Engine();

  // Checks `command` and appends its event. Errors: kInvalidArgument (a malformed field),
  // kNotFound (no such meeting or action), kPermissionDenied (the caller's role),
  // kFailedPrecondition (a rule refused it, or the command id was used for another
  // request), kConflict (the caller's expected version is not the stream's, or others kept
  // changing it through every retry).
  Result<Outcome> Execute(const CommandContext& context, const AnyCommand& command);

  // Checks every step against the state the earlier ones leave, then appends all their
  // events at once, or nothing. On a refusal, `*failed_step` is the index of the first
  // refused step and the result is its error. When a step's fields are wrong, the later
  // steps are checked too, so that `*refusals` (when given) holds every step whose own
  // fields are wrong, not only the first: a form shows every mistake at once. (A later
  // refusal for another reason may only follow from the earlier one, so is left out.)
  Result<Outcome> ExecuteAll(const CommandContext& context, const std::vector<Step>& steps,
                             size_t* failed_step, std::vector<Refusal>* refusals = nullptr);

  // Checks `steps` as ExecuteAll does and appends nothing: every step refused for its own
  // fields in `*refusals`; the first refusal's error, or OK. For a form that has mistakes of
  // its own already, so that one answer shows the rules' too.
  Status Check(const CommandContext& context, const std::vector<Step>& steps, std::vector<Refusal>* refusals);

  const Log& log() const { return log_; }

 private:
  std::optional<Result<Outcome>> Replayed(const CommandContext& context) const;
  // One attempt: decide every step against the log as it is now, then append.
  Result<Outcome> DecideAndAppend(const CommandContext& context, const std::vector<Step>& steps,
                                  std::vector<Refusal>& refusals);

  // Streams whose state is remembered between commands: enough for every action being
  // worked on at once, about 300 bytes each.
  static constexpr size_t kRememberedStreams = 20000;
  // How often a command that met someone else's change is decided again. A change in the
  // same group commit is visible only once that group is synced, so several tries may pass
  // before it is.
  static constexpr int kAttempts = 64;
  // The most one command may record: a whole JEM's notes are a few kilobytes.
  static constexpr size_t kMaxCommandBytes = 2 << 20;

  Log& log_;
  const Clock& clock_;
  std::unique_ptr<StateCache> states_;
};

}  // namespace jem
