#include "projections/audit/promises.h"

#include <map>

#include "projections/borough_run.h"
#include "projections/reference.h"

namespace jem::audit {
namespace {

// Days from `from` to `to`, both YYYY-MM-DD (0 if either does not parse).
int64_t DaysBetween(const std::string& from, const std::string& to) {
  auto a = reference::ParseDate(from, "a date"), b = reference::ParseDate(to, "a date");
  return a.ok() && b.ok() ? (*b - *a).count() : 0;
}

}  // namespace

Result<PromisesView> Promises(const ReadModel& model, const PromiseQuery& query, std::chrono::sys_days today) {
  std::string borough;
  if (!query.borough.empty()) {
    auto b = reference::FindBorough(query.borough);
    if (!b.ok()) return b.status().OnField("borough");
    borough = std::string(b->code);
  }
  std::optional<schema::Theme> theme;
  if (!query.theme.empty()) {
    auto t = reference::ParseTheme(query.theme);
    if (!t.ok()) return t.status().OnField("theme");
    theme = *t;
  }
  if (!query.by.empty() && query.by != "borough" && query.by != "theme" && query.by != "round") {
    return Status::InvalidArgument("by must be borough, theme or round, not '" + query.by.substr(0, 40) + "'").OnField("by");
  }
  const std::string today_text = reference::FormatDate(today);
  std::map<std::pair<std::string, std::string>, PromiseCounts> rows;  // (agency, group)
  PromiseCounts totals;
  for (const auto& [ref, record] : OfBorough(model.actions, borough)) {
    const ActionState& a = record.state;
    if (a.status == ActionState::Status::kNone) continue;
    const MeetingRecord* meeting = model.MeetingOf(a);
    const std::string action_borough = ref.substr(0, 3);
    const uint32_t round = meeting != nullptr ? meeting->state.round : 0;
    if (!borough.empty() && action_borough != borough) continue;
    if (theme && a.theme != *theme) continue;
    if (query.round != 0 && round != query.round) continue;
    std::string group;
    if (query.by == "borough") group = action_borough;
    if (query.by == "theme") group = std::string(reference::ThemeName(a.theme));
    if (query.by == "round") group = std::to_string(round);

    // Who promised it: the lead before the first reassignment (or the lead, if never reassigned).
    std::string promiser = a.lead_agency, completed_on;
    uint64_t redates = 0;
    bool reassigned = false;
    for (const ActionHistoryEntry& h : record.history) {
      if (h.kind == "reassigned") {
        if (!reassigned) promiser = h.from;
        reassigned = true;
        for (PromiseCounts* t : {&rows[{h.from, group}], &totals}) ++t->reassigned_away;
        for (PromiseCounts* t : {&rows[{h.to, group}], &totals}) ++t->received;
      }
      if (h.kind == "due date changed") ++redates;
      if (h.kind == "completed") completed_on = h.day;
    }
    PromiseCounts& promised = rows[{promiser, group}];
    for (PromiseCounts* t : {&promised, &totals}) {
      ++t->agreed;
      t->redates += redates;
      if (redates > 0) ++t->redated;
    }
    // What became of it counts for the agency that holds it: dropped by it, or open with it.
    for (PromiseCounts* t : {&rows[{a.lead_agency, group}], &totals}) {
      if (a.status == ActionState::Status::kDropped) ++t->dropped;
      if (!a.closed()) {
        ++t->open;
        if (!a.due.empty() && a.due < today_text) ++t->overdue;
      }
    }
    if (a.status != ActionState::Status::kCompleted) continue;
    const int64_t slip = DaysBetween(a.original_due, completed_on);
    for (PromiseCounts* t : {&promised, &totals}) {
      if (slip <= 0) {
        ++t->completed_on_time;
        continue;
      }
      ++t->completed_late;
      t->slip_days += slip;
      t->slips.push_back({ref, slip});
      if (completed_on <= a.due) ++t->completed_by_revised_date;
    }
    for (PromiseCounts* t : {&rows[{a.lead_agency, group}], &totals}) {
      ++t->delivered;
      if (slip > 0) ++t->delivered_late;
    }
  }
  PromisesView view{today_text, {}, std::move(totals)};
  for (auto& [key, counts] : rows) {
    PromiseRow& row = view.rows.emplace_back(PromiseRow{std::move(counts), key.first});
    if (query.by == "borough") row.borough = key.second;
    if (query.by == "theme") row.theme = key.second;
    if (query.by == "round") row.round = key.second;
  }
  return view;
}

}  // namespace jem::audit
