// The brief (data pack) of a JEM: the borough's story so far, drawn from the log for the
// chair and the invited partners before they meet, so that nobody assembles it by hand from
// the board. Its parts: the borough's earlier JEMs and what each agreed; every action still
// open from them, with its story (blocked why, slipped how often, reassigned); what each
// invited agency promised and delivered in the borough (audit::Promises' counts); good
// practice from the borough and, on the meeting's theme, from elsewhere; the open pan-London
// issues on the theme; the feedback given on the borough's last JEM. As of any day: a brief
// made from the model as recorded (or as happened) by then says what it said then.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "projections/audit/promises.h"
#include "projections/views.h"

namespace jem::brief {

// The most of each list a brief shows; each list's `_count` says how many there are in all.
// A borough's open actions are what a brief is for, so they are shown the most.
inline constexpr size_t kOpenActionsShown = 1000;
inline constexpr size_t kEntriesShown = 100;  // meetings, good practice, issues, feedback

// An earlier JEM in the borough, and what became of what it agreed by the brief's day.
struct EarlierMeeting {
  std::string meeting;
  uint32_t round = 0;
  std::string theme, held;
  std::vector<std::string> decisions;
  views::FollowUpTotals actions;
  bool follow_up_published = false;
  static constexpr std::string_view kName = "EarlierMeeting";
  static constexpr auto kFields = std::tuple{
      views::Field{"meeting", &EarlierMeeting::meeting},       views::Field{"round", &EarlierMeeting::round},
      views::Field{"theme", &EarlierMeeting::theme},           views::Field{"held", &EarlierMeeting::held},
      views::Field{"decisions", &EarlierMeeting::decisions},
      views::Field{"actions", &EarlierMeeting::actions, "what became of the actions it agreed"},
      views::Field{"follow_up_published", &EarlierMeeting::follow_up_published}};
};

// An action still open from an earlier JEM: as the board shows it, and each change of its
// due date (how often it slipped, by how much, why).
struct OpenAction : views::ActionRow {
  std::vector<views::Slip> slipped;
  static constexpr std::string_view kName = "BriefAction";
  static constexpr auto kFields =
      std::tuple_cat(views::ActionRow::kFields, std::tuple{views::Field{"slipped", &OpenAction::slipped}});
};

// Feedback given on the borough's last JEM.
struct FeedbackGiven {
  std::string day, agency, positive, suggestions;
  static constexpr std::string_view kName = "FeedbackGiven";
  static constexpr auto kFields =
      std::tuple{views::Field{"day", &FeedbackGiven::day}, views::Field{"agency", &FeedbackGiven::agency},
                 views::Field{"positive", &FeedbackGiven::positive},
                 views::Field{"suggestions", &FeedbackGiven::suggestions}};
};

struct Brief {
  std::string meeting, borough, borough_name;
  uint32_t round = 0;
  std::string theme, status, date, start, end, room, chair;
  std::vector<std::string> invited;
  std::string as_of;
  std::vector<EarlierMeeting> earlier;
  size_t earlier_count = 0;
  std::vector<OpenAction> open_actions;
  size_t open_actions_count = 0;
  std::vector<audit::PromiseRow> promises;
  std::vector<views::GoodPractice> good_practice_here, good_practice_elsewhere;
  size_t good_practice_here_count = 0, good_practice_elsewhere_count = 0;
  std::vector<views::PanLondonIssue> pan_london_issues;
  size_t pan_london_issues_count = 0;
  std::string last_meeting;
  std::vector<FeedbackGiven> feedback;
  size_t feedback_count = 0;
  static constexpr std::string_view kName = "Brief";
  static constexpr auto kFields = std::tuple{
      views::Field{"meeting", &Brief::meeting, "the JEM this brief is for"},
      views::Field{"borough", &Brief::borough, "by code"},
      views::Field{"borough_name", &Brief::borough_name},
      views::Field{"round", &Brief::round},
      views::Field{"theme", &Brief::theme},
      views::Field{"status", &Brief::status},
      views::Field{"date", &Brief::date, "held on, or scheduled for"},
      views::Field{"start", &Brief::start, "HH:MM, London time"},
      views::Field{"end", &Brief::end, "HH:MM, London time"},
      views::Field{"room", &Brief::room},
      views::Field{"chair", &Brief::chair},
      views::Field{"invited", &Brief::invited, "the agencies invited"},
      views::Field{"as_of", &Brief::as_of, "the day the brief's figures are as of"},
      views::Field{"earlier", &Brief::earlier, "the borough's JEMs held before this one, newest first (at most 100)"},
      views::Field{"earlier_count", &Brief::earlier_count},
      views::Field{"open_actions", &Brief::open_actions,
                   "the actions still open from those JEMs, by due date (at most 1,000)"},
      views::Field{"open_actions_count", &Brief::open_actions_count},
      views::Field{"promises", &Brief::promises,
                   "per invited agency, what it promised and delivered in the borough (every invited agency has a row)"},
      views::Field{"good_practice_here", &Brief::good_practice_here, "good practice from the borough, not rejected (at most 100)"},
      views::Field{"good_practice_here_count", &Brief::good_practice_here_count},
      views::Field{"good_practice_elsewhere", &Brief::good_practice_elsewhere,
                   "good practice on the meeting's theme from other boroughs and pan-London, not rejected (at most 100)"},
      views::Field{"good_practice_elsewhere_count", &Brief::good_practice_elsewhere_count},
      views::Field{"pan_london_issues", &Brief::pan_london_issues,
                   "open issues raised at JEMs on the meeting's theme (at most 100)"},
      views::Field{"pan_london_issues_count", &Brief::pan_london_issues_count},
      views::Field{"last_meeting", &Brief::last_meeting, "the borough's latest earlier JEM (empty: none)"},
      views::Field{"feedback", &Brief::feedback, "given on that JEM (at most 100)"},
      views::Field{"feedback_count", &Brief::feedback_count}};
};

// The brief of meeting `meeting_id` (scheduled, held or cancelled) as of `today`, the day
// overdue is judged against; `model` is the record as of that day. Reads only the borough's
// meetings and actions, and the registers. Errors: kNotFound for a meeting that does not exist.
Result<Brief> BriefOf(const ReadModel& model, const std::string& meeting_id, views::Day today);

}  // namespace jem::brief
