// An agency's feed (feed::AgencyFeedOf) as JSON or CSV: with a token, of what the caller may
// see; at the agency's secret address (its calendar's), of what a partner of the agency may
// see, for tools that hold no token.
#include "api/answer.h"
#include "api/calendar_feed.h"
#include "api/handlers.h"
#include "engine/access_policy.h"
#include "projections/feed/agency_feed.h"
#include "projections/papers/agency_feed.h"

namespace jem::api {
namespace {

// Answers `feed` in `format` ("json" or "csv"), saying in JSON which state it shows.
void SendFeed(Exchange& ex, const Result<feed::AgencyFeed>& feed, const std::string& format, views::Day day,
              const std::optional<AsOf>& as_of) {
  if (!feed.ok()) return SendError(ex.res, feed.status());
  if (format == "csv") return ex.res.set_content(papers::AgencyFeedCsv(*feed), "text/csv; charset=utf-8");
  Json answer = views::ToJson(*feed);
  Exchange::StateAsOf(&answer, day, as_of);
  SendJson(ex.res, answer);
}

// The format `ex` asks for: json (the default) or csv; "" when it asks for another (answered).
std::string FormatAsked(Exchange& ex) {
  const std::string format = ex.req.has_param("format") ? ex.Query("format") : "json";
  if (format == "json" || format == "csv") return format;
  SendError(ex.res, 400, "format '" + format.substr(0, 40) + "' is not json or csv");
  return "";
}

}  // namespace

void AgencyFeed(Exchange& ex) {
  const std::string format = FormatAsked(ex);
  if (format.empty()) return;
  auto asked = ex.AsOfAsked();
  if (!asked.ok()) return SendError(ex.res, asked.status());
  // Another agency's feed holds only what the caller may see of it: for a partner, the actions
  // both agencies share.
  const auto visible = access::ActionsOpenTo(ex.caller);
  views::Day day{};
  auto feed = ex.ReadViewsAsOf(*asked, [&](const ReadModel& m, views::Day today) {
    day = today;
    return feed::AgencyFeedOf(m, ex.Param("agency"), ex.Query("borough"), today, visible);
  });
  SendFeed(ex, feed, format, day, *asked);
}

void AgencyFeedBySecret(Exchange& ex) {
  const std::string format = FormatAsked(ex);
  if (format.empty()) return;
  views::Day day = ex.Today();
  auto feed = ex.s.views.Read([&](const ReadModel& m) -> Result<feed::AgencyFeed> {
    JEM_ASSIGN_OR_RETURN(auto agency, CalendarAgency(m, ex.Param("sheet")));
    // What a partner of the agency may see, and no more: the address may be passed around.
    const Caller reader{"feed", Role::kPartner, agency};
    return feed::AgencyFeedOf(m, agency, "", day, access::ActionsOpenTo(reader));
  });
  ex.res.set_header("Cache-Control", "private, max-age=300");
  SendFeed(ex, feed, format, day, std::nullopt);
}

}  // namespace jem::api
