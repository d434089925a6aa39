#include "api/web/status_tag.h"

namespace jem::api::web {
namespace {

// The GOV.UK tag colour of each urgency.
std::string Colour(views::Urgency urgency) {
  switch (urgency) {
    case views::Urgency::kOverdue: return "govuk-tag--red";
    case views::Urgency::kBlocked: return "govuk-tag--orange";
    case views::Urgency::kDueSoon: return "govuk-tag--yellow";
    case views::Urgency::kOpen: return "govuk-tag--blue";
    case views::Urgency::kCompleted: return "govuk-tag--green";
    case views::Urgency::kDropped: return "govuk-tag--grey";
  }
  return "govuk-tag--grey";
}

Tag TagOf(views::Urgency urgency, std::string words) { return {std::move(words), Colour(urgency), urgency}; }

}  // namespace

Tag StatusTag(const views::ActionRow& action) { return TagOf(views::ParseUrgency(action.urgency), action.standing); }

Tag StatusTag(const ActionState& a, views::Day today) {
  views::Standing standing = views::StandingOf(a, today);
  return TagOf(standing.urgency, std::move(standing.words));
}

}  // namespace jem::api::web
