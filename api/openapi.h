// The OpenAPI 3.1 document of the API, made from the route table (api/routes.h) and the
// command forms (engine/command_forms.h): every route with its operation id, parameters,
// request body, answers (the error shape included) and security.
#pragma once

#include <nlohmann/json.hpp>

#include "api/routes.h"

namespace jem::api {

// The document of `table`'s API routes (its pages are not part of it).
nlohmann::ordered_json OpenApiDocument(const RouteTable& table);

}  // namespace jem::api
