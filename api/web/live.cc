// Live pages: GET /live tells a signed-in page, as Server-Sent Events, which of the records
// the reader may see have changed ("event: change", data: their stream ids, e.g.
// ["action-CAM-2009-01"]), once the views hold the change, so that the page can fetch
// itself again. Nothing else is said: not what changed, nor that anything the reader may
// not see did. A comment every second keeps the connection open and notices a revoked token.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/answer.h"
#include "api/handlers.h"
#include "api/web/handlers.h"
#include "engine/access_policy.h"

namespace jem::api::web {
namespace {

// Whether `caller` may see the record of `stream`: actions and meetings as the access
// policy says; practice and issues are everyone's; tokens and rounds are not pages' concern.
bool Visible(const Caller& caller, const ReadModel& m, std::string_view stream) {
  const auto [kind, id] = ParseStream(stream);
  if (kind == StreamKind::kAction) return access::FindAction(caller, m, id).ok();
  if (kind == StreamKind::kMeeting) {
    auto it = m.meetings.find(std::string(id));
    return it != m.meetings.end() && access::MaySee(caller, it->second.state);
  }
  return kind == StreamKind::kPractice || kind == StreamKind::kIssue;
}

}  // namespace

void Live(Exchange& ex) {
  uint64_t from = ex.s.log.head().position + 1;  // what happens from now on
  if (ex.req.has_header("Last-Event-ID")) {
    // A reconnecting page carries on where it stopped, so that it misses nothing.
    auto last = ParseWholeNumber(ex.req.get_header_value("Last-Event-ID"), "Last-Event-ID", from - 1);
    if (!last.ok()) return SendError(ex.res, last.status());
    from = *last + 1;
  }
  LiveModel& views = ex.s.views;
  ServeEvents(ex, from, [&views, caller = ex.caller](const std::vector<RecordedEvent>& events) -> std::string {
    if (events.empty()) return ": keep-alive\n\n";
    // The page will fetch itself again: the views should hold what it is told about. If they
    // lag it is told anyway (better late than never); /healthz says that they lag.
    if (!views.WaitFor(events.back().position(), std::chrono::seconds(5))) {
      spdlog::warn("live pages told of position {} before the views hold it", events.back().position());
    }
    nlohmann::json changed = nlohmann::json::array();
    views.Read([&](const ReadModel& m) {
      for (const RecordedEvent& e : events) {
        const std::string stream(e.stream_id());
        if (Visible(caller, m, stream) && std::find(changed.begin(), changed.end(), stream) == changed.end()) {
          changed.push_back(stream);
        }
      }
      return 0;
    });
    const std::string id = "id: " + std::to_string(events.back().position()) + "\n";
    return changed.empty() ? id + ": nothing you can see\n\n" : id + "event: change\ndata: " + changed.dump() + "\n\n";
  });
}

}  // namespace jem::api::web
