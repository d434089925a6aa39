#include "api/web/status_tag.h"

#include <fmt/format.h>

#include "projections/reference.h"

namespace jem::api::web {

namespace {

// The tag of an action of `status`, overdue by `overdue` days, blocked or not, due on `due`.
Tag TagOf(std::string_view status, int64_t overdue, bool blocked, const std::string& due_text, views::Day today) {
  if (status == "completed") return {"Completed", "govuk-tag--green", 4};
  if (status == "dropped") return {"Dropped", "govuk-tag--grey", 5};
  if (overdue > 0) return {fmt::format("Overdue {} day{}", overdue, overdue == 1 ? "" : "s"), "govuk-tag--red", 0};
  if (blocked) return {"Blocked", "govuk-tag--orange", 1};
  auto due = reference::ParseDate(due_text, "due");
  if (due.ok()) {
    const int days = int((*due - today).count());
    if (days == 0) return {"Due today", "govuk-tag--yellow", 2};
    if (days <= 14) return {fmt::format("Due in {} day{}", days, days == 1 ? "" : "s"), "govuk-tag--yellow", 2};
  }
  return {status == "in progress" ? "In progress" : "Open", "govuk-tag--blue", 3};
}

}  // namespace

Tag StatusTag(const views::Json& action, views::Day today) {
  return TagOf(action["status"].get<std::string>(), action["days_overdue"].get<int64_t>(),
               action["blocked"].get<bool>(), action["due"].get<std::string>(), today);
}

Tag StatusTag(const ActionState& a, views::Day today) {
  return TagOf(StatusName(a.status), views::DaysOverdue(a, today), a.blocked, a.due, today);
}

}  // namespace jem::api::web
