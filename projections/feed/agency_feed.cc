#include "projections/feed/agency_feed.h"

#include <algorithm>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::feed {

Result<AgencyFeed> AgencyFeedOf(const ReadModel& model, const std::string& agency, const std::string& borough,
                                views::Day today, const std::function<bool(const ActionState&)>& visible) {
  auto named = reference::FindAgency(agency);
  if (!named.ok()) return named.status().OnField("agency");
  AgencyFeed feed{.agency = *named, .as_of = reference::FormatDate(today)};
  if (!borough.empty()) {
    auto b = reference::FindBorough(borough);
    if (!b.ok()) return b.status().OnField("borough");
    feed.borough = std::string(b->code);
  }
  feed.figures = {feed.agency, feed.agency};
  JEM_ASSIGN_OR_RETURN(auto records, views::BoardActions(model, {.borough = feed.borough, .agency = feed.agency,
                                                                 .status = "not closed", .visible = visible},
                                                         today));
  feed.count = records.size();
  for (const ActionRecord* record : records) {
    const ActionState& a = record->state;
    const int64_t overdue = views::DaysOverdue(a, today);
    ++feed.figures.open;
    feed.figures.overdue += overdue > 0;
    feed.figures.blocked += a.blocked;
    feed.figures.due_this_month += views::DueThisMonth(a, today);
    if (feed.actions.size() == kFeedActions) continue;
    const views::ActionRow row = views::ActionRowOf(model, *record, today);
    FeedAction& out = feed.actions.emplace_back(FeedAction{.reference = row.reference,
                                                           .meeting = row.meeting,
                                                           .borough = row.borough,
                                                           .round = row.round,
                                                           .theme = row.theme,
                                                           .text = row.text,
                                                           .role = a.lead_agency == feed.agency ? "lead" : "supporting",
                                                           .lead = row.lead,
                                                           .supporting = row.supporting,
                                                           .priority = row.priority,
                                                           .promised_by = views::PromisedBy(*record),
                                                           .promised_due = row.original_due,
                                                           .due = row.due,
                                                           .status = row.status,
                                                           .blocked = row.blocked,
                                                           .days_overdue = row.days_overdue,
                                                           .rag = row.rag,
                                                           .last_update = row.last_update});
    out.redates = std::ranges::count(record->history, "due date changed", &ActionHistoryEntry::kind);
  }
  JEM_ASSIGN_OR_RETURN(audit::PromisesView promises, audit::Promises(model, {.borough = feed.borough}, today));
  for (const audit::PromiseRow& row : promises.rows) {
    if (row.agency == feed.agency) feed.promises = row;
  }
  return feed;
}

}  // namespace jem::feed
