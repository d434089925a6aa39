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
  ex.res.set_content(ex.s.metrics.Render(ex.s.log.head().position, ex.s.views.position(), ex.s.streams.open()),
                     "text/plain; version=0.0.4; charset=utf-8");
}

void OpenApi(Exchange& ex) { SendJson(ex.res, OpenApiDocument()); }

}  // namespace jem::api
