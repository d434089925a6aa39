#include "api/calendar_feed.h"

#include <cstdlib>
#include <memory>

#include <libical/ical.h>

#include "api/sessions.h"
#include "engine/access_policy.h"
#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::api {
namespace {

icaltimetype DayOf(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  icaltimetype t = icaltime_null_date();
  t.year = int(ymd.year());
  t.month = int(unsigned(ymd.month()));
  t.day = int(unsigned(ymd.day()));
  return t;
}

struct FreeComponent {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

}  // namespace

std::string AgencyCalendar(const ReadModel& model, const std::string& agency, const std::string& site,
                           Timestamp stamp) {
  std::unique_ptr<icalcomponent, FreeComponent> calendar(icalcomponent_vanew(
      ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"), icalproperty_new_prodid("-//jem//JEM actions//EN"),
      icalproperty_new_calscale("GREGORIAN"), static_cast<void*>(nullptr)));
  icalproperty* name = icalproperty_new_x(("JEM actions: " + agency).c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar.get(), name);
  const icaltimetype dtstamp =
      icaltime_from_timet_with_zone(time_t(ToMicros(stamp) / 1000000), 0, icaltimezone_get_utc_timezone());
  // What a partner of the agency may see, and no more: the address may be passed around.
  const Caller partner{"calendar", Role::kPartner, agency};
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    if (a.status == ActionState::Status::kNone || a.closed() || !access::MaySee(partner, a)) continue;
    auto due = reference::ParseDate(a.due, "due");
    if (!due.ok()) continue;
    icalcomponent* event = icalcomponent_new_vevent();
    icalcomponent_add_property(event, icalproperty_new_uid((ref + "@jem").c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(dtstamp));
    icalcomponent_add_property(event, icalproperty_new_dtstart(DayOf(*due)));
    icalcomponent_add_property(event, icalproperty_new_dtend(DayOf(*due + std::chrono::days(1))));
    // One line, whatever the text held: no control character reaches a calendar program, nor cuts it short.
    icalcomponent_add_property(event, icalproperty_new_summary(text::OneLine(ref + " due: " + a.text).c_str()));
    const std::string lead = a.lead_agency == agency ? agency + " leads it" : "led by " + a.lead_agency;
    icalcomponent_add_property(
        event, icalproperty_new_description((lead + "; " + std::string(StatusName(a.status)) +
                                             (a.blocked ? ", blocked" : "") + ". Agreed at " + a.meeting_id + ".")
                                                .c_str()));
    icalcomponent_add_property(event, icalproperty_new_url((site + "/actions/" + ref).c_str()));
    icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    icalcomponent_add_component(calendar.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  std::free(text);
  return out;
}

Result<std::string> CalendarAgency(const ReadModel& model, std::string_view feed) {
  const std::string hash = ToHex(Sha256({reinterpret_cast<const uint8_t*>(feed.data()), feed.size()}));
  for (const auto& [agency, feed_hash] : model.reminders.calendar_feeds) {
    if (SameSecret(feed_hash, hash)) return agency;
  }
  return Status::NotFound("there is no calendar at this address (it may have been reset)");
}

}  // namespace jem::api
