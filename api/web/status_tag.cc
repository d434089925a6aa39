#include "api/web/status_tag.h"

#include <fmt/format.h>

#include "projections/reference.h"

namespace jem::api::web {

Tag StatusTag(const views::Json& action, views::Day today) {
  const std::string status = action["status"];
  if (status == "completed") return {"Completed", "govuk-tag--green", 4};
  if (status == "dropped") return {"Dropped", "govuk-tag--grey", 5};
  const int overdue = action["days_overdue"];
  if (overdue > 0) return {fmt::format("Overdue {} day{}", overdue, overdue == 1 ? "" : "s"), "govuk-tag--red", 0};
  if (action["blocked"].get<bool>()) return {"Blocked", "govuk-tag--orange", 1};
  auto due = reference::ParseDate(action["due"].get<std::string>(), "due");
  if (due.ok()) {
    const int days = int((*due - today).count());
    if (days == 0) return {"Due today", "govuk-tag--yellow", 2};
    if (days <= 14) return {fmt::format("Due in {} day{}", days, days == 1 ? "" : "s"), "govuk-tag--yellow", 2};
  }
  return {status == "in progress" ? "In progress" : "Open", "govuk-tag--blue", 3};
}

}  // namespace jem::api::web
