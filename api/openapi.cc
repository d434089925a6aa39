#include "api/openapi.h"

#include <regex>

namespace jem::api {

const std::vector<RouteDoc>& Routes() {
  static const std::vector<RouteDoc> kRoutes = {
      {"get", "/healthz", "Liveness, the log's head and the views' position"},
      {"get", "/metrics", "Prometheus metrics"},
      {"get", "/api/v1/openapi.json", "This document"},
      {"get", "/api/v1/actions", "The action board (filters: borough, agency, status, theme, round, overdue)"},
      {"post", "/api/v1/actions", "Agree an action at a held meeting"},
      {"get", "/api/v1/actions/{ref}", "One action"},
      {"get", "/api/v1/actions/{ref}/history", "Every event of one action"},
      {"post", "/api/v1/actions/{ref}/{verb}",
       "Update an action: start, note, block, unblock, complete, drop, reopen, redate, reassign"},
      {"post", "/api/v1/meetings", "Schedule a meeting"},
      {"get", "/api/v1/meetings/{meeting}", "The summary of agreed actions of a meeting"},
      {"get", "/api/v1/meetings/{meeting}/follow-up-report", "Six-month follow-up report (format, as_of)"},
      {"post", "/api/v1/meetings/{meeting}/reschedule", "Move a scheduled meeting"},
      {"post", "/api/v1/meetings/{meeting}/cancel", "Cancel a scheduled meeting"},
      {"post", "/api/v1/meetings/{meeting}/hold", "Record that a meeting was held"},
      {"post", "/api/v1/meetings/{meeting}/decisions", "Record a decision"},
      {"post", "/api/v1/meetings/{meeting}/feedback", "Record feedback on a meeting"},
      {"get", "/api/v1/good-practice", "The good-practice register (borough, theme, status, text)"},
      {"post", "/api/v1/good-practice", "Record good practice identified at a held meeting"},
      {"post", "/api/v1/good-practice/{id}/{verb}", "Validate, disseminate or reject good practice"},
      {"get", "/api/v1/pan-london-issues", "The pan-London issue register (status)"},
      {"post", "/api/v1/pan-london-issues", "Raise a pan-London issue"},
      {"post", "/api/v1/pan-london-issues/{id}/{verb}", "Update or resolve a pan-London issue"},
      {"get", "/api/v1/rounds/{n}/coverage", "Which boroughs have had their JEM in a round"},
      {"get", "/api/v1/rounds/{n}/committee-report", "Progress across a round"},
      {"get", "/api/v1/events", "Events by position (from, limit)"},
      {"get", "/api/v1/events/stream", "New events as Server-Sent Events (from, Last-Event-ID)"},
      {"post", "/api/v1/import", "Record a whole JEM from a YAML or JSON document, all or nothing"},
      {"get", "/api/v1/tokens", "Every access token issued: holder, role, agency, status (admins)"},
      {"post", "/api/v1/tokens", "Issue a token (user, role, agency); the answer shows it, once (admins)"},
      {"post", "/api/v1/tokens/{token}/revoke", "Revoke a token, with a reason; it stops working at once (admins)"},
  };
  return kRoutes;
}

nlohmann::ordered_json OpenApiDocument() {
  nlohmann::ordered_json paths = nlohmann::ordered_json::object();
  static const std::regex kParam("\\{([a-z]+)\\}");
  for (const RouteDoc& r : Routes()) {
    nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
    const std::string path = r.path;
    for (std::sregex_iterator it(path.begin(), path.end(), kParam), end; it != end; ++it) {
      parameters.push_back({{"name", (*it)[1].str()}, {"in", "path"}, {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
    nlohmann::ordered_json op = {{"summary", r.summary},
                                 {"responses", {{"200", {{"description", "OK"}}},
                                                {"default", {{"description", "{\"error\": {\"code\", \"message\"}}"}}}}}};
    if (!parameters.empty()) op["parameters"] = parameters;
    if (std::string(r.path).starts_with("/api/")) op["security"] = {{{"bearer", nlohmann::json::array()}}};
    paths[r.path][r.method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "jem"}, {"version", "1"},
                    {"description", "Follow-up of the actions agreed at Joint Engagement Meetings"}}},
          {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"paths", paths}};
}

}  // namespace jem::api
