// What the handlers work with: the log, the clock, the live views, the engine, and the
// server's own state (metrics, rate limit, open event streams, each user's last write).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <httplib.h>

#include "api/event_streams.h"
#include "api/held_forms.h"
#include "api/metrics.h"
#include "api/past_views.h"
#include "api/rate_limiter.h"
#include "api/routes.h"
#include "api/server_options.h"
#include "api/sessions.h"
#include "engine/audit/access_log.h"
#include "engine/audit/checkpoint_keeper.h"
#include "engine/engine.h"
#include "engine/reminders/policy.h"
#include "projections/live_model.h"
#include "projections/views.h"

namespace jem::api {

// Read-your-writes: the position of each user's latest write. That user's next read waits
// until the views hold it, so that writes need not wait for the views themselves.
class OwnWrites {
 public:
  void Wrote(const std::string& user, uint64_t position);
  // Waits (up to 5 s) until `views` hold `user`'s latest write; false when they do not (they
  // lag, or stopped): an answer read from them now would lack it.
  [[nodiscard]] bool WaitFor(const std::string& user, const LiveModel& views) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, uint64_t> last_;
};

struct Services {
  Services(Log& l, const Clock& c, LiveModel& v, const ServerOptions& o, const RouteTable& r)
      : log(l),
        clock(c),
        views(v),
        engine(l, c),
        limiter(o.requests_per_second, o.request_burst),
        per_address(o.per_address.per_second, o.per_address.burst),
        sign_ins_per_address(o.sign_ins_per_address.per_second, o.sign_ins_per_address.burst),
        sign_ins_per_token(o.sign_ins_per_token.per_second, o.sign_ins_per_token.burst),
        streams(o.streams),
        sessions(c, o.sessions),
        held_forms(c, o.held_forms),
        assets_dir(o.assets_dir),
        trusted_proxies(o.trusted_proxies),
        routes(r) {}
  Log& log;
  const Clock& clock;
  LiveModel& views;
  Engine engine;
  RateLimiter limiter;                // requests per token
  RateLimiter per_address;            // requests without a token, per client address
  RateLimiter sign_ins_per_address;   // sign-in attempts, per client address
  RateLimiter sign_ins_per_token;     // sign-ins, per token
  EventStreams streams;
  Metrics metrics;
  OwnWrites own_writes;
  Sessions sessions;  // of the pages' signed-in browsers
  HeldForms held_forms;  // forms sent after their session ended, until their holder signs in
  std::string assets_dir;  // the pages' static files
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-* headers are believed
  reminders::Policy reminder_policy;          // what the reminder preview follows
  std::string site;                           // the pages' address, for links outside them (calendars)
  PastViews past;                             // the views as of past days
  audit::AccessLog* access_log = nullptr;     // where reads are recorded; none: not recorded
  audit::CheckpointKeeper* checkpoints = nullptr;  // signs and keeps checkpoints; none: not signed
  const HardenedServer* http = nullptr;            // the connections, for their memory in /metrics
  const RouteTable& routes;                        // every route, to dispatch and to link to
};

// A past day a request asks for its views as of (?as_of=D&basis=...), and on which basis.
struct AsOf {
  views::Day day;
  audit::Basis basis = audit::Basis::kRecorded;
};

// One request being answered: who asked, for which route, with which path parameters.
struct Exchange {
  Services& s;
  const httplib::Request& req;
  httplib::Response& res;
  const Route& route;
  Caller caller;         // for routes with callers; empty for public ones
  std::string token_id;  // the caller's token
  std::vector<std::pair<std::string, std::string>> params;
  std::string session_id, csrf;  // pages: the signed-in browser's session and its CSRF token

  // The path parameter `name` ("ref" in /actions/{ref}).
  const std::string& Param(std::string_view name) const;
  // The cookie `name` the request carries, "" when absent.
  std::string Cookie(std::string_view name) const;
  // The query parameter `name`, "" when absent.
  std::string Query(const char* name) const { return req.get_param_value(name); }
  // The day overdue is judged against: the injected clock's.
  views::Day Today() const;
  // The page of a list the request asks for: ?cursor= (the `next` of the page before, or the
  // `previous` of a history's page after), or ?ending_before= (the `previous` of the page after,
  // where the route takes it), and ?limit= (1 to views::kMaxPageSize, default
  // views::kPageSize). Errors name the parameter.
  Result<views::PageRequest> PageAsked() const;
  // The same, for a list whose cursor is a count of the items before it (a history): that count.
  Result<std::pair<size_t, size_t>> CountedPageAsked() const;
  // The day query parameter `name` asks for (YYYY-MM-DD); a page's form may send it instead
  // as GOV.UK's date input does, in boxes `name`-day, -month and -year (what its messages
  // call `what`: "Day must include a month"). nullopt when neither is sent. Errors are on `name`.
  Result<std::optional<views::Day>> DayQuery(const std::string& name, std::string_view what) const;
  // The as-of the request asks for: none (today's views), or ?as_of=YYYY-MM-DD (or its boxes,
  // DayQuery) with &basis=recorded (the default) or happened. Errors name the parameter.
  Result<std::optional<AsOf>> AsOfAsked() const;
  // Runs `read(model, day)` on the views the request asks for: the live ones and today, or
  // those as of the day it asks for, and that day (what overdue is judged against then).
  template <typename Reader>
  auto ReadViews(Reader&& read) -> std::invoke_result_t<Reader, const ReadModel&, views::Day> {
    auto asked = AsOfAsked();
    if (!asked.ok()) return asked.status();
    return ReadViewsAsOf(*asked, std::forward<Reader>(read));
  }
  // The same, for an answer: the described view `read` returns as JSON, which says which
  // state it shows (StateAsOf).
  template <typename Reader>
  Result<views::Json> ReadViewAnswer(Reader&& read) {
    return ReadViews([&](const ReadModel& m, views::Day day) -> Result<views::Json> {
      auto view = read(m, day);
      if (!view.ok()) return view.status();
      return views::ToJson(*view);
    });
  }
  // The same, as of `as_of` (none: today's).
  template <typename Reader>
  auto ReadViewsAsOf(const std::optional<AsOf>& as_of, Reader&& read)
      -> std::invoke_result_t<Reader, const ReadModel&, views::Day> {
    auto stated = [&](auto answer, views::Day day) {
      if constexpr (std::is_same_v<decltype(answer), Result<views::Json>>) {
        if (answer.ok() && answer->is_object()) StateAsOf(&*answer, day, as_of);
      }
      return answer;
    };
    if (!as_of) return s.views.Read([&](const ReadModel& m) { return stated(read(m, Today()), Today()); });
    auto model = s.past.Model(s.log, as_of->day, as_of->basis, {caller.role, token_id});
    if (!model.ok()) return model.status();
    return stated(read(**model, as_of->day), as_of->day);
  }
  // Says in a view's answer which state it shows: "as_of" (the day overdue is judged
  // against) and "basis" (recorded, happened, or today for the live views).
  static void StateAsOf(views::Json* answer, views::Day day, const std::optional<AsOf>& as_of);
  // The pages' address for links that leave them (calendar feeds): the one the server was
  // given, or the one the request reached it at.
  std::string Site() const { return s.site.empty() ? "http://" + req.get_header_value("Host") : s.site; }
};

}  // namespace jem::api
