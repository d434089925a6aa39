#include "engine/engine.h"

#include <thread>

#include <boost/uuid/name_generator_sha1.hpp>
#include <capnp/dynamic.h>
#include <capnp/serialize.h>
#include <kj/encoding.h>

#include "engine/rules.h"
#include "engine/state_cache.h"
#include "engine/texts.h"

namespace jem {
namespace {

// The id of the `index`-th event of a command: derived from the command id, so a retried
// command produces the same event ids and the log recognises it.
EventId EventIdFor(const EventId& command_id, size_t index) {
  boost::uuids::name_generator_sha1 generate(command_id);
  return generate(std::to_string(index));
}

// "action-CAM-2009-03" -> "CAM-2009-03".
std::string SubjectOf(std::string_view stream) {
  const size_t dash = stream.find('-');
  return std::string(dash == std::string_view::npos ? stream : stream.substr(dash + 1));
}

bool IsUtf8(capnp::Text::Reader text) {
  return !kj::encodeUtf16(kj::ArrayPtr<const char>(text.begin(), text.size())).hadErrors;
}

// Every text of an event must be UTF-8: auditors read events as JSON, and JSON is UTF-8.
Status CheckUtf8(capnp::DynamicValue::Reader value, std::string_view field) {
  switch (value.getType()) {
    case capnp::DynamicValue::TEXT:
      if (!IsUtf8(value.as<capnp::Text>())) {
        return Status::InvalidArgument("'" + std::string(field) + "' is not valid UTF-8 text");
      }
      return Status::Ok();
    case capnp::DynamicValue::STRUCT: {
      auto s = value.as<capnp::DynamicStruct>();
      for (auto f : s.getSchema().getFields()) {
        if (!s.has(f)) continue;
        JEM_RETURN_IF_ERROR(CheckUtf8(s.get(f), f.getProto().getName().cStr()));
      }
      return Status::Ok();
    }
    case capnp::DynamicValue::LIST:
      for (auto item : value.as<capnp::DynamicList>()) JEM_RETURN_IF_ERROR(CheckUtf8(item, field));
      return Status::Ok();
    default:
      return Status::Ok();
  }
}

}  // namespace

Engine::Engine(Log& log, const Clock& clock)
    : log_(log), clock_(clock), states_(std::make_unique<StateCache>(kRememberedStreams)) {}

Engine::~Engine() = default;

std::optional<Result<Outcome>> Engine::Replayed(const CommandContext& context) const {
  if (context.command_id.is_nil()) return std::nullopt;
  Outcome outcome;
  outcome.replayed = true;
  for (size_t i = 0;; ++i) {
    auto position = log_.Find(EventIdFor(context.command_id, i));
    if (!position.ok()) return Result<Outcome>(position.status());
    if (!*position) break;
    if (i == 0) {
      auto first = log_.ReadAll(**position, 1);
      if (!first.ok()) return Result<Outcome>(first.status());
      const auto cause = first->front().envelope().getCausationId();
      if (!context.request_id.is_nil() &&
          (cause.size() != context.request_id.size() ||
           !std::equal(cause.begin(), cause.end(), context.request_id.begin()))) {
        return Result<Outcome>(Status::FailedPrecondition(
            "this command id (Idempotency-Key) was already used for a different request, recorded at position " +
            std::to_string(**position) + "; use a new key for a new request"));
      }
      outcome.subject = SubjectOf(first->front().stream_id());
    }
    outcome.positions.push_back(**position);
  }
  if (outcome.positions.empty()) return std::nullopt;
  return Result<Outcome>(std::move(outcome));
}

Result<Outcome> Engine::Execute(const CommandContext& context, const AnyCommand& command) {
  size_t failed = 0;
  return ExecuteAll(context, {Step{command, context.occurred_at}}, &failed);
}

Result<Outcome> Engine::ExecuteAll(const CommandContext& context, const std::vector<Step>& steps,
                                   size_t* failed_step, std::vector<Refusal>* refusals) {
  if (auto replayed = Replayed(context)) return std::move(*replayed);
  if (steps.empty()) return Status::InvalidArgument("there is nothing to do: no commands were given");
  // Someone else's change met on the way (a stream moved, an id the engine chose was taken
  // meanwhile) is not the caller's conflict unless the caller named the version it expects:
  // the command is decided again on the newer state, and refused only if a rule says so.
  for (int attempt = 1;; ++attempt) {
    std::vector<Refusal> refused;
    auto outcome = DecideAndAppend(context, steps, refused);
    if (!refused.empty()) {
      *failed_step = refused.front().step;
      if (refusals != nullptr) *refusals = std::move(refused);
    }
    if (outcome.ok() || outcome.status().code() != Status::Code::kConflict || context.expected_version ||
        attempt == kAttempts) {
      return outcome;
    }
    std::this_thread::yield();  // let the group that holds the other change be acknowledged
  }
}

namespace {

// Decides every step in turn against `pending` (which gathers their changes), keeping every
// refused step in `refusals` as ExecuteAll describes; the first refusal's error, or OK.
Status DecideSteps(const CommandContext& context, const std::vector<Step>& steps, Timestamp now,
                   PendingCatalog& pending, std::vector<Refusal>& refusals) {
  for (size_t i = 0; i < steps.size(); ++i) {
    rules::Context rules{pending, context.caller, now, steps[i].occurred_at};
    Status texts = CheckTexts(steps[i].command);
    Result<Change> change = texts.ok() ? std::visit([&](const auto& cmd) { return rules::Decide(rules, cmd); },
                                                    steps[i].command)
                                       : Result<Change>(texts);
    if (change.ok()) {
      kj::ArrayPtr<const capnp::word> segment = change->body.words();
      capnp::SegmentArrayMessageReader body(kj::arrayPtr(&segment, 1));
      Status utf8 = CheckUtf8(capnp::toDynamic(body.getRoot<schema::Body>()), "");
      if (!utf8.ok()) change = utf8;
    }
    if (change.ok()) {
      pending.Add(std::move(change.value()));  // later steps see it, even when nothing will be appended
      continue;
    }
    const bool own_fields = change.status().code() == Status::Code::kInvalidArgument;
    if (refusals.empty()) {
      refusals.push_back({i, change.status()});
      // Only a step's own wrong fields let the later steps be checked on: any other refusal
      // (a conflict, a rule of state) ends the batch as it is.
      if (!own_fields) return change.status();
    } else if (own_fields) {
      refusals.push_back({i, change.status()});
    }
  }
  return refusals.empty() ? Status::Ok() : refusals.front().why;
}

}  // namespace

Status Engine::Check(const CommandContext& context, const std::vector<Step>& steps, std::vector<Refusal>* refusals) {
  LogCatalog log_catalog(log_, states_.get());
  const Timestamp now = clock_.Now();
  PendingCatalog pending(log_catalog, now);
  std::vector<Refusal> refused;
  Status verdict = DecideSteps(context, steps, now, pending, refused);
  *refusals = std::move(refused);
  return verdict;
}

Result<Outcome> Engine::DecideAndAppend(const CommandContext& context, const std::vector<Step>& steps,
                                        std::vector<Refusal>& refusals) {
  LogCatalog log_catalog(log_, states_.get());
  const Timestamp now = clock_.Now();
  PendingCatalog pending(log_catalog, now);
  JEM_RETURN_IF_ERROR(DecideSteps(context, steps, now, pending, refusals));
  size_t bytes = 0;
  for (const Change& change : pending.changes()) bytes += change.body.size_bytes();
  if (bytes > kMaxCommandBytes) {
    return Status::InvalidArgument("this would record " + std::to_string(bytes) + " bytes at once; a command records at most " +
                                   std::to_string(kMaxCommandBytes));
  }

  if (context.expected_version) {
    const Change& change = pending.changes().front();
    if (pending.changes().size() != 1 || change.expected_version != *context.expected_version) {
      return Status::Conflict(change.subject + " is at version " + std::to_string(change.expected_version) +
                              ", not " + std::to_string(*context.expected_version) + " as expected; read it again");
    }
  }

  // One part per stream, in the order streams first appear; a stream's events in order.
  const EventId command_id = context.command_id.is_nil() ? NewEventId() : context.command_id;
  const EventId correlation = context.correlation_id.is_nil() ? command_id : context.correlation_id;
  std::vector<StreamAppend> parts;
  size_t index = 0;
  for (Change& change : pending.changes()) {
    auto part = std::find_if(parts.begin(), parts.end(),
                             [&](const StreamAppend& p) { return p.stream == change.stream; });
    if (part == parts.end()) {
      parts.push_back({change.stream, ExpectedVersion::Exactly(change.expected_version), {}});
      part = parts.end() - 1;
    }
    const EventId cause = context.request_id.is_nil() ? command_id : context.request_id;
    part->events.push_back(NewEvent{EventIdFor(command_id, index++), context.caller.ToActor(), cause,
                                    correlation, std::move(change.body), change.occurred_at});
  }
  auto appended = log_.AppendAtomically(std::move(parts));
  if (!appended.ok()) {
    if (appended.status().code() == Status::Code::kConflict) {
      return appended.status().WithContext("someone else changed it first; read it again and retry");
    }
    return appended.status();
  }
  Outcome outcome;
  outcome.subject = pending.changes().front().subject;
  outcome.stream_version = appended->front().already_present ? 0 : appended->front().stream_version;
  for (const AppendResult& r : *appended) {
    outcome.positions.insert(outcome.positions.end(), r.positions.begin(), r.positions.end());
    outcome.replayed = outcome.replayed || r.already_present;
  }
  return outcome;
}

}  // namespace jem
