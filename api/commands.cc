#include "api/commands.h"

#include <boost/uuid/name_generator_sha1.hpp>

#include "api/answer.h"
#include "engine/fields.h"

namespace jem::api {
namespace {

// Names of command ids and request ids, so that neither can be made to equal the other.
const EventId kCommandIds = *ParseEventId("6a1f3c2e-9b0d-4e5f-8a7b-3c2d1e0f9a8b");
const EventId kRequestIds = *ParseEventId("0c7d3b1e-52a4-4f08-9e61-7a5d2c4b8f30");

}  // namespace

Json OutcomeJson(const Outcome& outcome) {
  return Json{{"subject", outcome.subject}, {"positions", outcome.positions}, {"replayed", outcome.replayed}};
}

std::optional<uint64_t> WholeNumber(Exchange& ex, const std::string& text, std::string_view what, uint64_t max) {
  auto n = ParseWholeNumber(text, what, max);
  if (!n.ok()) {
    SendError(ex.res, n.status());
    return std::nullopt;
  }
  return *n;
}

std::optional<AnyCommand> ReadBody(Exchange& ex, const std::string& subject) {
  if (!ex.req.get_header_value("Content-Type").starts_with("application/json")) {
    SendError(ex.res, 415, "send the body as application/json");
    return std::nullopt;
  }
  auto fields = JsonFields(ex.req.body);
  if (!fields.ok()) {
    SendError(ex.res, fields.status());
    return std::nullopt;
  }
  auto command = ReadForm(*ex.route.form, **fields, subject, "the body");
  if (!command.ok()) {
    SendError(ex.res, command.status());
    return std::nullopt;
  }
  return std::move(command).value();
}

CommandContext ContextFor(const Caller& caller, const std::string& key, const std::string& request) {
  CommandContext context;
  context.caller = caller;
  if (!key.empty()) {
    context.command_id = boost::uuids::name_generator_sha1(kCommandIds)(caller.user_id + "\n" + key);
    context.request_id = boost::uuids::name_generator_sha1(kRequestIds)(request);
  }
  return context;
}

Result<Outcome> Append(Exchange& ex, const CommandContext& context, const std::vector<Step>& steps, size_t* failed,
                       std::vector<Refusal>* refusals) {
  const auto started = std::chrono::steady_clock::now();  // a duration, not the time of day
  auto outcome = ex.s.engine.ExecuteAll(context, steps, failed, refusals);
  ex.s.metrics.ObserveAppend(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (outcome.ok() && !outcome->positions.empty()) ex.s.own_writes.Wrote(ex.caller.user_id, outcome->positions.back());
  return outcome;
}

std::optional<Outcome> Execute(Exchange& ex, const std::vector<Step>& steps, const std::string& stream,
                               const std::vector<int>& lines) {
  CommandContext context = ContextFor(ex.caller, ex.req.get_header_value("Idempotency-Key"),
                                      ex.req.method + " " + ex.req.path + "\n" + ex.req.body);
  if (ex.req.has_header("If-Match")) {
    std::string tag = ex.req.get_header_value("If-Match");
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    auto version = WholeNumber(ex, tag, "If-Match (an ETag of this API)", UINT32_MAX);
    if (!version) return std::nullopt;
    context.expected_version = *version;
  }
  size_t failed = steps.size();
  std::vector<Refusal> refusals;
  auto outcome = Append(ex, context, steps, &failed, &refusals);
  if (!outcome.ok()) {
    Json extra = Json::object();
    if (outcome.status().code() == Status::Code::kConflict && !stream.empty()) {
      if (auto current = ex.s.log.StreamVersion(stream); current.ok()) extra["current_version"] = *current;
    }
    if (lines.empty() || refusals.empty()) {
      SendError(ex.res, outcome.status(), extra);
      return std::nullopt;
    }
    // An import: every refused step, each message naming its line. One refused step keeps
    // its own code (a rule of state is not a malformed field).
    auto line = [&](size_t step) { return step < lines.size() ? "line " + std::to_string(lines[step]) : std::string("a step"); };
    std::vector<Status::Problem> problems;
    for (const Refusal& r : refusals) {
      for (Status::Problem& p : r.why.problems()) {
        p.message = line(r.step) + ": " + p.message;
        problems.push_back(std::move(p));
      }
    }
    SendError(ex.res, refusals.size() == 1 ? outcome.status().WithContext(line(refusals.front().step))
                                           : Status::Problems(std::move(problems)),
              extra);
    return std::nullopt;
  }
  if (!stream.empty()) {
    auto version = outcome->stream_version != 0 ? Result<uint64_t>(outcome->stream_version) : ex.s.log.StreamVersion(stream);
    if (version.ok()) ex.res.set_header("ETag", "\"" + std::to_string(*version) + "\"");
  }
  SendJson(ex.res, OutcomeJson(*outcome), outcome->replayed ? 200 : ex.route.success);
  return std::move(outcome).value();
}

void RunCommand(Exchange& ex) {
  const std::string subject = ex.route.subject.empty() ? "" : ex.Param(ex.route.subject);
  auto command = ReadBody(ex, subject);
  if (!command) return;
  // Updates of one action name its stream: If-Match applies to it, and the answer's ETag.
  const std::string stream = ex.route.subject == "ref" ? ActionStream(subject) : "";
  Execute(ex, {Step{std::move(*command), std::nullopt}}, stream);
}

}  // namespace jem::api
