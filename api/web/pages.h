// The web pages of jem: server-rendered HTML in the GOV.UK style (GOV.UK Frontend's styles
// and components, served from this origin), for officers, partner agencies and auditors.
// Templates are Mustache files in api/web/templates/, built into the program and escaped
// by default; every page works without JavaScript, which only enhances.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace jem::api::web {

// `content` (a template of api/web/templates/) rendered with `data`, inside the layout
// rendered with `frame` (title, who is signed in, navigation, CSRF token).
std::string RenderPage(std::string_view content, const nlohmann::json& data, const nlohmann::json& frame);

// `fields` (FormState::Draw's) as the _field partial draws each, as HTML to put into a page
// as it is ({{{...}}}): for a form drawn once and kept.
std::string RenderFields(const nlohmann::json& fields);

// `content` rendered with `data` as a standalone document (the paper layout: its own print
// styles, no script, no assets), for a report saved or sent on.
std::string RenderPaper(std::string_view content, const nlohmann::json& data);

// Answers `res` with `html` (the server adds SetHtmlHeaders to it, as to every HTML answer).
void SendPage(httplib::Response& res, std::string html, int status = 200);

// The headers every HTML answer carries, pages and the API's HTML reports alike: the
// Content-Security-Policy that allows only this origin (and, by their hashes, the layout's one
// inline script and the paper's one style block), no framing, no referrer, no caching unless
// the answer says otherwise.
void SetHtmlHeaders(httplib::Response& res);

// Answers 303 See Other to `location`: where a browser goes after a form is taken, so that
// reloading the page it lands on sends nothing again.
void SeeOther(httplib::Response& res, const std::string& location);

// A page that says what went wrong (404, 403, 500...), for browsers; the API answers JSON.
void SendErrorPage(httplib::Response& res, int status, const std::string& message, const nlohmann::json& frame);

// Whether a request is a browser's, whose refusals are pages, not JSON: it accepts HTML
// and is not for the API.
bool WantsPage(const httplib::Request& req);

// An instant written RFC 3339 ("2009-06-16T00:00:00.000000Z") as HTML's datetime attribute
// takes it: at most three digits of a second ("2009-06-16T00:00:00.000Z").
std::string DatetimeAttribute(std::string_view instant);

// The value of cookie `name` in `req`'s Cookie fields (RFC 6265 section 4.2.1), "" if none.
std::string CookieOf(const httplib::Request& req, std::string_view name);

}  // namespace jem::api::web
