// Signing in with an access token, and out. The token is posted once, in a form, and
// never appears in a URL; the session cookie that replaces it is HttpOnly and
// SameSite=Strict. Every form carries a CSRF token: before sign-in, one the server made and
// signed, also in the jem_csrf cookie; after, the session's. Sign-ins are held to an
// allowance per client address and per token. A form sent after its session ended is held
// until its sender signs in again, then shown to send (api/held_forms.h).
#include <algorithm>
#include <set>

#include "api/client_address.h"
#include "api/held_forms.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "engine/token.h"

namespace jem::api::web {
namespace {

constexpr char kPreSessionCookie[] = "jem_csrf";

// A cookie only this origin's pages send back and no script reads; Secure when the browser
// reached us over TLS (through a trusted proxy), so that it never travels in the clear.
std::string CookieHeader(const Exchange& ex, const std::string& name, const std::string& value,
                         std::string_view extra = "") {
  return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (ViaHttps(ex.req, ex.s.trusted_proxies) ? "; Secure" : "") + std::string(extra);
}

void ShowSignIn(Exchange& ex, const std::string& error, int status) {
  auto csrf = ex.s.sessions.SignInFormToken();
  if (!csrf.ok()) return SendErrorPage(ex.res, 500, csrf.status().message(), Frame(ex, "", ""));
  ex.res.set_header("Set-Cookie", CookieHeader(ex, kPreSessionCookie, *csrf));
  nlohmann::json data = {{"csrf", *csrf}, {"held", !ex.Cookie(kHeldFormCookie).empty()}};
  nlohmann::json frame = Frame(ex, "Sign in", "");
  if (!error.empty()) {
    data["error"] = error;
    FormState form;
    form.AddError("token", error);
    form.ShowErrors(frame);
  }
  SendPage(ex.res, RenderPage("sign_in", data, frame), status);
}

}  // namespace

void SignInPage(Exchange& ex) {
  if (!ex.caller.user_id.empty()) {  // signed in already
    SeeOther(ex.res, Sections(ex.s.routes, ex.caller.role).front().first);
    return;
  }
  ShowSignIn(ex, "", 200);
}

void SignIn(Exchange& ex) {
  const Timestamp now = ex.s.clock.Now();
  if (!ex.s.sign_ins_per_address.Allow(ClientAddress(ex.req, ex.s.trusted_proxies), now)) {
    ex.res.set_header("Retry-After", "60");
    return ShowSignIn(ex, "There have been too many sign-ins from your network. Wait a minute and try again", 429);
  }
  const std::string form_csrf = ex.req.get_param_value("csrf");
  if (!ex.s.sessions.IsSignInFormToken(form_csrf) || !SameSecret(ex.Cookie(kPreSessionCookie), form_csrf)) {
    return ShowSignIn(ex, "The sign-in form had expired. Enter your access token again", 400);
  }
  const std::string token = ex.req.get_param_value("token");
  if (token.empty()) return ShowSignIn(ex, "Enter your access token", 400);
  auto holder = ex.s.views.Authenticate(token.substr(0, 200));
  if (!holder.ok()) return ShowSignIn(ex, "Enter a valid access token: this one is unknown or revoked", 401);
  if (!ex.s.sign_ins_per_token.Allow(holder->id, now)) {
    ex.res.set_header("Retry-After", "60");
    return ShowSignIn(ex, "This access token has been used to sign in too often. Wait a minute and try again", 429);
  }
  auto caller = CallerOf(*holder);
  if (!caller.ok()) return SendErrorPage(ex.res, 500, caller.status().message(), Frame(ex, "", ""));
  auto session = ex.s.sessions.Open(*caller, holder->id);
  if (!session.ok() && session.status().code() == Status::Code::kBusy) {
    ex.res.set_header("Retry-After", "300");
    return ShowSignIn(ex, Sentence(session.status().message()), 503);
  }
  if (!session.ok()) return SendErrorPage(ex.res, 500, session.status().message(), Frame(ex, "", ""));
  ex.res.set_header("Set-Cookie", CookieHeader(ex, kSessionCookie, session->id));
  ex.res.set_header("Set-Cookie", CookieHeader(ex, kPreSessionCookie, "", "; Max-Age=0"));
  const std::string held = ex.Cookie(kHeldFormCookie);
  SeeOther(ex.res, !held.empty() && ex.s.held_forms.Holds(held, caller->user_id)
                       ? "/held-form"
                       : Sections(ex.s.routes, caller->role).front().first);
}

void SignOut(Exchange& ex) {
  ex.s.sessions.Close(ex.session_id);
  ex.res.set_header("Set-Cookie", CookieHeader(ex, kSessionCookie, "", "; Max-Age=0"));
  SeeOther(ex.res, "/sign-in");
}

void KeepSession(Exchange& ex) { ex.res.status = 204; }

void HoldForm(Exchange& ex) {
  // Only an ended session's own forms: another site cannot know its CSRF token, so cannot
  // leave a form of its making to be sent.
  if (auto ended = ex.s.sessions.EndedWith(ex.req.get_param_value("csrf"))) {
    auto key = ex.s.held_forms.Hold(
        {ended->caller.user_id, ex.req.path, {ex.req.params.begin(), ex.req.params.end()}});
    if (key.ok()) ex.res.set_header("Set-Cookie", CookieHeader(ex, kHeldFormCookie, *key));
  }
  SeeOther(ex.res, "/sign-in");
}

void HeldFormPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Your form was not sent", "");
  auto form = ex.s.held_forms.Take(ex.Cookie(kHeldFormCookie), ex.caller.user_id);
  ex.res.set_header("Set-Cookie", CookieHeader(ex, kHeldFormCookie, "", "; Max-Age=0"));
  if (!form) {
    return SendErrorPage(ex.res, 404,
                         "No form is kept for you. A form sent after you were signed out is kept for a short while, "
                         "and shown once.",
                         frame);
  }
  // What the officer typed, by its field; not what the form carries for the service.
  static const std::set<std::string, std::less<>> kCarried = {"csrf", "idempotency", "version", "confirmed",
                                                              "change", "add", "remove"};
  nlohmann::json typed = nlohmann::json::array(), hidden = nlohmann::json::array();
  auto sent = [&](const std::string& name) {
    auto it = std::find_if(form->fields.begin(), form->fields.end(), [&](const auto& f) { return f.first == name; });
    return it == form->fields.end() ? std::string() : it->second;
  };
  for (const auto& [name, value] : form->fields) {
    if (name == "csrf") continue;  // the new session's goes instead
    hidden.push_back({{"name", name}, {"value", value}});
    if (value.empty() || kCarried.contains(name) || name.ends_with("-rows")) continue;
    std::string field = name, shown = value;
    // A date's three boxes are one answer, written as a date: "Happened on: 3 October 2009".
    if (name.ends_with("-day") || name.ends_with("-month") || name.ends_with("-year")) {
      field = name.substr(0, name.rfind('-'));
      if (std::any_of(typed.begin(), typed.end(), [&](const auto& t) { return t["field"] == field; })) continue;
      const std::string day = sent(field + "-day"), month = sent(field + "-month"), year = sent(field + "-year");
      auto date = reference::DateOfParts(day, month, year, "date");
      shown = date.ok() ? reference::WrittenDay(*date) : day + " " + month + " " + year;
    }
    std::string words = field;
    std::replace(words.begin(), words.end(), '-', ' ');
    typed.push_back({{"field", field}, {"key", Sentence(words)}, {"value", shown}});
  }
  SendPage(ex.res,
           RenderPage("held_form", {{"action", form->path}, {"hidden", hidden}, {"typed", typed}, {"csrf", ex.csrf}},
                      frame),
           200);
}

}  // namespace jem::api::web
