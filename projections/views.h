// The views people read, each computed from the read model (one file each in views/).
// Every view is a JSON document; the CLI prints it as a table, the API will serve it.
// `today` is the day overdue is judged against: the injected clock's day, or an as-of day.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "projections/page.h"
#include "projections/read_model.h"
#include "projections/token_registry.h"

namespace jem::views {

using Json = nlohmann::ordered_json;
using Day = std::chrono::sys_days;

// An action is due soon from this many days before its due date.
inline constexpr int kDueSoonDays = 14;

// Red: overdue; amber: blocked or due soon; green: completed or on track; grey: dropped.
std::string_view Rag(const ActionState& action, Day today);

// How an action stands on a day, most pressing first: the order the board sorts by status.
enum class Urgency { kOverdue, kBlocked, kDueSoon, kOpen, kCompleted, kDropped };
struct Standing {
  Urgency urgency;
  std::string words;  // "Overdue 12 days", "Blocked", "Due today", "Due in 5 days", "In progress", "Completed"
};
Standing StandingOf(const ActionState& action, Day today);
// "overdue", "blocked", "due soon", "open", "completed", "dropped": the urgency as views write it.
std::string_view UrgencyName(Urgency urgency);
// The urgency a view wrote (UrgencyName), or kOpen for a word that is none.
Urgency ParseUrgency(std::string_view name);
// Days past the due date of an action that is not closed (0 if none).
int64_t DaysOverdue(const ActionState& action, Day today);

struct BoardFilter {
  std::string borough;  // name or code
  std::string agency;   // leads or supports
  std::string status;   // open, in progress, completed, dropped, blocked
  std::string theme;
  uint32_t round = 0;   // 0: every round
  bool overdue_only = false;
  // Which actions the reader may see at all (the access policy's); unset: all of them.
  std::function<bool(const ActionState&)> visible;
};

// Every action matching `filter`, by current due date, then reference. Errors: a filter
// naming no borough, agency, theme or status.
Result<std::vector<const ActionRecord*>> BoardActions(const ReadModel& model, const BoardFilter& filter, Day today);
// An action's place on the board (due date and reference): the cursor of a page that ends with it.
std::string BoardKey(const ActionRecord& record);

// A page of the actions matching `filter`, by current due date:
// {"as_of", "count" (of all that match), "actions": [...], "next", "previous" (cursors, or null)}.
Result<Json> ActionBoard(const ReadModel& model, const BoardFilter& filter, Day today, const PageRequest& page);

// One action as the board shows it.
Json ActionRow(const ReadModel& model, const ActionRecord& record, Day today);

// One action as the board shows it, or kNotFound.
Result<Json> ActionDetail(const ReadModel& model, const std::string& reference, Day today);

// The cursor of the page after `w`, or null at the end: a list answer's "next"; and the one
// that asks for the page ending before it, or null at the start: its "previous".
Json Next(const Window& w);
Json Previous(const Window& w);

// A page of the meetings `visible` lets the reader open (all when unset), newest first:
// {"meetings": [{meeting, borough, round, theme, status, date, actions}], "count", "next"}.
Json MeetingList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                 const PageRequest& page);

// What a meeting produced: attendees, decisions, agreed actions with owners and dates.
Result<Json> MeetingSummary(const ReadModel& model, const std::string& meeting_id);

// The six-month follow-up report of a meeting, as things stood on `as_of`. Each action shows
// its latest kProgressShown notes of progress ("progress_count": all of them).
inline constexpr size_t kProgressShown = 10;
Result<Json> FollowUpReport(const ReadModel& model, const std::string& meeting_id, Day as_of);

// Which meetings the reader may open (the access policy's); unset: all of them. Register
// entries name their meeting only to readers who may open it (null otherwise).
using MeetingVisible = std::function<bool(const MeetingState&)>;

struct PracticeQuery {
  std::string borough;  // a borough, or pan-London
  std::string theme, status, text;
  MeetingVisible meeting_visible;
};
// A page of the good-practice register, filtered, by id; each entry names the meeting it came
// from: {"count", "good_practice": [...], "next"}.
Result<Json> PracticeRegister(const ReadModel& model, const PracticeQuery& query, const PageRequest& page);

// A page of the pan-London issue register, by id; `status` "open", "resolved" or "" for all:
// {"count", "pan_london_issues": [...], "next"}. Each issue shows its latest kIssueUpdatesShown
// updates and the count of all (its history has every one).
inline constexpr size_t kIssueUpdatesShown = 20;
Result<Json> IssueRegister(const ReadModel& model, const std::string& status, const MeetingVisible& meeting_visible,
                           const PageRequest& page);

// Every round planned: {"rounds": [{round, title, start, end, meetings}]}, by number.
Json RoundList(const ReadModel& model);

// A page of participants' feedback on the meetings `visible` lets the reader open, newest
// first: {"feedback": [{meeting, borough, round, day, agency, positive, suggestions}], "count", "next"}.
Json FeedbackList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                  const PageRequest& page);

// Which of the 32 boroughs have had their JEM in `round`, which are scheduled, which missing.
Result<Json> RoundCoverage(const ReadModel& model, uint32_t round);

// Across a round: actions by status, agency and theme; the overdue list, most overdue first,
// at most kOverdueShown of them ("overdue_count": all); completion rates.
inline constexpr size_t kOverdueShown = 500;
Result<Json> CommitteeReport(const ReadModel& model, uint32_t round, Day today);


// A page of the tokens ever issued, by id — holder, role, agency, status; never a secret (the
// log has none): {"tokens": [...], "count", "next"}.
Json TokenList(const TokenRegistry& registry, const PageRequest& page);

struct SentFilter {
  std::string action;  // an action's reference, or a meeting's id
  std::string agency;  // messages with an item led by this agency
  std::string day;     // messages of this day, YYYY-MM-DD
};

// A page of the messages the reminder engine queued, newest day first, each with its items,
// status and attempts: {"messages": [...], "count", "next", "unaddressed": [...]}. The
// unaddressed reminders listed are the latest kUnaddressedShown ("unaddressed_count": all).
// Errors: a malformed filter.
inline constexpr size_t kUnaddressedShown = 100;
Result<Json> RemindersSent(const ReadModel& model, const SentFilter& filter, const PageRequest& page);

// A page of the contact directory, by id; removed contacts last: {"contacts": [...], "count", "next"}.
Json ContactList(const ReadModel& model, const PageRequest& page);

}  // namespace jem::views
