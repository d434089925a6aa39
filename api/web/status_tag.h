// An action's standing (views::StandingOf) as a GOV.UK tag: its words say it all ("Blocked,
// overdue since 17 January 2010 (16 years)", "Due in 5 days", "Completed"), and its colour only repeats them. The
// rule is the views'; the pages only choose the colour.
#pragma once

#include <string>

#include "projections/views.h"

namespace jem::api::web {

struct Tag {
  std::string text;  // "In progress, overdue since 17 January 2010 (16 years)"
  std::string css;   // "govuk-tag--red"
  views::Urgency urgency = views::Urgency::kOpen;  // for sorting by status, most pressing first
};

// The tag of `action` (its urgency and standing).
Tag StatusTag(const views::ActionRow& action);
// The tag of an action as it stands, on `today`.
Tag StatusTag(const ActionState& action, views::Day today);

}  // namespace jem::api::web
