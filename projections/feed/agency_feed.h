// An agency's feed: the actions it leads or supports that are still open, with what it
// promised and their state, and its figures, for a partner's own tools (a spreadsheet, a
// performance system) to read on a schedule. Its fields are a stable, documented schema: a
// field may be added, never renamed or removed (docs/feeds.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "projections/audit/promises.h"
#include "projections/views.h"

namespace jem::feed {

// The most actions a feed holds, soonest due first; `count` says how many there are in all.
inline constexpr size_t kFeedActions = 5000;

// An open action as the feed gives it.
struct FeedAction {
  static constexpr std::string_view kRoleWords[] = {"lead", "supporting"};
  std::string reference, meeting, borough;
  uint32_t round = 0;
  std::string theme, text, role, lead;
  std::vector<std::string> supporting;
  std::string priority, promised_by, promised_due, due;
  int64_t redates = 0;
  std::string status;
  bool blocked = false;
  int64_t days_overdue = 0;
  std::string rag, last_update;
  static constexpr std::string_view kName = "FeedAction";
  static constexpr auto kFields = std::tuple{
      views::Field{"reference", &FeedAction::reference},
      views::Field{"meeting", &FeedAction::meeting, "the JEM that agreed it"},
      views::Field{"borough", &FeedAction::borough, "by code"},
      views::Field{"round", &FeedAction::round},
      views::Field{"theme", &FeedAction::theme},
      views::Field{"text", &FeedAction::text},
      views::Field{"role", &FeedAction::role, "the agency's part in it", kRoleWords},
      views::Field{"lead", &FeedAction::lead, "the lead agency now"},
      views::Field{"supporting", &FeedAction::supporting},
      views::Field{"priority", &FeedAction::priority},
      views::Field{"promised_by", &FeedAction::promised_by, "the lead agency when it was agreed"},
      views::Field{"promised_due", &FeedAction::promised_due, "the due date agreed, YYYY-MM-DD"},
      views::Field{"due", &FeedAction::due, "the due date now, YYYY-MM-DD"},
      views::Field{"redates", &FeedAction::redates, "times its due date was changed"},
      views::Field{"status", &FeedAction::status},
      views::Field{"blocked", &FeedAction::blocked},
      views::Field{"days_overdue", &FeedAction::days_overdue, "days past its due date (0: none)"},
      views::Field{"rag", &FeedAction::rag, "red: overdue; amber: blocked or due soon; green: on track", views::kRagWords},
      views::Field{"last_update", &FeedAction::last_update, "the day it last changed, YYYY-MM-DD"}};
};

struct AgencyFeed {
  std::string agency, borough, as_of;
  views::StandingCounts figures;
  audit::PromiseCounts promises;
  size_t count = 0;
  std::vector<FeedAction> actions;
  static constexpr std::string_view kName = "AgencyFeed";
  static constexpr auto kFields = std::tuple{
      views::Field{"agency", &AgencyFeed::agency},
      views::Field{"borough", &AgencyFeed::borough, "the borough's code the feed is of; empty: every borough"},
      views::Field{"as_of", &AgencyFeed::as_of, "the day overdue is judged against, YYYY-MM-DD"},
      views::Field{"figures", &AgencyFeed::figures, "its open, overdue, blocked and due-this-month actions"},
      views::Field{"promises", &AgencyFeed::promises, "what it promised and delivered (audit's promises)"},
      views::Field{"count", &AgencyFeed::count, "its open actions in all"},
      views::Field{"actions", &AgencyFeed::actions, "its open actions, soonest due first (at most 5,000)"}};
};

// The feed of `agency` (a name of reference::Agencies()), of one borough when `borough` (a
// code or name) is set, as of `today`; `visible` is what a partner of the agency may see (the
// access policy's). Errors: an agency or borough that is none (kInvalidArgument, on its field).
Result<AgencyFeed> AgencyFeedOf(const ReadModel& model, const std::string& agency, const std::string& borough,
                                views::Day today, const std::function<bool(const ActionState&)>& visible);

}  // namespace jem::feed
