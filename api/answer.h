// How the API answers: every error in one JSON shape, {"error": {"code", "message"}}, and
// every JSON answer written the same way. The one place status codes get their names.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "events/event.h"
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

// The items of a list answered as they are produced: each call gives the next item's JSON
// text, or nullopt after the last. An error ends the answer where it is (the client sees it
// cut short, never a whole answer that is wrong); it is logged.
using ItemSource = std::function<Result<std::optional<std::string>>()>;

// How much of a streamed answer is written at a time, and so the most of it held in memory.
inline constexpr size_t kStreamChunkBytes = 64 << 10;

// Events numbered `first` to `last` (positions, or versions of a stream) as a list's items:
// `read(from, n)` reads up to n from `from`, a few at a time (an event may be tens of
// kilobytes), and `render` writes each. Reading stops at `last`, whatever the log holds by then.
ItemSource EventItems(std::function<Result<std::vector<RecordedEvent>>(uint64_t from, size_t n)> read, uint64_t first,
                      uint64_t last, std::function<std::string(const RecordedEvent&)> render);

// Answers a JSON object as it is produced, never whole in memory: `head`'s members, then
// `list`, an array of the items `items` gives, then the members `tail()` gives once the last
// is out (a cursor known only then). The connection holds one chunk at a time.
void StreamJson(httplib::Response& res, const Json& head, std::string list, ItemSource items,
                std::function<Json()> tail);

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
