// The OpenAPI 3 description of the API, served at /api/v1/openapi.json. The list here is the
// one place routes are described; a test calls each one to prove the document matches.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jem::api {

struct RouteDoc {
  const char* method;   // "get" or "post"
  const char* path;     // OpenAPI template, e.g. "/api/v1/actions/{ref}"
  const char* summary;
};

const std::vector<RouteDoc>& Routes();

nlohmann::ordered_json OpenApiDocument();

}  // namespace jem::api
