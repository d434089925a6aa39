// The reminder engine's pages: what it sent, by day and agency (officers and auditors); the
// contact directory it chases, kept by officers; and each agency's calendar of due dates,
// whose secret address an officer or the agency resets (shown once, on the page that answers).
#include "api/answer.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "engine/command_forms.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// The fields of the form that adds a contact, each named once.
std::vector<PageField> ContactFields() {
  using C = PageField::Control;
  return {{"kind", C::kSelect, "Kind of contact", "", "",
           {{"", "Choose a kind"},
            {"agency", "Agency: chased for the actions it leads"},
            {"chair", "Chair: escalations of the meetings they chair"},
            {"officer", "Officer: escalations and follow-up notices of the meetings they log"},
            {"secretary", "Committee secretary: actions long overdue"}}},
          {"name", C::kInput, "Name", "A chair's name as meetings give it", "govuk-!-width-two-thirds"},
          {"email", C::kInput, "E-mail address", "", "govuk-!-width-two-thirds"},
          {"agency", C::kSelect, "Agency", "Agency contacts only", "", AgencyOptions("None (not an agency contact)")},
          {"borough", C::kInput, "Borough (optional)", "Agency contacts: only this borough's actions", "govuk-input--width-20"},
          {"user", C::kInput, "User id", "Officers only: the user id they log meetings as", "govuk-input--width-20"},
          {"id", C::kInput, "Contact id (optional)", "Lower-case letters, digits and -; made from the name if empty",
           "govuk-input--width-20"}};
}

using Options = std::vector<std::pair<std::string, std::string>>;

std::string DeliveryTag(const std::string& status) {
  if (status == "delivered") return "govuk-tag--green";
  if (status == "failed") return "govuk-tag--red";
  return "govuk-tag--yellow";  // queued, retrying
}

// The contacts page; `form` holds an add or remove sent with errors.
void ShowContacts(Exchange& ex, const FormState& form, int status) {
  nlohmann::json frame = Frame(ex, "Contacts", "/contacts");
  const views::ContactList list = ex.s.views.Read([&](const ReadModel& m) { return views::ContactsOf(m, ListPage(ex)); });
  const bool keeps = Offers(ex, "POST", "/contacts");
  nlohmann::json contacts = nlohmann::json::array();
  for (const views::ContactItem& c : list.contacts) {
    std::string scope = c.agency;
    if (!c.borough.empty()) scope += ", " + c.borough;
    if (!c.user.empty()) scope = "logs meetings as " + c.user;
    contacts.push_back({{"id", c.id}, {"kind", Sentence(c.kind)}, {"name", c.name},
                        {"email", c.email}, {"scope", scope}, {"removed", c.removed},
                        {"removable", keeps && !c.removed},
                        {"reason", form.Input("remove-" + c.id + "-reason", "Why remove it", "", "")}});
  }
  nlohmann::json fields = nlohmann::json::array();
  if (keeps) {
    fields = form.Draw(ContactFields());
  }
  auto key = RandomHex();
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("contacts", {{"contacts", contacts}, {"any", !contacts.empty()}, {"keeps", keeps},
                                   {"fields", fields}, {"csrf", ex.csrf}, {"idempotency", *key},
                                   {"changed", ex.Query("changed").substr(0, 63)},
                                   {"pagination", Pagination(ex, list, "Pages of contacts")}},
                      frame),
           status);
}

// The calendars page: each agency the reader may reset (a partner: its own); `secret` is a
// new secret address's, shown this once as the calendar's address and the feed's.
void ShowCalendars(Exchange& ex, const FormState& form, const std::string& agency, const std::string& secret,
                   int status) {
  nlohmann::json frame = Frame(ex, "Calendars", "/calendars");
  const auto feeds = ex.s.views.Read([](const ReadModel& m) { return m.reminders.calendar_feeds; });
  auto key = RandomHex();  // a form sent twice (a reload) makes one address, shown once
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  nlohmann::json rows = nlohmann::json::array();
  for (std::string_view a : reference::Agencies()) {
    if (ex.caller.role == Role::kPartner && ex.caller.agency != a) continue;
    rows.push_back({{"agency", a}, {"has_feed", feeds.contains(std::string(a))},
                    {"idempotency", *key + "-" + std::string(a)}});
  }
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("calendars",
                      {{"agencies", rows},
                       {"address", secret.empty() ? "" : ex.Site() + "/calendars/" + secret + ".ics"},
                       {"feed", secret.empty() ? "" : ex.Site() + "/feeds/" + secret + "?format=csv"},
                       {"agency", agency},
                       {"csrf", ex.csrf}},
                      frame),
           status);
}

}  // namespace

void RemindersPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Reminders sent", "/reminders");
  FormState form;
  for (const char* name : {"agency", "action"}) form.Set(name, ex.Query(name).substr(0, 100));
  const std::optional<views::Day> day = DayFilter(ex, form, "date", "day");
  const views::SentFilter filter{form.Value("action"), form.Value("agency"), day ? reference::FormatDate(*day) : ""};
  std::optional<views::SentMessages> sent;
  if (form.ok()) {
    auto read = ex.s.views.Read([&](const ReadModel& m) { return views::RemindersSent(m, filter, ListPage(ex)); });
    if (read.ok()) {
      sent = std::move(*read);
    } else {
      form.AddError(read.status(), "", "date");
    }
  }
  form.ShowErrors(frame);
  nlohmann::json days = nlohmann::json::array();
  for (const views::SentMessage& m : sent ? sent->messages : std::vector<views::SentMessage>()) {
    const std::string written = reference::WrittenDay(m.day);
    if (days.empty() || days.back()["day"] != written) days.push_back({{"day", written}, {"messages", nlohmann::json::array()}});
    nlohmann::json items = nlohmann::json::array();
    for (const views::SentItem& i : m.items) {
      items.push_back({{"subject", i.subject}, {"window", i.window}, {"why", i.why},
                       {"action", i.rule != "follow-up" && i.rule != "decision"}});
    }
    days.back()["messages"].push_back(
        {{"recipient", m.recipient}, {"channel", m.channel == "email" ? "E-mail to " + m.address : "Webhook"},
         {"subject", m.subject}, {"status", Sentence(m.status)}, {"status_class", DeliveryTag(m.status)},
         {"attempts", m.attempts}, {"last_error", m.last_error}, {"items", items}});
  }
  const nlohmann::json fields = {form.DateInput("date", "Day", "For example, 12 11 2010"),
                                 form.Select("agency", "Agency", AgencyOptions("Any")),
                                 form.Input("action", "Action or meeting", "For example, CAM-2009-01", "govuk-input--width-10")};
  nlohmann::json unaddressed = sent ? nlohmann::json(sent->unaddressed) : nlohmann::json::array();
  SendPage(ex.res,
           RenderPage("reminders", {{"fields", fields}, {"days", days},
                                    {"count", std::to_string(sent ? sent->count : 0)},
                                    {"last_day", sent ? reference::WrittenDay(sent->last_day) : ""},
                                    {"unaddressed", unaddressed}, {"has_unaddressed", !unaddressed.empty()},
                                    {"pagination", sent ? Pagination(ex, *sent, "Pages of messages") : nlohmann::json(false)}},
                      frame),
           form.ok() ? 200 : 400);
}

void ContactsPage(Exchange& ex) { ShowContacts(ex, FormState(), 200); }

void AddContactPage(Exchange& ex) {
  FormState form(ex.req);
  auto command = ReadFields(SetContactForm(), form.Read(ContactFields(), SetContactForm()), "", "the form");
  if (command.ok()) {
    auto outcome = RunForm(ex, form, std::move(*command));
    if (outcome.ok()) return SeeOther(ex.res, "/contacts?changed=" + outcome->subject);
    command = outcome.status();
  }
  form.AddError(command.status(), "", "name");
  ShowContacts(ex, form, HttpStatus(command.status().code()));
}

void RemoveContactPage(Exchange& ex) {
  FormState form(ex.req);
  const std::string& id = ex.Param("contact");
  const std::string prefix = "remove-" + id + "-";
  auto outcome = RunForm(ex, form, command::RemoveContact{id, form.Value(prefix + "reason")});
  if (!outcome.ok()) {
    form.AddError(outcome.status(), prefix, prefix + "reason", "Contact " + id);
    return ShowContacts(ex, form, HttpStatus(outcome.status().code()));
  }
  SeeOther(ex.res, "/contacts?changed=" + id);
}

void CalendarsPage(Exchange& ex) { ShowCalendars(ex, FormState(), "", "", 200); }

void ResetCalendarPage(Exchange& ex) {
  FormState form(ex.req);
  const std::string& agency = ex.Param("agency");
  auto random = RandomHex();
  if (!random.ok()) return SendErrorPage(ex.res, 500, random.status().message(), Frame(ex, "", ""));
  const std::string secret = random->substr(0, 32);
  command::ResetCalendarFeed command{agency, Sha256({reinterpret_cast<const uint8_t*>(secret.data()), secret.size()})};
  auto outcome = RunForm(ex, form, std::move(command));
  if (!outcome.ok()) {
    form.AddError("calendars", Sentence(outcome.status().message()));
    return ShowCalendars(ex, form, "", "", HttpStatus(outcome.status().code()));
  }
  if (outcome->replayed) return ShowCalendars(ex, FormState(), "", "", 200);  // its address was shown the first time
  ShowCalendars(ex, FormState(), outcome->subject, secret, 201);
}

}  // namespace jem::api::web
