#include "api/server.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <unordered_map>

#include <boost/uuid/name_generator_sha1.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/metrics.h"
#include "api/openapi.h"
#include "api/rate_limiter.h"
#include "engine/importer.h"
#include "engine/token.h"
#include "projections/reference.h"
#include "projections/views.h"

namespace jem::api {
namespace {

using Json = nlohmann::ordered_json;

int HttpStatus(Status::Code code) {
  switch (code) {
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kPermissionDenied: return 403;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kConflict: return 409;
    case Status::Code::kFailedPrecondition: return 422;
    case Status::Code::kBusy: return 503;
    default: return 500;
  }
}

std::string_view ErrorCode(int http) {
  switch (http) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "refused";
    case 429: return "too_many_requests";
    default: return "internal";
  }
}

// Every error has the same shape: {"error": {"code", "message"}}.
// JSON text of `body`; bytes that are not UTF-8 (echoed from a bad request) become U+FFFD.
std::string Dump(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

void SendError(httplib::Response& res, int http, const std::string& message, const Json& extra = Json::object()) {
  res.status = http;
  Json error = {{"code", ErrorCode(http)}, {"message", message}};
  for (const auto& [key, value] : extra.items()) error[key] = value;
  res.set_content(Dump(Json{{"error", error}}), "application/json");
}

void SendStatus(httplib::Response& res, const Status& status) {
  SendError(res, HttpStatus(status.code()), status.message());
}

// Sends an error and gives back nothing, for steps that return what they found.
std::nullopt_t Refuse(httplib::Response& res, int http, const std::string& message,
                      const Json& extra = Json::object()) {
  SendError(res, http, message, extra);
  return std::nullopt;
}
std::nullopt_t Refuse(httplib::Response& res, const Status& status) {
  SendStatus(res, status);
  return std::nullopt;
}

void SendJson(httplib::Response& res, const Json& body) { res.set_content(Dump(body), "application/json"); }

const std::map<std::string, command::UpdateAction::Kind> kActionVerbs = {
    {"start", command::UpdateAction::Kind::kStart},       {"note", command::UpdateAction::Kind::kNote},
    {"block", command::UpdateAction::Kind::kBlock},       {"unblock", command::UpdateAction::Kind::kUnblock},
    {"complete", command::UpdateAction::Kind::kComplete}, {"drop", command::UpdateAction::Kind::kDrop},
    {"reopen", command::UpdateAction::Kind::kReopen},     {"redate", command::UpdateAction::Kind::kRedate},
    {"reassign", command::UpdateAction::Kind::kReassign}};

}  // namespace

struct Server::Impl {
  Impl(Log& l, const Clock& c, LiveModel& v, ServerOptions o)
      : log(l), clock(c), views(v), options(std::move(o)), engine(l, c),
        limiter(options.requests_per_second, options.request_burst) {}

  Log& log;
  const Clock& clock;
  LiveModel& views;
  ServerOptions options;
  Engine engine;
  RateLimiter limiter;
  httplib::Server http;
  Metrics metrics;
  std::atomic<bool> stopping{false};
  // Read-your-writes: the position of each user's latest write. That user's next read waits
  // until the views have applied it, so writes need not wait for the views themselves.
  std::mutex last_writes_mu;
  std::unordered_map<std::string, uint64_t> last_writes;  // user id -> position
  std::mutex streams_mu;
  std::vector<std::weak_ptr<Subscription>> streams;  // live event streams, cancelled on Stop

  // The caller behind the request's bearer token, or an error already sent.
  std::optional<Caller> Authenticate(const httplib::Request& req, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    if (!header.starts_with("Bearer ")) {
      return Refuse(res, 401, "send a token: Authorization: Bearer <token> (see jem token create)");
    }
    auto holder = views.Authenticate(std::string_view(header).substr(7));
    if (!holder.ok()) return Refuse(res, 401, holder.status().message());
    auto caller = ParseCaller(holder->user_id + ":" + holder->role + (holder->agency.empty() ? "" : ":" + holder->agency));
    if (!caller.ok()) return Refuse(res, caller.status());
    if (!limiter.Allow(holder->id, clock.Now())) {
      res.set_header("Retry-After", "1");
      return Refuse(res, 429, "too many requests with this token; wait a second and retry");
    }
    return *caller;
  }

  views::Day Today() const { return reference::DayOf(clock.Now()); }

  // Partners see only the actions their agency leads or supports.
  static bool MaySee(const Caller& caller, const ActionState& action) {
    return caller.role != Role::kPartner || action.Involves(caller.agency);
  }

  void Board(const httplib::Request& req, httplib::Response& res) {
    auto caller = Reader(req, res);
    if (!caller) return;
    views::BoardFilter filter;
    filter.borough = req.get_param_value("borough");
    filter.agency = req.get_param_value("agency");
    filter.status = req.get_param_value("status");
    filter.theme = req.get_param_value("theme");
    filter.overdue_only = req.get_param_value("overdue") == "true";
    if (req.has_param("round")) {
      try {
        filter.round = uint32_t(std::stoul(req.get_param_value("round")));
      } catch (const std::exception&) {
        return SendError(res, 400, "round must be a number");
      }
    }
    if (caller->role == Role::kPartner) filter.agency = caller->agency;
    auto board = views.Read([&](const ReadModel& m) { return views::ActionBoard(m, filter, Today()); });
    if (!board.ok()) return SendStatus(res, board.status());
    SendJson(res, *board);
  }

  void Action(const httplib::Request& req, httplib::Response& res) {
    auto caller = Reader(req, res);
    if (!caller) return;
    const std::string ref = req.matches[1];
    auto row = views.Read([&](const ReadModel& m) -> Result<Json> {
      auto it = m.actions.find(ref);
      if (it == m.actions.end() || !MaySee(*caller, it->second.state)) {
        return Status::NotFound("there is no action " + ref);
      }
      return views::ActionDetail(m, ref, Today());
    });
    if (!row.ok()) return SendStatus(res, row.status());
    if (auto v = log.StreamVersion(ActionStream(ref)); v.ok()) res.set_header("ETag", "\"" + std::to_string(*v) + "\"");
    SendJson(res, *row);
  }

  // Whether action `ref` exists for this caller (a partner's view of another agency's is "no").
  bool Visible(const Caller& caller, const std::string& ref) const {
    return views.Read([&](const ReadModel& m) {
      auto it = m.actions.find(ref);
      return it != m.actions.end() && MaySee(caller, it->second.state);
    });
  }

  void UpdateAction(const httplib::Request& req, httplib::Response& res) {
    auto caller = Writer(req, res);  // once: it counts against the rate limit
    if (!caller) return;
    const std::string ref = req.matches[1];
    // Others learn that an action does not exist from the engine; a partner must not learn
    // from a refusal that another agency's action exists.
    if (caller->role == Role::kPartner && !Visible(*caller, ref)) return SendError(res, 404, "there is no action " + ref);
    auto kind = kActionVerbs.find(req.matches[2]);
    if (kind == kActionVerbs.end()) return SendError(res, 404, "there is no verb '" + std::string(req.matches[2]) + "' for actions");
    CommandAs(*caller, req, res, 200, [&](Fields& f) {
      command::UpdateAction cmd;
      cmd.kind = kind->second;
      cmd.reference = ref;
      cmd.text = f.Text("text");
      cmd.new_due_date = f.Text("due");
      cmd.new_lead_agency = f.Text("to");
      if (f.body.contains("percent")) {
        if (f.body["percent"].is_number_integer()) cmd.percent_complete = f.body["percent"].get<int>();
        else f.error = "'percent' must be a whole number";
      }
      return AnyCommand(cmd);
    }, ActionStream(ref));
  }

  // Changes to the record: never by auditors (they read) or admins (they manage tokens).
  std::optional<Caller> Writer(const httplib::Request& req, httplib::Response& res) {
    auto caller = Authenticate(req, res);
    if (caller && (caller->role == Role::kAuditor || caller->role == Role::kAdmin)) {
      return Refuse(res, 403, std::string(RoleName(caller->role)) + "s do not change the record");
    }
    return caller;
  }

  // Reads of the record: officers and auditors see all of it, partners their agency's part,
  // admins (who manage tokens) none of it.
  std::optional<Caller> Reader(const httplib::Request& req, httplib::Response& res) {
    auto caller = Authenticate(req, res);
    if (caller && caller->role == Role::kAdmin) {
      return Refuse(res, 403, "admins manage tokens; reading the record needs an officer's, partner's or auditor's token");
    }
    if (caller) SeeOwnWrites(*caller);
    return caller;
  }

  // Waits (briefly) until the views hold the caller's latest write.
  void SeeOwnWrites(const Caller& caller) {
    uint64_t position = 0;
    {
      std::lock_guard lock(last_writes_mu);
      auto it = last_writes.find(caller.user_id);
      if (it == last_writes.end()) return;
      position = it->second;
    }
    views.WaitFor(position, std::chrono::seconds(5));
  }

  // Whether a partner's agency attended the meeting (others see every meeting).
  static bool MaySee(const Caller& caller, const MeetingRecord& meeting) {
    if (caller.role != Role::kPartner) return true;
    return std::any_of(meeting.state.attendees.begin(), meeting.state.attendees.end(),
                       [&](const AttendeeInfo& a) { return a.agency == caller.agency; });
  }

  // A view of meeting `id` as `caller` may see it: a partner's agency must have attended,
  // and sees only its own actions, without other agencies' notes (views::ForPartner).
  static Result<Json> OfMeeting(const Caller& caller, const ReadModel& m, const std::string& id,
                                const std::function<Result<Json>(const ReadModel&)>& view) {
    auto meeting = m.meetings.find(id);
    if (meeting == m.meetings.end() || !MaySee(caller, meeting->second)) {
      return Status::NotFound("there is no meeting " + id);
    }
    if (caller.role != Role::kPartner) return view(m);
    return view(views::ForPartner(m, id, caller.agency));
  }

  // Runs a view over the live model for a caller allowed to read; sends its JSON or error.
  void View(const httplib::Request& req, httplib::Response& res,
            const std::function<Result<Json>(const Caller&, const ReadModel&)>& view) {
    auto caller = Reader(req, res);
    if (!caller) return;
    auto result = views.Read([&](const ReadModel& m) { return view(*caller, m); });
    if (!result.ok()) return SendStatus(res, result.status());
    SendJson(res, *result);
  }

  static Result<uint32_t> Number(const std::string& text, const std::string& what) {
    try {
      size_t used = 0;
      const unsigned long n = std::stoul(text, &used);
      if (used == text.size()) return uint32_t(n);
    } catch (const std::exception&) {
    }
    return Status::InvalidArgument(what + " '" + text + "' is not a number");
  }

  void FollowUp(const httplib::Request& req, httplib::Response& res) {
    auto caller = Reader(req, res);
    if (!caller) return;
    const std::string id = req.matches[1];
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    static const std::map<std::string, std::string> kTypes = {
        {"json", "application/json"}, {"csv", "text/csv"}, {"md", "text/markdown"}, {"html", "text/html"}};
    auto type = kTypes.find(format);
    if (type == kTypes.end()) return SendError(res, 400, "format '" + format + "' is not one of json, csv, md, html");
    views::Day day = Today();
    Result<ReadModel> as_of = Status::NotFound("unused");
    if (req.has_param("as_of")) {
      auto parsed = reference::ParseDate(req.get_param_value("as_of"), "as_of");
      if (!parsed.ok()) return SendStatus(res, parsed.status());
      day = *parsed;
      as_of = MeetingModelAsOf(log, id, day);
      if (!as_of.ok()) return SendStatus(res, as_of.status());
    }
    auto report = [&](const ReadModel& m) {
      return OfMeeting(*caller, m, id, [&](const ReadModel& seen) { return views::FollowUpReport(seen, id, day); });
    };
    auto result = as_of.ok() ? report(*as_of) : views.Read(report);
    if (!result.ok()) return SendStatus(res, result.status());
    if (format == "json") return SendJson(res, *result);
    res.set_content(format == "csv" ? views::FollowUpCsv(*result)
                    : format == "md" ? views::FollowUpMarkdown(*result)
                                     : views::FollowUpHtml(*result),
                    type->second);
  }

  void Events(const httplib::Request& req, httplib::Response& res) {
    auto caller = Reader(req, res);
    if (!caller) return;
    if (caller->role == Role::kPartner) return SendError(res, 403, "the event log is for officers and auditors");
    auto from = Number(req.has_param("from") ? req.get_param_value("from") : "1", "from");
    auto limit = Number(req.has_param("limit") ? req.get_param_value("limit") : "100", "limit");
    if (!from.ok() || !limit.ok()) return SendStatus(res, from.ok() ? limit.status() : from.status());
    auto events = log.ReadAll(*from, std::min<uint32_t>(*limit, 1000));
    if (!events.ok()) return SendStatus(res, events.status());
    Json list = Json::array();
    for (const auto& e : *events) {
      list.push_back({{"hash", ToHex(e.hash())}, {"event", Json::parse(EventToJson(e))}});
    }
    SendJson(res, Json{{"head", log.head().position}, {"events", list}});
  }

  // Reads fields of a JSON request body; the first wrongly typed one is remembered.
  struct Fields {
    const nlohmann::json& body;
    std::string error;
    std::string Text(const char* key) {
      if (!body.contains(key) || body[key].is_null()) return "";
      if (!body[key].is_string()) error = std::string("'") + key + "' must be a string";
      return body[key].is_string() ? body[key].get<std::string>() : "";
    }
    std::vector<std::string> List(const char* key) {
      std::vector<std::string> out;
      if (!body.contains(key)) return out;
      if (!body[key].is_array()) error = std::string("'") + key + "' must be a list of strings";
      for (const auto& v : body[key]) {
        if (v.is_string()) out.push_back(v.get<std::string>());
        else error = std::string("'") + key + "' must be a list of strings";
      }
      return out;
    }
    uint32_t Number(const char* key) {
      if (!body.contains(key)) return 0;
      if (!body[key].is_number_unsigned()) error = std::string("'") + key + "' must be a whole number";
      return body[key].is_number_unsigned() ? body[key].get<uint32_t>() : 0;
    }
  };

  // A command from a JSON body, for whoever the token says may write.
  void Command(const httplib::Request& req, httplib::Response& res, int success_status,
               const std::function<AnyCommand(Fields&)>& make, const std::string& stream = "") {
    if (auto caller = Writer(req, res)) CommandAs(*caller, req, res, success_status, make, stream);
  }

  // Checks the content type and the body, runs the command as `caller` (retry-safe with
  // Idempotency-Key), answers the outcome; returns it when the command succeeded.
  std::optional<Outcome> CommandAs(const Caller& caller, const httplib::Request& req, httplib::Response& res,
                                   int success_status, const std::function<AnyCommand(Fields&)>& make,
                                   const std::string& stream) {
    if (!req.get_header_value("Content-Type").starts_with("application/json")) {
      return Refuse(res, 415, "send the body as application/json");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) return Refuse(res, 400, "the body is not a JSON object");
    Fields fields{body, ""};
    AnyCommand command = make(fields);
    if (!fields.error.empty()) return Refuse(res, 400, fields.error);
    return Execute(req, res, caller, {Step{command, {}}}, success_status, stream);
  }

  static Json OutcomeJson(const Outcome& outcome) {
    return Json{{"subject", outcome.subject}, {"positions", outcome.positions}, {"replayed", outcome.replayed}};
  }

  // Runs `steps` and answers the outcome; returns it when they succeeded. `stream`: the one
  // stream the command changes, when known: If-Match is checked against it, and a conflict
  // answers with its current version.
  std::optional<Outcome> Execute(const httplib::Request& req, httplib::Response& res, const Caller& caller,
                                 const std::vector<Step>& steps, int success_status, const std::string& stream = "") {
    CommandContext context;
    context.caller = caller;
    if (req.has_header("If-Match")) {
      std::string tag = req.get_header_value("If-Match");
      if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
      auto version = Number(tag, "If-Match");
      if (!version.ok()) return Refuse(res, version.status());
      context.expected_version = *version;
    }
    const std::string key = req.get_header_value("Idempotency-Key");
    if (!key.empty()) {
      // One command id per caller and key: a retried POST is recognised, another caller's is not.
      static const EventId kNamespace = *ParseEventId("6a1f3c2e-9b0d-4e5f-8a7b-3c2d1e0f9a8b");
      context.command_id = boost::uuids::name_generator_sha1(kNamespace)(caller.user_id + "\n" + key);
    }
    size_t failed = steps.size();
    const auto started = std::chrono::steady_clock::now();  // a duration, not the time of day
    auto outcome = engine.ExecuteAll(context, steps, &failed);
    metrics.ObserveAppend(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (!outcome.ok() && outcome.status().code() == Status::Code::kConflict && !stream.empty()) {
      auto current = log.StreamVersion(stream);
      return Refuse(res, 409, outcome.status().message(),
                    current.ok() ? Json{{"current_version", *current}} : Json::object());
    }
    if (!outcome.ok()) return Refuse(res, outcome.status());
    if (!stream.empty()) {
      auto version = outcome->stream_version != 0 ? Result<uint64_t>(outcome->stream_version) : log.StreamVersion(stream);
      if (version.ok()) res.set_header("ETag", "\"" + std::to_string(*version) + "\"");
    }
    if (!outcome->positions.empty()) {
      std::lock_guard lock(last_writes_mu);
      uint64_t& last = last_writes[caller.user_id];
      last = std::max(last, outcome->positions.back());
    }
    res.status = outcome->replayed ? 200 : success_status;
    SendJson(res, OutcomeJson(*outcome));
    return std::move(outcome.value());
  }

  // Tokens are managed by admins, who do nothing else here.
  std::optional<Caller> Admin(const httplib::Request& req, httplib::Response& res) {
    auto caller = Authenticate(req, res);
    if (caller && caller->role != Role::kAdmin) return Refuse(res, 403, "only admins manage tokens");
    return caller;
  }

  // A token works, or stops working, by the time the answer is sent: the routes wait until
  // the live registry holds the change.
  void TokenRoutes() {
    http.Get("/api/v1/tokens", [this](const auto& req, auto& res) {
      if (!Admin(req, res)) return;
      SendJson(res, views.ReadTokens([](const TokenRegistry& tokens) { return views::TokenList(tokens); }));
    });
    http.Post("/api/v1/tokens", [this](const auto& req, auto& res) {
      auto caller = Admin(req, res);
      if (!caller) return;
      auto made = GenerateToken();
      if (!made.ok()) return SendStatus(res, made.status());
      auto outcome = CommandAs(*caller, req, res, 201, [&](Fields& f) {
        return AnyCommand(command::IssueToken{made->id, TokenHash(made->token), f.Text("user"), f.Text("role"),
                                              f.Text("agency")});
      }, "");
      if (!outcome) return;
      views.WaitFor(outcome->positions.back(), std::chrono::seconds(5));
      // Shown once; a replayed request cannot show it again: only its hash was recorded.
      if (!outcome->replayed) {
        Json answer = OutcomeJson(*outcome);
        answer["token"] = made->token;
        SendJson(res, answer);
      }
    });
    http.Post(R"(/api/v1/tokens/([0-9a-f]{8})/revoke)", [this](const auto& req, auto& res) {
      auto caller = Admin(req, res);
      if (!caller) return;
      auto outcome = CommandAs(*caller, req, res, 200, [&](Fields& f) {
        return AnyCommand(command::RevokeToken{req.matches[1], f.Text("reason")});
      }, "");
      if (outcome) views.WaitFor(outcome->positions.back(), std::chrono::seconds(5));
    });
  }

  void CommandRoutes() {
    http.Post("/api/v1/meetings", [this](const auto& req, auto& res) {
      Command(req, res, 201, [](Fields& f) {
        return AnyCommand(command::ScheduleMeeting{f.Text("borough"), f.Number("round"), f.Text("theme"),
                                                   f.Text("date"), f.Text("start"), f.Text("end"), f.Text("room"),
                                                   f.Text("chair")});
      });
    });
    const std::string meeting = R"(/api/v1/meetings/([A-Z]{3}-[0-9]{8}))";
    http.Post(meeting + "/reschedule", [this](const auto& req, auto& res) {
      Command(req, res, 200, [&](Fields& f) {
        return AnyCommand(command::RescheduleMeeting{req.matches[1], f.Text("date"), f.Text("start"), f.Text("end"),
                                                     f.Text("room"), f.Text("reason")});
      });
    });
    http.Post(meeting + "/cancel", [this](const auto& req, auto& res) {
      Command(req, res, 200, [&](Fields& f) { return AnyCommand(command::CancelMeeting{req.matches[1], f.Text("reason")}); });
    });
    http.Post(meeting + "/hold", [this](const auto& req, auto& res) {
      Command(req, res, 200, [&](Fields& f) {
        command::HoldMeeting hold{req.matches[1], f.Text("date"), f.Text("chair"), {}};
        if (f.body.contains("attendees") && !f.body["attendees"].is_array()) f.error = "'attendees' must be a list";
        for (const auto& a : f.body.value("attendees", nlohmann::json::array())) {
          if (!a.is_object()) {
            f.error = "each attendee must be an object with name, agency and role";
            break;
          }
          Fields who{a, ""};
          hold.attendees.push_back({who.Text("name"), who.Text("agency"), who.Text("role")});
          if (!who.error.empty()) f.error = who.error;
        }
        return AnyCommand(hold);
      });
    });
    http.Post(meeting + "/decisions", [this](const auto& req, auto& res) {
      Command(req, res, 201, [&](Fields& f) { return AnyCommand(command::RecordDecision{req.matches[1], f.Text("text")}); });
    });
    http.Post(meeting + "/feedback", [this](const auto& req, auto& res) {
      Command(req, res, 201, [&](Fields& f) {
        return AnyCommand(command::GiveFeedback{req.matches[1], f.Text("from"), f.Text("positive"), f.Text("suggestions")});
      });
    });
    http.Post("/api/v1/actions", [this](const auto& req, auto& res) {
      Command(req, res, 201, [](Fields& f) {
        return AnyCommand(command::AgreeAction{f.Text("meeting"), f.Text("ref"), f.Text("text"), f.Text("theme"),
                                               f.Text("lead"), f.List("supporting"), f.Text("due"), f.Text("priority")});
      });
    });
    http.Post("/api/v1/good-practice", [this](const auto& req, auto& res) {
      Command(req, res, 201, [](Fields& f) {
        return AnyCommand(command::IdentifyPractice{f.Text("meeting"), f.Text("id"), f.Text("title"), f.Text("borough"),
                                                    f.Text("theme"), f.List("partners"), f.Text("description"),
                                                    f.Text("contact")});
      });
    });
    http.Post(R"(/api/v1/good-practice/([A-Z]{3}-[0-9]{4}-[0-9]+)/(validate|disseminate|reject))",
              [this](const auto& req, auto& res) {
                Command(req, res, 200, [&](Fields& f) {
                  using P = command::UpdatePractice::Kind;
                  const std::string verb = req.matches[2];
                  return AnyCommand(command::UpdatePractice{
                      verb == "validate" ? P::kValidate : verb == "disseminate" ? P::kDisseminate : P::kReject,
                      req.matches[1], f.Text("text")});
                });
              });
    http.Post("/api/v1/pan-london-issues", [this](const auto& req, auto& res) {
      Command(req, res, 201, [](Fields& f) {
        return AnyCommand(command::RaiseIssue{f.Text("meeting"), f.Text("id"), f.Text("title"), f.Text("description"),
                                              f.Text("lead")});
      });
    });
    http.Post(R"(/api/v1/pan-london-issues/([A-Z]{3}-[0-9]{4}-[0-9]+)/(update|resolve))",
              [this](const auto& req, auto& res) {
                Command(req, res, 200, [&](Fields& f) {
                  using I = command::UpdateIssue::Kind;
                  return AnyCommand(command::UpdateIssue{req.matches[2] == "resolve" ? I::kResolve : I::kUpdate,
                                                         req.matches[1], f.Text("text")});
                });
              });
  }

  // Server-Sent Events: every event from ?from=N (or after Last-Event-ID), then new ones
  // as they are appended; a comment line every second keeps idle connections open.
  void Stream(const httplib::Request& req, httplib::Response& res) {
    auto caller = Reader(req, res);
    if (!caller) return;
    if (caller->role == Role::kPartner) return SendError(res, 403, "the event log is for officers and auditors");
    uint64_t from = 1;
    if (req.has_header("Last-Event-ID")) {
      auto last = Number(req.get_header_value("Last-Event-ID"), "Last-Event-ID");
      if (!last.ok()) return SendStatus(res, last.status());
      from = uint64_t(*last) + 1;
    } else if (req.has_param("from")) {
      auto n = Number(req.get_param_value("from"), "from");
      if (!n.ok()) return SendStatus(res, n.status());
      from = *n;
    }
    std::shared_ptr<Subscription> subscription = log.Subscribe(from);
    {
      std::lock_guard lock(streams_mu);
      streams.push_back(subscription);
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_chunked_content_provider("text/event-stream", [this, subscription](size_t, httplib::DataSink& sink) {
      if (stopping) return false;
      auto events = subscription->Next(100, std::chrono::seconds(1));
      if (!events.ok() || stopping) return false;
      std::string out = events->empty() ? ": keep-alive\n\n" : "";
      for (const RecordedEvent& e : *events) {
        out += "id: " + std::to_string(e.position()) + "\nevent: " + std::string(e.type()) +
               "\ndata: " + EventToJson(e) + "\n\n";
      }
      return sink.write(out.data(), out.size());
    });
  }

  void Routes() {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_tcp_nodelay(true);  // small answers go out at once, not after a delayed ACK
    http.set_keep_alive_max_count(1000);  // cpp-httplib's default closes a connection every 5 requests
    // A connection holds a worker while kept alive, and an event stream for as long as it
    // is open: keep enough workers for many clients at once.
    http.new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      metrics.CountRequest(req.method, req.path, res.status);
    });
    http.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics.Render(log.head().position, views.position()), "text/plain; version=0.0.4");
    });
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
      SendJson(res, Json{{"status", "ok"}, {"head_position", log.head().position}, {"views_position", views.position()}});
    });
    http.Get("/api/v1/actions", [this](const auto& req, auto& res) { Board(req, res); });
    http.Get(R"(/api/v1/actions/([A-Z]{3}-[0-9]{4}-[0-9]+))", [this](const auto& req, auto& res) { Action(req, res); });
    http.Post(R"(/api/v1/actions/([A-Z]{3}-[0-9]{4}-[0-9]+)/([a-z]+))",
              [this](const auto& req, auto& res) { UpdateAction(req, res); });
    http.Get(R"(/api/v1/meetings/([A-Z]{3}-[0-9]{8}))", [this](const auto& req, auto& res) {
      const std::string id = req.matches[1];
      View(req, res, [&](const Caller& c, const ReadModel& m) {
        return OfMeeting(c, m, id, [&](const ReadModel& seen) { return views::MeetingSummary(seen, id); });
      });
    });
    http.Get(R"(/api/v1/meetings/([A-Z]{3}-[0-9]{8})/follow-up-report)",
             [this](const auto& req, auto& res) { FollowUp(req, res); });
    http.Get("/api/v1/good-practice", [this](const auto& req, auto& res) {
      View(req, res, [&](const Caller&, const ReadModel& m) {
        return views::PracticeRegister(m, {req.get_param_value("borough"), req.get_param_value("theme"),
                                           req.get_param_value("status"), req.get_param_value("text")});
      });
    });
    http.Get("/api/v1/pan-london-issues", [this](const auto& req, auto& res) {
      View(req, res, [&](const Caller&, const ReadModel& m) {
        return views::IssueRegister(m, req.get_param_value("status"));
      });
    });
    http.Get(R"(/api/v1/rounds/([0-9]+)/(coverage|committee-report))", [this](const auto& req, auto& res) {
      const std::string round = req.matches[1], which = req.matches[2];
      View(req, res, [&](const Caller& c, const ReadModel& m) -> Result<Json> {
        if (c.role == Role::kPartner) return Status::PermissionDenied("round reports are for officers and auditors");
        auto n = Number(round, "round");
        if (!n.ok()) return n.status();
        return which == "coverage" ? views::RoundCoverage(m, *n) : views::CommitteeReport(m, *n, Today());
      });
    });
    http.Get("/api/v1/events", [this](const auto& req, auto& res) { Events(req, res); });
    http.Get("/api/v1/events/stream", [this](const auto& req, auto& res) { Stream(req, res); });
    http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
      SendJson(res, OpenApiDocument());
    });
    http.Get(R"(/api/v1/actions/([A-Z]{3}-[0-9]{4}-[0-9]+)/history)", [this](const auto& req, auto& res) {
      auto caller = Reader(req, res);
      if (!caller) return;
      const std::string ref = req.matches[1];
      if (!Visible(*caller, ref)) return SendError(res, 404, "there is no action " + ref);
      auto events = log.ReadStream(ActionStream(ref), 1, 10000);
      if (!events.ok()) return SendStatus(res, events.status());
      Json history = Json::array();
      for (const auto& e : *events) {
        Json event = Json::parse(EventToJson(e));
        // What another partner agency wrote stays theirs: a partner sees that it was written.
        const std::string role = event["actor"]["role"];
        if (caller->role == Role::kPartner && role.starts_with("partner:") && role != "partner:" + caller->agency) {
          event["body"] = Json{{"redacted", "written by " + role.substr(8)}};
        }
        history.push_back(std::move(event));
      }
      SendJson(res, Json{{"reference", ref}, {"events", history}});
    });
    http.Post("/api/v1/import", [this](const auto& req, auto& res) {
      auto caller = Authenticate(req, res);
      if (!caller) return;
      if (caller->role != Role::kOfficer) return SendError(res, 403, "only officers import meetings");
      const std::string type = req.get_header_value("Content-Type");
      if (!type.starts_with("application/json") && !type.starts_with("application/yaml")) {
        return SendError(res, 415, "send the document as application/yaml or application/json");
      }
      auto steps = ParseJemDocument(req.body);
      if (!steps.ok()) return SendStatus(res, steps.status());
      std::vector<Step> commands;
      for (const auto& s : *steps) commands.push_back(s.step);
      Execute(req, res, *caller, commands, 201);
    });
    CommandRoutes();
    TokenRoutes();
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) {
        SendError(res, res.status, res.status == 413 ? "the body is too large" : "there is no such route");
      }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, 500, "the server failed on this request; it has been logged");
    });
  }
};

Server::Server(Log& log, const Clock& clock, LiveModel& views, ServerOptions options)
    : impl_(std::make_unique<Impl>(log, clock, views, std::move(options))) {
  impl_->Routes();
}

Server::~Server() = default;

Result<int> Server::Bind() {
  const auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                               : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) return Status::Busy("cannot listen on " + o.host + ":" + std::to_string(o.port));
  return port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() {
  impl_->stopping = true;
  {
    std::lock_guard lock(impl_->streams_mu);
    for (auto& weak : impl_->streams) {
      if (auto s = weak.lock()) s->Cancel();
    }
  }
  impl_->http.stop();
}

}  // namespace jem::api
