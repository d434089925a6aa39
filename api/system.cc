// The service itself: liveness, metrics, and the API document.
#include "api/answer.h"
#include "api/handlers.h"
#include "api/openapi.h"

namespace jem::api {

void Health(Exchange& ex) {
  SendJson(ex.res, Json{{"status", "ok"}, {"head_position", ex.s.log.head().position},
                        {"views_position", ex.s.views.position()}});
}

void MetricsText(Exchange& ex) {
  Metrics::Gauges gauges{ex.s.log.head().position, ex.s.views.position(), ex.s.streams.open()};
  if (ex.s.http != nullptr) {
    gauges.connections = ex.s.http->open_connections();
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

void OpenApi(Exchange& ex) { SendJson(ex.res, OpenApiDocument()); }

}  // namespace jem::api
