// An agency's feed (feed::AgencyFeedOf) as CSV for spreadsheets: one row per open action, with
// a fixed header (docs/feeds.md); a column may be added at the end, never renamed or moved.
#pragma once

#include <string>

#include "projections/feed/agency_feed.h"

namespace jem::papers {

// The header line of AgencyFeedCsv, without its line break.
inline constexpr std::string_view kAgencyFeedHeader =
    "as_of,agency,reference,meeting,borough,round,theme,role,lead,supporting,priority,promised_by,promised_due,due,"
    "redates,status,blocked,days_overdue,rag,last_update,text";

// The feed's actions, one row each, every field made safe for a spreadsheet.
std::string AgencyFeedCsv(const feed::AgencyFeed& feed);

}  // namespace jem::papers
