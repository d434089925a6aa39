#include "api/web/pages.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <map>

#include "api/web/templates.h"
#include "events/base64.h"
#include "events/event.h"
#include "projections/plain_text.h"

namespace jem::api::web {
namespace {

namespace mustache = kainjow::mustache;

// GOV.UK Frontend's first script: marks the body so that components style themselves for
// JavaScript before it has run. Allowed by the policy through its hash.
constexpr std::string_view kJsEnabled =
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? "
    "' govuk-frontend-supported' : '');";

// kainjow's data copies what it is given (set, push_back), so building a tree by nesting
// would copy each node once per level above it. Each node is instead put in place empty and
// then given its value by a move: the container owns it and is not const, so the cast is sound.
mustache::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out{mustache::data::type::object};
      for (const auto& [key, value] : j.items()) {
        out.set(key, mustache::data{});
        *const_cast<mustache::data*>(out.get(key)) = ToData(value);
      }
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (const auto& item : j) {
        out.push_back(mustache::data{});
        const_cast<mustache::data&>(out.list_value().back()) = ToData(item);
      }
      return out;
    }
    case nlohmann::json::value_t::string:
      // An empty text is false to a section, as in JavaScript's Mustache: {{#note}} shows
      // nothing when the note is empty; as a value it still draws as nothing.
      if (j.get_ref<const std::string&>().empty()) return mustache::data{mustache::data::type::bool_false};
      // Mustache escapes HTML; what the record holds is also kept from reordering the page's
      // text or hiding in it (bidirectional overrides, control characters).
      return mustache::data{text::Printable(j.get_ref<const std::string&>(), text::Lines::kMany)};
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:  // numbers: as written; 0 is still "something" to Mustache, so sections test booleans
      return mustache::data{j.dump()};
  }
}

std::string Render(std::string_view name, const mustache::data& data) {
  // Each template is parsed once per thread, not once per page.
  thread_local std::map<std::string_view, mustache::mustache> parsed;
  auto it = parsed.find(name);
  if (it == parsed.end()) it = parsed.emplace(name, mustache::mustache{std::string(Template(name))}).first;
  mustache::mustache& tmpl = it->second;
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return "template " + std::string(name) + ": " + tmpl.error_message();
  return out;
}

// `frame` rendered in the layout `name`, with `content` (HTML rendered already) in it as it is.
std::string RenderAround(std::string_view name, const nlohmann::json& frame, std::string content) {
  mustache::data data = ToData(frame);
  data.set("content", mustache::data{std::move(content)});
  return Render(name, data);
}

// 'sha256-...' of `text`: how a policy allows one inline script or style block.
std::string HashSource(std::string_view text) {
  return "'sha256-" + Base64(Sha256({reinterpret_cast<const uint8_t*>(text.data()), text.size()})) + "'";
}

// The paper's one style block, which travels with a report saved or sent on.
std::string_view PaperStyle() {
  const std::string_view paper = Template("paper");
  const size_t open = paper.find("<style>") + std::string_view("<style>").size();
  return paper.substr(open, paper.find("</style>") - open);
}

const std::string& ContentSecurityPolicy() {
  static const std::string policy =
      "default-src 'self'; script-src 'self' " + HashSource(kJsEnabled) + "; style-src 'self' " +
      HashSource(PaperStyle()) +
      "; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";
  return policy;
}

}  // namespace

std::string RenderPage(std::string_view content, const nlohmann::json& data, const nlohmann::json& frame) {
  nlohmann::json layout = frame;
  layout["js_enabled_script"] = std::string(kJsEnabled);
  return RenderAround("layout", layout, Render(content, ToData(data)));
}

std::string RenderFields(const nlohmann::json& fields) { return Render("fields", ToData({{"fields", fields}})); }

std::string RenderPaper(std::string_view content, const nlohmann::json& data) {
  return RenderAround("paper", data, Render(content, ToData(data)));
}

void SendPage(httplib::Response& res, std::string html, int status) {
  res.status = status;
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void SetHtmlHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy", ContentSecurityPolicy());
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
}

void SeeOther(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
}

void SendErrorPage(httplib::Response& res, int status, const std::string& message, const nlohmann::json& frame) {
  static const std::map<int, std::string> kTitles = {
      {400, "The request could not be read"}, {403, "You cannot see this page"},
      {404, "Page not found"},                {405, "Page not found"},
      {500, "Sorry, there is a problem with the service"}};
  auto title = kTitles.find(status);
  nlohmann::json f = frame;
  f["title"] = title == kTitles.end() ? "The request was refused" : title->second;
  SendPage(res, RenderPage("error", {{"title", f["title"]}, {"message", message}}, f), status);
}

bool WantsPage(const httplib::Request& req) {
  if (req.path.starts_with("/api/") || req.path == "/metrics" || req.path == "/healthz") return false;
  return req.get_header_value("Accept").find("text/html") != std::string::npos;
}

std::string DatetimeAttribute(std::string_view instant) {
  const size_t dot = instant.find('.');
  if (dot == std::string_view::npos) return std::string(instant);
  const size_t end = instant.find_first_not_of("0123456789", dot + 1);
  const std::string_view digits = instant.substr(dot + 1, std::min(end, instant.size()) - dot - 1);
  return std::string(instant.substr(0, dot + 1)) + std::string(digits.substr(0, 3)) +
         std::string(end == std::string_view::npos ? "" : instant.substr(end));
}

std::string CookieOf(const httplib::Request& req, std::string_view name) {
  const auto fields = req.headers.equal_range("Cookie");
  for (auto it = fields.first; it != fields.second; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const size_t end = std::min(rest.find(';'), rest.size());
      std::string_view pair = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      while (pair.starts_with(' ')) pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
    }
  }
  return "";
}

}  // namespace jem::api::web
