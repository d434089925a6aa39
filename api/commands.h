// Running commands for HTTP callers: If-Match (the caller's expected version), an
// Idempotency-Key (a retried request appends nothing; the key used for another request
// is refused), the outcome as the answer, and the caller's write remembered so that its
// next read includes it. Internal to api/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/answer.h"
#include "api/services.h"

namespace jem::api {

// Reads the route's form from the JSON body; answers 400/415 and returns nullopt when the
// body is wrong. `subject` is what the command acts on.
std::optional<AnyCommand> ReadBody(Exchange& ex, const std::string& subject);

// Runs `steps` as one command and answers the outcome (the route's success status, 200
// for a replay). `stream`, when known, is the one stream the command changes: If-Match is
// checked against it, and the answer carries its new version as ETag. Returns the outcome
// when the command succeeded; otherwise the error has been answered. `lines`: where each
// step came from in a document, to name it when one is refused.
std::optional<Outcome> Execute(Exchange& ex, const std::vector<Step>& steps, const std::string& stream = "",
                               const std::vector<int>& lines = {});

// The context of a command a caller sends with an idempotency key (an HTTP header, or a
// form's hidden field): one command id per caller and key, so that a retry is recognised and
// another caller's is not; `request` (what was sent) is remembered, so that the key cannot be
// reused for another request. An empty key: no retry protection.
CommandContext ContextFor(const Caller& caller, const std::string& key, const std::string& request);

// Runs `steps` for `context`, all or nothing, and times it; the caller's next read waits
// for the write. On a refusal, `*failed` is the index of the first refused step and
// `*refusals` (when given) every step refused for its own fields (Engine::ExecuteAll).
Result<Outcome> Append(Exchange& ex, const CommandContext& context, const std::vector<Step>& steps, size_t* failed,
                       std::vector<Refusal>* refusals = nullptr);

// The outcome as JSON: {"subject", "positions", "replayed"}.
Json OutcomeJson(const Outcome& outcome);

// Parses a strict whole number from a query parameter or header; answers 400 and returns
// nullopt when it is not one. `fallback` when absent.
std::optional<uint64_t> WholeNumber(Exchange& ex, const std::string& text, std::string_view what, uint64_t max);

}  // namespace jem::api
