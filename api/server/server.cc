// Wires the route table to cpp-httplib: a gate before any body is read (route, method,
// framing, token, role, rate), dispatch to the route's handler, the headers every answer
// carries, and the error shape for what cpp-httplib itself refuses.
#include "api/server/server.h"

#include <spdlog/spdlog.h>

#include "api/answer.h"
#include "api/client_address.h"
#include "api/server/routes.h"
#include "api/services.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "engine/access_policy.h"
#include "engine/fields.h"
#include "engine/token.h"
#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::api {
namespace {

// A request's method and path for a log line: bounded, and nothing in them can forge a line.
std::string LogLine(const httplib::Request& req) {
  return text::OneLine(req.method.substr(0, 16)) + " " + text::OneLine(req.path.substr(0, 256));
}

using Gate = httplib::Server::HandlerResponse;

// Headers cpp-httplib adds to every request it has read (REMOTE_ADDR, REMOTE_PORT, ...).
constexpr size_t kAddedHeaders = 4;

// Whether the request frames its body in a way jem takes: one Content-Length of digits,
// or chunked, not both; no compression (a small body could inflate to any size).
Status CheckFraming(const httplib::Request& req) {
  const size_t lengths = req.get_header_value_count("Content-Length");
  if (lengths > 1) return Status::InvalidArgument("the request has " + std::to_string(lengths) + " Content-Length headers");
  const std::string length = req.get_header_value("Content-Length");
  if (lengths == 1 && (length.empty() || length.find_first_not_of("0123456789") != std::string::npos)) {
    return Status::InvalidArgument("Content-Length must be a number of bytes");
  }
  if (req.has_header("Transfer-Encoding")) {
    if (lengths > 0) return Status::InvalidArgument("a request has Content-Length or Transfer-Encoding, not both");
    if (req.get_header_value_count("Transfer-Encoding") > 1 || req.get_header_value("Transfer-Encoding") != "chunked") {
      return Status::Unsupported("the only Transfer-Encoding jem takes is chunked");
    }
  }
  const std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    return Status::Unsupported("send the body uncompressed, not as " + encoding.substr(0, 40));
  }
  return Status::Ok();
}

bool HasBody(const httplib::Request& req) {
  return req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
}

}  // namespace

const std::string& Exchange::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  static const std::string kNone;
  return kNone;
}

std::string Exchange::Cookie(std::string_view name) const { return web::CookieOf(req, name); }

views::Day Exchange::Today() const { return reference::DayOf(s.clock.Now()); }

Result<views::PageRequest> Exchange::PageAsked() const {
  views::PageRequest page;
  page.after = Query("cursor");
  if (route.Takes("ending_before")) page.before = Query("ending_before");
  if (!page.after.empty() && !page.before.empty()) {
    return Status::InvalidArgument("ask for the page after a cursor or the one ending before it, not both")
        .OnField("ending_before");
  }
  if (const std::string limit = Query("limit"); !limit.empty()) {
    auto n = ParseWholeNumber(limit, "limit", views::kMaxPageSize);
    if (!n.ok()) return n.status().OnField("limit");
    page.limit = size_t(*n);
  }
  JEM_RETURN_IF_ERROR(views::CheckPage(page));
  return page;
}

Result<std::pair<size_t, size_t>> Exchange::CountedPageAsked() const {
  JEM_ASSIGN_OR_RETURN(auto page, PageAsked());
  if (page.after.empty()) return std::make_pair(size_t(0), page.limit);
  auto after = ParseWholeNumber(page.after, "cursor", UINT64_MAX);
  if (!after.ok()) return after.status().OnField("cursor");
  return std::make_pair(size_t(*after), page.limit);
}

Result<std::optional<views::Day>> Exchange::DayQuery(const std::string& name, std::string_view what) const {
  const std::string day = req.get_param_value(name + "-day"), month = req.get_param_value(name + "-month"),
                    year = req.get_param_value(name + "-year");
  std::string text = req.get_param_value(name);
  if (!day.empty() || !month.empty() || !year.empty()) {  // the boxes, when sent, are what was asked
    auto typed = reference::DateOfParts(day, month, year, what);
    if (!typed.ok()) return typed.status().OnField(name);
    text = *typed;
  }
  if (text.empty()) return std::optional<views::Day>();
  auto parsed = reference::ParseDate(text, name);
  if (!parsed.ok()) return parsed.status().OnField(name);
  return std::optional<views::Day>(*parsed);
}

Result<std::optional<AsOf>> Exchange::AsOfAsked() const {
  JEM_ASSIGN_OR_RETURN(const std::optional<views::Day> day, DayQuery("as_of", "day"));
  if (!day) {
    if (req.has_param("basis") && !Query("basis").empty()) {
      // A page's form sent its day's boxes empty; the API was sent a basis alone.
      return Status::InvalidArgument(req.has_param("as_of-day") ? "Enter the day" : "basis needs an as_of day to apply to")
          .OnField("as_of");
    }
    return std::optional<AsOf>();
  }
  AsOf asked{*day};
  if (const std::string basis = Query("basis"); !basis.empty()) {
    auto parsed = audit::ParseBasis(basis);
    if (!parsed.ok()) return parsed.status().OnField("basis");
    asked.basis = *parsed;
  }
  return std::optional<AsOf>(asked);
}

void Exchange::StateAsOf(views::Json* answer, views::Day day, const std::optional<AsOf>& as_of) {
  (*answer)["as_of"] = reference::FormatDate(day);
  (*answer)["basis"] = as_of ? audit::BasisName(as_of->basis) : "today";
}

void OwnWrites::Wrote(const std::string& user, uint64_t position) {
  std::lock_guard lock(mu_);
  uint64_t& last = last_[user];
  last = std::max(last, position);
}

bool OwnWrites::WaitFor(const std::string& user, const LiveModel& views) const {
  uint64_t position = 0;
  {
    std::lock_guard lock(mu_);
    auto it = last_.find(user);
    if (it == last_.end()) return true;
    position = it->second;
  }
  return views.WaitFor(position, std::chrono::seconds(5));
}

// What the gate learned of the request this thread is serving (cpp-httplib serves one
// connection's requests one by one on one thread), for its dispatch and its metrics: the
// route is found and the token checked once per request.
struct Admitted {
  uint64_t serial = 0;  // HardenedServer::RequestSerial() of the request
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  Caller caller;
  std::string token_id;
  std::string session_id, csrf;  // page routes: the signed-in browser's session
  bool without_session = false;  // a page's form sent without a session: held if its session ended
};
thread_local Admitted t_admitted;

// The gate's findings for the request being served, or null if the gate did not see it
// (cpp-httplib refused it first).
const Admitted* Current() {
  const uint64_t serial = HardenedServer::RequestSerial();
  return serial != 0 && t_admitted.serial == serial ? &t_admitted : nullptr;
}

struct Server::Impl {
  Impl(Log& log, const Clock& clock, LiveModel& views, ServerOptions o)
      : options(std::move(o)),
        services(log, clock, views, options, api::Routes()),
        http(options.connections) {
    services.reminder_policy = options.reminder_policy;
    services.http = &http;
    services.site = options.site;
    if (options.record_access) {
      access_log = std::make_unique<audit::AccessLog>(log, clock);
      services.access_log = access_log.get();
    }
    if (options.checkpoint_key) {
      checkpoints = std::make_unique<audit::CheckpointKeeper>(log, clock, *options.checkpoint_key,
                                                             options.witnesses, options.checkpoint_every);
      services.checkpoints = checkpoints.get();
    }
  }

  ServerOptions options;
  Services services;
  HardenedServer http;
  std::unique_ptr<audit::CheckpointKeeper> checkpoints;
  std::unique_ptr<audit::AccessLog> access_log;  // destroyed first: appends what it holds

  // Records a partner's or auditor's read of what the route names (the access records).
  void RecordRead(const Exchange& ex) {
    if (services.access_log == nullptr || ex.route.reads.empty() || ex.res.status != 200) return;
    if (ex.caller.role != Role::kPartner && ex.caller.role != Role::kAuditor) return;
    const std::string_view param = ex.route.reads == "action" ? "ref" : ex.route.reads == "meeting" ? "meeting" : "n";
    services.access_log->Record({ex.caller.user_id, std::string(RoleName(ex.caller.role)), ex.caller.agency,
                                 std::string(ex.route.reads), ex.Param(param), ex.req.path});
  }

  // The holder of the request's bearer token, or the refusal to answer (401).
  Result<std::pair<Caller, std::string>> Authenticate(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    if (!header.starts_with("Bearer ")) {
      return Status::PermissionDenied("send a token: Authorization: Bearer <token> (see jem token create)");
    }
    auto holder = services.views.Authenticate(std::string_view(header).substr(7));
    if (!holder.ok()) return Status::PermissionDenied(holder.status().message());
    JEM_ASSIGN_OR_RETURN(auto caller, CallerOf(*holder));
    return std::make_pair(std::move(caller), holder->id);
  }

  // A request no token names: held to its client address's allowance.
  template <typename Refuse>
  Gate Anonymous(const httplib::Request& req, httplib::Response& res, Refuse& refuse) {
    if (services.per_address.Allow(ClientAddress(req, services.trusted_proxies), services.clock.Now())) {
      return Gate::Unhandled;
    }
    res.set_header("Retry-After", "1");
    return refuse(429, "too many requests from this address; wait a second and retry");
  }

  // Everything that can be refused before a body is read. Handled: answered already.
  Gate Check(const httplib::Request& req, httplib::Response& res) {
    Admitted& admitted = t_admitted = Admitted{.serial = HardenedServer::RequestSerial()};
    bool page = web::WantsPage(req);  // refusals are pages for browsers, JSON for the API
    std::string field;                 // the path parameter a refusal is about, if any
    auto refuse = [&](int status, const std::string& message) {
      if (page) {
        web::SendErrorPage(res, status, message, {{"title", ""}});
      } else {
        SendError(res, status, message, field.empty() ? Json::object() : Json{{"field", field}});
      }
      if (HasBody(req)) HardenedServer::CloseAfterAnswer(res);  // its body is still unread
      return Gate::Handled;
    };
    if (req.headers.size() > options.max_headers + kAddedHeaders) {
      return refuse(431, "the request has " + std::to_string(req.headers.size() - kAddedHeaders) +
                             " header fields; at most " + std::to_string(options.max_headers));
    }
    if (Status framing = CheckFraming(req); !framing.ok()) {
      return refuse(framing.code() == Status::Code::kUnsupported ? 415 : 400, framing.message());
    }
    Match match = services.routes.Find(req.method, req.path);
    if (match.route == nullptr && !match.allowed.empty()) {
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.set_header("Allow", allow);
      return refuse(405, req.path + " takes " + allow + ", not " + Metrics::MethodLabel(req.method).data());
    }
    if (match.route == nullptr && match.misfit != nullptr) {
      const Parameter& p = *match.misfit;
      field = p.name;
      return refuse(400, p.name + " in the path must be " + p.description);
    }
    if (match.route == nullptr) return refuse(404, "there is no such route");
    const Route& route = *match.route;
    admitted.route = match.route;
    admitted.params = std::move(match.params);
    page = route.page;
    // A parameter the route does not take would be silently ignored: say so instead. (A form
    // posted with a query is refused below, whatever the query holds.)
    for (const auto& [name, value] : req.params) {
      if (route.Takes(name) || (route.page && route.method == "POST")) continue;
      field = name.substr(0, 40);
      std::string takes;
      for (const Parameter& p : route.query) takes += (takes.empty() ? "" : ", ") + p.name;
      return refuse(400, "'" + field + "' is not a query parameter of " + route.method + " " + route.path + "; " +
                             (takes.empty() ? std::string("it takes none") : "it takes " + takes));
    }
    if (route.page && route.method == "POST" && req.target.find('?') != std::string::npos) {
      // A form's fields, its CSRF token among them, come from its body alone.
      return refuse(400, "a form is sent in its body; its address has no query (?...)");
    }
    if (route.page) {
      // Pages: the browser's session (from its cookie) names the caller; a page that needs
      // one sends a browser without it to sign in.
      auto session = services.sessions.Find(web::CookieOf(req, kSessionCookie), [&](const std::string& id) {
        return services.views.ReadTokens([&](const TokenRegistry& tokens) { return tokens.IsActive(id); });
      });
      if (session) {
        admitted.caller = session->caller;
        admitted.token_id = session->token_id;
        admitted.session_id = session->id;
        admitted.csrf = session->csrf;
      }
      if (route.callers.anyone()) return Anonymous(req, res, refuse);
      if (!session && route.method == "POST") {
        // A form sent after its session ended is held, found by its CSRF token once its body
        // is read (Dispatch); the sender is sent to sign in whether or not it is.
        admitted.without_session = true;
        return Anonymous(req, res, refuse);
      }
      if (!session) {
        web::SeeOther(res, "/sign-in");
        if (HasBody(req)) HardenedServer::CloseAfterAnswer(res);
        return Gate::Handled;
      }
    } else {
      if (route.callers.anyone()) return Anonymous(req, res, refuse);
      auto who = Authenticate(req);
      if (!who.ok()) return refuse(401, who.status().message());
      admitted.caller = std::move(who->first);
      admitted.token_id = std::move(who->second);
    }
    const Caller& caller = admitted.caller;
    if (!route.callers.Allows(caller.role)) {
      if (page && route.path == "/") {  // the service's home: each role's is its first section
        web::SeeOther(res, web::Sections(services.routes, caller.role).front().first);
        return Gate::Handled;
      }
      return refuse(403, (page ? std::string("This page") : route.method + " " + route.path) + " is for " +
                             route.callers.Describe() + "; " + caller.user_id + " is " +
                             std::string(RoleName(caller.role)));
    }
    if (!services.limiter.Allow(admitted.token_id, services.clock.Now())) {
      res.set_header("Retry-After", "1");
      return refuse(429, "too many requests with this token; wait a second and retry");
    }
    return Gate::Unhandled;
  }

  // Runs the route's handler; the gate has let the request through.
  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    const Admitted* admitted = Current();
    if (admitted == nullptr || admitted->route == nullptr) return SendError(res, 404, "there is no such route");
    Exchange ex{services,
                req,
                res,
                *admitted->route,
                admitted->caller,
                admitted->token_id,
                admitted->params,
                admitted->session_id,
                admitted->csrf};
    if (admitted->without_session) return web::HoldForm(ex);
    if (ex.route.page && ex.route.method == "POST" && !ex.route.callers.anyone() &&
        !SameSecret(ex.csrf, req.get_param_value("csrf"))) {
      // Every form of a signed-in page carries the session's CSRF token (the body is read by now).
      return web::SendErrorPage(res, 403, "The form had expired or did not come from this service. "
                                          "Go back, reload the page and try again.", web::Frame(ex, "", ""));
    }
    if (!ex.route.callers.anyone() && access::MayRead(ex.caller) &&
        !services.own_writes.WaitFor(ex.caller.user_id, services.views)) {
      // Never an answer that lacks the caller's own write: say so, and when to come back.
      res.set_header("Retry-After", "5");
      const std::string why = services.views.status().ok()
                                  ? "your last change is recorded, but the views have not caught up with it yet; "
                                    "try again in a few seconds"
                                  : "your last change is recorded, but the views have stopped following the log "
                                    "(an operator has been told); try again later";
      return ex.route.page ? web::SendErrorPage(res, 503, why, web::Frame(ex, "", "")) : SendError(res, 503, why);
    }
    if (ex.route.answer == "text/event-stream") {
      // cpp-httplib compresses any text/* answer the client accepts compressed, and a
      // compressor holds small writes back: events would arrive minutes late, or never.
      // The request object is cpp-httplib's own, not const; the handler reads no encoding.
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    }
    ex.route.handle(ex);
    RecordRead(ex);
  }

  // Headers every answer carries; an answer built whole is held only within the caps on its memory.
  static void Finish(const httplib::Request& req, httplib::Response& res) {
    switch (HardenedServer::HoldAnswer(res.body.size())) {
      case HardenedServer::Hold::kHeld:
        break;
      case HardenedServer::Hold::kTooLarge:
        SendError(res, 500, "this answer would be " + std::to_string(res.body.size()) +
                                " bytes, more than one answer may hold; ask for a smaller page (?limit=)");
        (void)HardenedServer::HoldAnswer(res.body.size());
        break;
      case HardenedServer::Hold::kServerFull:
        res.set_header("Retry-After", "1");
        SendError(res, 503, "the server is holding as many answers as it can; retry in a second");
        (void)HardenedServer::HoldAnswer(res.body.size());
        break;
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.has_header("Authorization") && !res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    const std::string type = res.get_header_value("Content-Type");
    if ((type.starts_with("text/") || type.starts_with("application/json")) && type.find("charset") == std::string::npos) {
      res.set_header("Content-Type", type + "; charset=utf-8");
    }
    if (type.starts_with("text/html")) web::SetHtmlHeaders(res);
    if (res.status == 503 && !res.has_header("Retry-After")) res.set_header("Retry-After", "1");
    res.headers.erase("Accept-Ranges");
  }

  // What cpp-httplib refused before any handler ran: the error shape, with the status that
  // says why (a head too large or too slow, a method HTTP does not have).
  static Gate Refused(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return Gate::Unhandled;
    if (const int why = HardenedServer::ReadFailure()) res.status = why;
    if (res.status == 400 && !req.method.empty() && Metrics::MethodLabel(req.method) == "other") res.status = 501;
    SendError(res, res.status, std::string(RefusalMessage(res.status)));
    HardenedServer::CloseAfterAnswer(res);
    return Gate::Handled;
  }

  void Listen() {
    http.set_tcp_nodelay(true);  // small answers go out at once, not after a delayed ACK
    http.refusal_body = [](int status) { return ErrorJson(status, std::string(RefusalMessage(status))); };
    http.set_pre_routing_handler([this](const auto& req, auto& res) { return Check(req, res); });
    const auto dispatch = [this](const httplib::Request& req, httplib::Response& res) { Dispatch(req, res); };
    http.Get(".*", dispatch);
    http.Post(".*", dispatch);
    http.Put(".*", dispatch);
    http.Patch(".*", dispatch);
    http.Delete(".*", dispatch);
    http.Options(".*", dispatch);
    http.set_post_routing_handler(Finish);
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const Admitted* admitted = Current();
      services.metrics.CountRequest(req.method, admitted ? admitted->route : nullptr, res.status);
      // The access log (JEM_LOG_LEVEL=info): who asked for what, as one line nothing forged.
      if (spdlog::should_log(spdlog::level::info)) {
        spdlog::info("{} \"{}\" {}", ClientAddress(req, services.trusted_proxies), LogLine(req), res.status);
      }
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse(Refused));
    http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& what) {
        spdlog::error("{} failed: {}", LogLine(req), what.what());
      } catch (...) {
        spdlog::error("{} failed", LogLine(req));
      }
      SendError(res, 500, "the server failed on this request; it has been logged");
    });
  }
};

Server::Server(Log& log, const Clock& clock, LiveModel& views, ServerOptions options)
    : impl_(std::make_unique<Impl>(log, clock, views, std::move(options))) {
  impl_->Listen();
}

Server::~Server() = default;

Result<int> Server::Bind() {
  const auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                               : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) return Status::Busy("cannot listen on " + o.host + ":" + std::to_string(o.port));
  impl_->http.DeepenBacklog();
  return port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() {
  impl_->services.streams.CancelAll();
  impl_->services.past.Close();
  impl_->http.Shutdown();
}

}  // namespace jem::api
