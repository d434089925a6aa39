// The event log by position, and live as Server-Sent Events.
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"

namespace jem::api {
namespace {

// A position to read from: at most one past the head (where new events will come).
std::optional<uint64_t> From(Exchange& ex, const std::string& text, std::string_view what) {
  auto n = WholeNumber(ex, text, what, UINT64_MAX / 2);
  if (!n) return std::nullopt;
  const uint64_t head = ex.s.log.head().position;
  if (*n > head + 1) {
    SendError(ex.res, 400, std::string(what) + " " + std::to_string(*n) + " is past the head of the log (" +
                               std::to_string(head) + ")");
    return std::nullopt;
  }
  return *n;
}

}  // namespace

void EventsPage(Exchange& ex) {
  auto from = From(ex, ex.req.has_param("from") ? ex.Query("from") : "1", "from");
  if (!from) return;
  auto limit = WholeNumber(ex, ex.req.has_param("limit") ? ex.Query("limit") : "100", "limit", 1000);
  if (!limit) return;
  // Positions [first, last], read a batch at a time as they are sent.
  const uint64_t head = ex.s.log.head().position, first = std::max<uint64_t>(*from, 1);
  const uint64_t last = std::min(head, first + *limit - 1);
  const Log& log = ex.s.log;
  auto items = EventItems([&log](uint64_t from, size_t n) { return log.ReadAll(from, n); }, first, last,
                          [](const RecordedEvent& e) {
                            return "{\"hash\":\"" + ToHex(e.hash()) + "\",\"event\":" + EventToJson(e) + "}";
                          });
  StreamJson(ex.res, Json{{"head", head}}, "events", items,
             [last, head] { return Json{{"next", last < head ? Json(last + 1) : Json(nullptr)}}; });
}

// Every event from ?from=N (or after Last-Event-ID), then new ones as they are appended; a
// comment line every second keeps an idle connection open and notices a revoked token.
void EventStream(Exchange& ex) {
  uint64_t from = 1;
  if (ex.req.has_header("Last-Event-ID")) {
    auto last = From(ex, ex.req.get_header_value("Last-Event-ID"), "Last-Event-ID");
    if (!last) return;
    from = *last + 1;
  } else if (ex.req.has_param("from")) {
    auto n = From(ex, ex.Query("from"), "from");
    if (!n) return;
    from = std::max<uint64_t>(*n, 1);
  }
  ServeEvents(ex, from, [](const std::vector<RecordedEvent>& events) {
    std::string out = events.empty() ? ": keep-alive\n\n" : "";
    for (const RecordedEvent& e : events) {
      out += "id: " + std::to_string(e.position()) + "\nevent: " + std::string(e.type()) + "\ndata: " + EventToJson(e) +
             "\n\n";
    }
    return out;
  });
}

void ServeEvents(Exchange& ex, uint64_t from, StreamWriter write) {
  auto lease = ex.s.streams.Open(ex.token_id, ex.caller.role, std::shared_ptr<Subscription>(ex.s.log.Subscribe(from)));
  if (!lease.ok()) {
    ex.res.set_header("Retry-After", "5");
    return SendError(ex.res, lease.status());
  }
  ex.res.set_header("Cache-Control", "no-store");
  LiveModel& views = ex.s.views;
  ex.res.set_chunked_content_provider(
      "text/event-stream; charset=utf-8",
      [lease = *lease, &views, write = std::move(write)](size_t, httplib::DataSink& sink) {
        const bool active = views.ReadTokens([&](const TokenRegistry& t) { return t.IsActive(lease->token_id()); });
        if (!active || lease->subscription().cancelled()) return false;
        auto events = lease->subscription().Next(100, std::chrono::seconds(1));
        if (!events.ok() || lease->subscription().cancelled()) return false;
        const std::string out = write(*events);
        return sink.write(out.data(), out.size());
      });
}

}  // namespace jem::api
