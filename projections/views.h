// The views people read, each computed from the read model (one file each in views/).
// Every view is a JSON document; the CLI prints it as a table, the API will serve it.
// `today` is the day overdue is judged against: the injected clock's day, or an as-of day.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "projections/read_model.h"
#include "projections/token_registry.h"

namespace jem::views {

using Json = nlohmann::ordered_json;
using Day = std::chrono::sys_days;

// Red: overdue; amber: blocked or due within 14 days; green: completed or on track; grey: dropped.
std::string_view Rag(const ActionState& action, Day today);
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

// Every action matching `filter`, sorted by current due date: {"actions": [...], "count"}.
Result<Json> ActionBoard(const ReadModel& model, const BoardFilter& filter, Day today);

// One action as the board shows it, or kNotFound.
Result<Json> ActionDetail(const ReadModel& model, const std::string& reference, Day today);

// Every meeting `visible` lets the reader open (all when unset), newest first:
// {"meetings": [{meeting, borough, round, theme, status, date, actions}], "count"}.
Json MeetingList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible);

// What a meeting produced: attendees, decisions, agreed actions with owners and dates.
Result<Json> MeetingSummary(const ReadModel& model, const std::string& meeting_id);

// The six-month follow-up report of a meeting, as things stood on `as_of`.
Result<Json> FollowUpReport(const ReadModel& model, const std::string& meeting_id, Day as_of);

// Which meetings the reader may open (the access policy's); unset: all of them. Register
// entries name their meeting only to readers who may open it (null otherwise).
using MeetingVisible = std::function<bool(const MeetingState&)>;

struct PracticeQuery {
  std::string borough;  // a borough, or pan-London
  std::string theme, status, text;
  MeetingVisible meeting_visible;
};
// The good-practice register, filtered; each entry names the meeting it came from.
Result<Json> PracticeRegister(const ReadModel& model, const PracticeQuery& query);

// The pan-London issue register; `status` "open", "resolved" or "" for all.
Result<Json> IssueRegister(const ReadModel& model, const std::string& status,
                           const MeetingVisible& meeting_visible = nullptr);

// Every round planned: {"rounds": [{round, title, start, end, meetings}]}, by number.
Json RoundList(const ReadModel& model);

// Participants' feedback on the meetings `visible` lets the reader open, newest first:
// {"feedback": [{meeting, borough, round, day, agency, positive, suggestions}], "count"}.
Json FeedbackList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible);

// Which of the 32 boroughs have had their JEM in `round`, which are scheduled, which missing.
Result<Json> RoundCoverage(const ReadModel& model, uint32_t round);

// Across a round: actions by status, agency and theme; the overdue list; completion rates.
Result<Json> CommitteeReport(const ReadModel& model, uint32_t round, Day today);


// Every token ever issued — id, holder, role, agency, status; never a secret (the log has
// none): {"tokens": [...], "count"}.
Json TokenList(const TokenRegistry& registry);

struct SentFilter {
  std::string action;  // an action's reference, or a meeting's id
  std::string agency;  // messages with an item led by this agency
  std::string day;     // messages of this day, YYYY-MM-DD
};

// The messages the reminder engine queued, newest day first, each with its items, status and
// attempts: {"messages": [...], "count", "unaddressed": [...]}. Errors: a malformed filter.
Result<Json> RemindersSent(const ReadModel& model, const SentFilter& filter);

// The contact directory, by id; removed contacts last: {"contacts": [...], "count"}.
Json ContactList(const ReadModel& model);

}  // namespace jem::views
