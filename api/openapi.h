// The OpenAPI 3.1 document of the API, made from the route table (api/routes.h) and the
// command forms (engine/command_forms.h): every route with its operation id, parameters,
// request body, answers (the error shape included) and security.
#pragma once

#include <nlohmann/json.hpp>

namespace jem::api {

nlohmann::ordered_json OpenApiDocument();

}  // namespace jem::api
