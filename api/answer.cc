#include "api/answer.h"

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
  if (!status.field().empty()) extra["field"] = status.field();
  SendError(res, HttpStatus(status.code()), status.message(), extra);
}

}  // namespace jem::api
