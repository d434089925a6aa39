// An agency's calendar of due dates, as iCalendar (RFC 5545) built with libical: one all-day
// event per open action it leads or supports, so that a partner's own calendar shows what is
// due when. Served at a secret address (the feed's hash is in the log, never the secret).
#pragma once

#include <string>

#include "projections/read_model.h"

namespace jem::api {

// The feed of `agency`: each open action it may see as a partner, on its due day. `site` is
// the pages' address for each event's link; `stamp` is DTSTAMP.
std::string AgencyCalendar(const ReadModel& model, const std::string& agency, const std::string& site,
                           Timestamp stamp);

// The agency whose feed the secret `feed` (32 hex digits) opens, or kNotFound.
Result<std::string> CalendarAgency(const ReadModel& model, std::string_view feed);

}  // namespace jem::api
