// How the API answers: every error in one JSON shape, {"error": {"code", "message"}}, and
// every JSON answer written the same way. The one place status codes get their names.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "events/status.h"

namespace jem::api {

using Json = nlohmann::ordered_json;

// The HTTP status of an error Status (kInvalidArgument 400, kNotFound 404, ...).
int HttpStatus(Status::Code code);

// The code in the error shape for an HTTP status ("bad_request", "not_found", ...).
std::string_view ErrorCode(int http_status);

// JSON text of `body`; bytes that are not UTF-8 (echoed from a bad request) become U+FFFD.
std::string Dump(const Json& body);

// Answers `body` as application/json.
void SendJson(httplib::Response& res, const Json& body, int http_status = 200);

// What a request refused before any route saw it gets told, for its status: "the URL is too
// long" (414), "the request did not arrive in time" (408), ...
std::string_view RefusalMessage(int http_status);

// The error shape as JSON text; `extra` members join "error".
std::string ErrorJson(int http_status, const std::string& message, const Json& extra = Json::object());

// Answers the error shape; `extra` members join "error" (e.g. current_version).
void SendError(httplib::Response& res, int http_status, const std::string& message,
               const Json& extra = Json::object());
void SendError(httplib::Response& res, const Status& status, Json extra = Json::object());

}  // namespace jem::api
