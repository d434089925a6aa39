#include "api/answer.h"

#include <spdlog/spdlog.h>

#include "api/connection.h"

namespace jem::api {

int HttpStatus(Status::Code code) {
  switch (code) {
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kPermissionDenied: return 403;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kConflict: return 409;
    case Status::Code::kFailedPrecondition: return 422;
    case Status::Code::kBusy: return 503;
    default: return 500;
  }
}

std::string_view ErrorCode(int http) {
  switch (http) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 409: return "conflict";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 422: return "refused";
    case 429: return "too_many_requests";
    case 431: return "request_header_fields_too_large";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    default: return http >= 500 ? "internal" : "bad_request";
  }
}

std::string Dump(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

void SendJson(httplib::Response& res, const Json& body, int http_status) {
  res.status = http_status;
  res.set_content(Dump(body), "application/json; charset=utf-8");
}

ItemSource EventItems(std::function<Result<std::vector<RecordedEvent>>(uint64_t from, size_t n)> read, uint64_t first,
                      uint64_t last, std::function<std::string(const RecordedEvent&)> render) {
  static constexpr uint64_t kBatch = 16;
  struct Cursor {
    uint64_t next;
    std::vector<RecordedEvent> batch;
    size_t at = 0;
  };
  auto cursor = std::make_shared<Cursor>(Cursor{first, {}});
  return [cursor, read = std::move(read), last, render = std::move(render)]() -> Result<std::optional<std::string>> {
    Cursor& c = *cursor;
    if (c.at == c.batch.size()) {
      if (c.next > last || last == 0) return std::optional<std::string>();
      JEM_ASSIGN_OR_RETURN(c.batch, read(c.next, size_t(std::min(kBatch, last - c.next + 1))));
      if (c.batch.empty()) return Status::Corruption("the events end before " + std::to_string(c.next));
      c.at = 0;
      c.next += c.batch.size();
    }
    return std::optional<std::string>(render(c.batch[c.at++]));
  };
}

void StreamJson(httplib::Response& res, const Json& head, std::string list, ItemSource items,
                std::function<Json()> tail) {
  // The members of an object's text, without its braces: "" for {}.
  auto members = [](const Json& object) {
    const std::string text = Dump(object);
    return text.substr(1, text.size() - 2);
  };
  struct State {
    std::string opening;
    ItemSource items;
    std::function<Json()> tail;
    bool first = true;
  };
  std::string opening = members(head);
  auto state = std::make_shared<State>(State{"{" + opening + (opening.empty() ? "" : ",") + Dump(Json(list)) + ":[",
                                             std::move(items), std::move(tail)});
  res.set_chunked_content_provider("application/json; charset=utf-8", [state, members](size_t, httplib::DataSink& sink) {
    std::string chunk = std::move(state->opening);
    state->opening.clear();
    while (chunk.size() < kStreamChunkBytes) {
      auto item = state->items();
      if (!item.ok()) {
        spdlog::error("an answer was cut short: {}", item.status().ToString());
        return false;
      }
      if (!*item) {
        const std::string rest = members(state->tail());
        chunk += "]" + (rest.empty() ? "" : "," + rest) + "}";
        const HardenedServer::HeldBytes held(chunk.size());
        if (!sink.write(chunk.data(), chunk.size())) return false;
        sink.done();
        return true;
      }
      if (!state->first) chunk += ',';
      state->first = false;
      chunk += **item;
    }
    const HardenedServer::HeldBytes held(chunk.size());
    return sink.write(chunk.data(), chunk.size());
  });
}

std::string_view RefusalMessage(int http) {
  switch (http) {
    case 400: return "the request is not well-formed HTTP";
    case 404: return "there is no such route";
    case 408: return "the request did not arrive in time";
    case 413: return "the body is too large";
    case 414: return "the URL is too long";
    case 416: return "byte ranges are not served";
    case 431: return "the request's head is too large";
    case 501: return "jem does not serve that method";
    default: return "the request was refused";
  }
}

namespace {

Json ErrorShape(int http, const std::string& message, const Json& extra) {
  Json error = {{"code", ErrorCode(http)}, {"message", message}};
  for (const auto& [key, value] : extra.items()) error[key] = value;
  return Json{{"error", error}};
}

}  // namespace

std::string ErrorJson(int http, const std::string& message, const Json& extra) {
  return Dump(ErrorShape(http, message, extra));
}

void SendError(httplib::Response& res, int http, const std::string& message, const Json& extra) {
  SendJson(res, ErrorShape(http, message, extra), http);
}

void SendError(httplib::Response& res, const Status& status, Json extra) {
  if (!status.field().empty()) {
    extra["field"] = status.field();
    Json errors = Json::array();
    for (const Status::Problem& p : status.problems()) errors.push_back({{"field", p.field}, {"message", p.message}});
    extra["errors"] = std::move(errors);
  }
  SendError(res, HttpStatus(status.code()), status.message(), extra);
}

}  // namespace jem::api
