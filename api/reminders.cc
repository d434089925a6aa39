// The reminder engine's record and settings: what would go out on a day, what went out, the
// contact directory, and each agency's calendar of due dates at a secret address.
#include "api/calendar_feed.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "api/sessions.h"
#include "engine/reminders/schedule.h"
#include "projections/reference.h"

namespace jem::api {

void ReminderPreview(Exchange& ex) {
  auto calendar = reminders::SendCalendar::Of(ex.s.reminder_policy);
  if (!calendar.ok()) return SendError(ex.res, calendar.status());
  const std::string date = ex.Query("date");
  auto day = date.empty() ? Result<reminders::Day>(calendar->LocalDay(ex.s.clock.Now()))
                          : reference::ParseDate(date, "date");
  if (!day.ok()) return SendError(ex.res, day.status().OnField("date"));
  auto asked = ex.AsOfAsked();
  if (!asked.ok()) return SendError(ex.res, asked.status());
  // A past day's reminders are judged on the record as it stood that day, unless asked otherwise.
  const std::optional<AsOf> state = *asked ? *asked : *day < ex.Today() ? std::optional(AsOf{*day}) : std::nullopt;
  auto preview = ex.ReadViewsAsOf(state, [&](const ReadModel& m, views::Day) -> Result<Json> {
    return views::ToJson(reminders::Preview(m, ex.s.reminder_policy, *calendar, *day));
  });
  if (!preview.ok()) return SendError(ex.res, preview.status());
  SendJson(ex.res, *preview);
}

void RemindersSent(Exchange& ex) {
  const views::SentFilter filter{ex.Query("action"), ex.Query("agency"), ex.Query("date")};
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  auto sent = ex.s.views.Read([&](const ReadModel& m) { return views::RemindersSent(m, filter, *page); });
  if (!sent.ok()) return SendError(ex.res, sent.status());
  SendJson(ex.res, views::ToJson(*sent));
}

void ListContacts(Exchange& ex) {
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  SendJson(ex.res, views::ToJson(ex.s.views.Read([&](const ReadModel& m) { return views::ContactsOf(m, *page); })));
}

void ResetCalendar(Exchange& ex) {
  auto random = RandomHex();
  if (!random.ok()) return SendError(ex.res, random.status());
  const std::string secret = random->substr(0, 32);  // 128 bits: a path segment stays short
  auto command = ReadBody(ex, ex.Param("agency"));
  if (!command) return;
  std::get<command::ResetCalendarFeed>(*command).feed_hash =
      Sha256({reinterpret_cast<const uint8_t*>(secret.data()), secret.size()});
  auto outcome = Execute(ex, {Step{std::move(*command), std::nullopt}});
  if (!outcome) return;
  // The address works once the views hold its hash; the answer shows it, once, either way.
  if (!ex.s.views.WaitFor(outcome->positions.back(), std::chrono::seconds(5))) {
    ex.res.set_header("Retry-After", "5");
  }
  // Shown once: only its hash was recorded.
  if (!outcome->replayed) {
    Json answer = OutcomeJson(*outcome);
    answer["path"] = "/calendars/" + secret + ".ics";
    answer["feed_path"] = "/feeds/" + secret;
    SendJson(ex.res, answer, ex.route.success);
  }
}

void CalendarFeed(Exchange& ex) {
  const std::string& file = ex.Param("feed");
  const std::string feed = file.substr(0, file.size() - 4);  // less ".ics" (the route's pattern has it)
  auto text = ex.s.views.Read([&](const ReadModel& m) -> Result<std::string> {
    JEM_ASSIGN_OR_RETURN(auto agency, CalendarAgency(m, feed));
    return AgencyCalendar(m, agency, ex.Site(), ex.s.clock.Now());
  });
  if (!text.ok()) return SendError(ex.res, text.status());
  ex.res.set_header("Cache-Control", "private, max-age=300");
  ex.res.set_content(*text, "text/calendar; charset=utf-8");
}

}  // namespace jem::api
