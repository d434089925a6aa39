// The service itself: liveness, metrics, and the API document.
#include "api/answer.h"
#include "api/handlers.h"
#include "api/openapi.h"

namespace jem::api {
namespace {

// How far the views may be behind the log before the service says it is not healthy: the
// follower applies about 300,000 events a second (docs/performance.md), so a lag this long
// that lasts is a fault, not a burst of writes.
constexpr uint64_t kMostViewsLag = 10000;

}  // namespace

void Health(Exchange& ex) {
  const uint64_t head = ex.s.log.head().position, views = ex.s.views.position();
  const uint64_t lag = head - std::min(head, views);
  if (Status following = ex.s.views.status(); !following.ok()) {
    return SendError(ex.res, 503, "the views stopped following the log at position " + std::to_string(views) +
                                      " of " + std::to_string(head) + ": " + following.message() +
                                      "; answers would be stale: restart the server");
  }
  if (lag > kMostViewsLag) {
    ex.res.set_header("Retry-After", "5");
    return SendError(ex.res, 503, "the views are " + std::to_string(lag) + " events behind the log (at most " +
                                      std::to_string(kMostViewsLag) + "); answers would be stale");
  }
  SendJson(ex.res, Json{{"status", "ok"}, {"head_position", head}, {"views_position", views}, {"views_lag", lag}});
}

void MetricsText(Exchange& ex) {
  Metrics::Gauges gauges{ex.s.log.head().position, ex.s.views.position(), ex.s.streams.open()};
  gauges.views_following = ex.s.views.status().ok();
  if (ex.s.http != nullptr) {
    gauges.connections = ex.s.http->open_connections();
    gauges.connections_accepted = ex.s.http->connections_accepted();
    gauges.answer_bytes = ex.s.http->answer_bytes();
    gauges.answers_refused = ex.s.http->answers_refused();
  }
  gauges.sessions = ex.s.sessions.size();
  ex.s.views.Read([&](const ReadModel& m) {
    for (auto status : {MessageRecord::Status::kQueued, MessageRecord::Status::kRetrying,
                        MessageRecord::Status::kDelivered, MessageRecord::Status::kFailed}) {
      gauges.reminder_messages[std::string(StatusName(status))] = 0;
    }
    for (const auto& [id, message] : m.reminders.messages) ++gauges.reminder_messages[std::string(StatusName(message.status))];
    gauges.unaddressed_reminders = m.reminders.unaddressed.size();
    return 0;
  });
  ex.res.set_content(ex.s.metrics.Render(gauges), "text/plain; version=0.0.4; charset=utf-8");
}

void OpenApi(Exchange& ex) { SendJson(ex.res, OpenApiDocument(ex.s.routes)); }

}  // namespace jem::api
