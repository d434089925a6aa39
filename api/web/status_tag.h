// An action's status as a GOV.UK tag whose words say it all ("Overdue 12 days", "Due in 5
// days", "Blocked", "Completed"): its colour only repeats what the words say.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "projections/views.h"

namespace jem::api::web {

struct Tag {
  std::string text;  // "Overdue 12 days"
  std::string css;   // "govuk-tag--red"
  int urgency = 0;   // for sorting by status: 0 overdue, 1 blocked, 2 due soon, 3 open, 4 completed, 5 dropped
};

// The tag of `action`, a row of views::ActionBoard or views::ActionDetail, on `today`.
Tag StatusTag(const views::Json& action, views::Day today);
// The tag of an action as it stands, on `today`.
Tag StatusTag(const ActionState& action, views::Day today);

}  // namespace jem::api::web
