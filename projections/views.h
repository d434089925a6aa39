// The views people read, each computed from the read model (one file each in views/).
// A view is a described type (described.h): pages and the CLI read its members; the API
// serves its JSON, whose schema the OpenAPI document takes from the same type. (Views not yet
// described are JSON documents.)
// `today` is the day overdue is judged against: the injected clock's day, or an as-of day.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "projections/described.h"
#include "projections/page.h"
#include "projections/read_model.h"
#include "projections/token_registry.h"

namespace jem::views {

using Day = std::chrono::sys_days;

// An action is due soon from this many days before its due date.
inline constexpr int kDueSoonDays = 14;

// Red: overdue; amber: blocked or due soon; green: completed or on track; grey: dropped.
std::string_view Rag(const ActionState& action, Day today);
inline constexpr std::string_view kRagWords[] = {"red", "amber", "green", "grey"};

// How an action stands on a day, most pressing first: the order the board sorts by status.
enum class Urgency { kOverdue, kBlocked, kDueSoon, kOpen, kCompleted, kDropped };
struct Standing {
  Urgency urgency;
  // Every state it is in, and when it is due if that presses: "Blocked, overdue since 17
  // January 2010 (3 weeks)", "In progress, due in 5 days", "Due today", "Open", "Completed".
  std::string words;
};
Standing StandingOf(const ActionState& action, Day today);
// A number of days as people say it: "1 day", "13 days", "3 weeks", "5 months", "16 years".
std::string Span(int64_t days);
// The urgency as views write it, in Urgency's order.
inline constexpr std::string_view kUrgencyWords[] = {"overdue", "blocked", "due soon", "open", "completed", "dropped"};
std::string_view UrgencyName(Urgency urgency);
// The urgency a view wrote (UrgencyName), or kOpen for a word that is none.
Urgency ParseUrgency(std::string_view name);
// Days past the due date of an action that is not closed (0 if none).
int64_t DaysOverdue(const ActionState& action, Day today);
// Whether `action` is not closed and due from `today` to the end of today's month.
bool DueThisMonth(const ActionState& action, Day today);

struct BoardFilter {
  std::string borough;  // name or code
  std::string agency;   // leads or supports
  std::string status;   // open, in progress, completed, dropped, blocked; or not closed
  std::string theme;
  uint32_t round = 0;   // 0: every round
  bool overdue_only = false;
  bool due_this_month = false;  // only DueThisMonth's
  // Which actions the reader may see at all (the access policy's); unset: all of them.
  std::function<bool(const ActionState&)> visible;
};

// Every action matching `filter`, by current due date, then reference. Errors: a filter
// naming no borough, agency, theme or status.
Result<std::vector<const ActionRecord*>> BoardActions(const ReadModel& model, const BoardFilter& filter, Day today);
// An action's place on the board (due date and reference): the cursor of a page that ends with it.
std::string BoardKey(const ActionRecord& record);

// A step of an action's story: the day, and why; when the reader may not see the words,
// `reason` is null and `withheld` says who wrote them.
struct StoryStep {
  std::string on;
  std::optional<std::string> reason;
  Omittable<std::string> withheld;
  static constexpr std::string_view kName = "StoryStep";
  static constexpr auto kFields =
      std::tuple{Field{"on", &StoryStep::on, "the day, YYYY-MM-DD"}, Field{"reason", &StoryStep::reason},
                 Field{"withheld", &StoryStep::withheld, "who wrote the reason, when the reader may not see it"}};
};
struct Reassignment : StoryStep {
  std::string from, to;  // lead agencies
  static constexpr std::string_view kName = "Reassignment";
  static constexpr auto kFields =
      std::tuple_cat(StoryStep::kFields, std::tuple{Field{"from", &Reassignment::from}, Field{"to", &Reassignment::to}});
};
struct Correction : StoryStep {
  std::string fields;  // what was corrected, e.g. "due date, text"
  static constexpr std::string_view kName = "Correction";
  static constexpr auto kFields = std::tuple_cat(StoryStep::kFields, std::tuple{Field{"fields", &Correction::fields}});
};

// Why an action stands as it does, next to what it shows today: since when and why it is
// blocked, its reassignments, why it was dropped, why it was last reopened, and the
// corrections made to it; of the reassignments and corrections, the latest kStoryStepsShown
// and the count of all. Writing the reader may not see stays withheld.
inline constexpr size_t kStoryStepsShown = 10;
struct Story {
  std::optional<StoryStep> blocked;
  std::vector<Reassignment> reassignments;
  size_t reassignments_count = 0;
  std::optional<StoryStep> dropped, reopened;
  std::vector<Correction> corrections;
  size_t corrections_count = 0;
  static constexpr std::string_view kName = "Story";
  static constexpr auto kFields = std::tuple{
      Field{"blocked", &Story::blocked, "since when and why, while it is blocked"},
      Field{"reassignments", &Story::reassignments},
      Field{"reassignments_count", &Story::reassignments_count},
      Field{"dropped", &Story::dropped, "when and why, when it is dropped"},
      Field{"reopened", &Story::reopened, "when and why it was last reopened"},
      Field{"corrections", &Story::corrections},
      Field{"corrections_count", &Story::corrections_count}};
};
Story StoryOf(const ActionRecord& record);

// One action as the board shows it.
struct ActionRow {
  std::string reference, meeting, borough;
  uint32_t round = 0;
  std::string theme, text, lead;
  std::vector<std::string> supporting;
  std::string priority, original_due, due, status;
  bool blocked = false;
  int64_t days_overdue = 0;
  std::string rag, urgency, standing, last_update;
  Story story;
  static constexpr std::string_view kName = "Action";
  static constexpr auto kFields = std::tuple{
      Field{"reference", &ActionRow::reference, "e.g. CAM-2009-03"},
      Field{"meeting", &ActionRow::meeting, "the meeting that agreed it"},
      Field{"borough", &ActionRow::borough, "the meeting's borough, by code"},
      Field{"round", &ActionRow::round},
      Field{"theme", &ActionRow::theme},
      Field{"text", &ActionRow::text},
      Field{"lead", &ActionRow::lead, "the lead agency"},
      Field{"supporting", &ActionRow::supporting, "the supporting agencies"},
      Field{"priority", &ActionRow::priority},
      Field{"original_due", &ActionRow::original_due, "the due date agreed at the meeting"},
      Field{"due", &ActionRow::due, "the due date now"},
      Field{"status", &ActionRow::status},
      Field{"blocked", &ActionRow::blocked},
      Field{"days_overdue", &ActionRow::days_overdue, "days past its due date while not closed (0: none)"},
      Field{"rag", &ActionRow::rag, "red: overdue; amber: blocked or due soon; green; grey: dropped", kRagWords},
      Field{"urgency", &ActionRow::urgency, "how it stands, most pressing first", kUrgencyWords},
      Field{"standing", &ActionRow::standing, "how it stands, in words: 'Blocked, overdue since 17 January 2010 (3 weeks)', 'Due in 5 days'"},
      Field{"last_update", &ActionRow::last_update},
      Field{"story", &ActionRow::story}};
};
ActionRow ActionRowOf(const ReadModel& model, const ActionRecord& record, Day today);

// One action as the board shows it, or kNotFound.
Result<ActionRow> ActionDetail(const ReadModel& model, const std::string& reference, Day today);

// Where the pages either side of a list's page start (page.h): its `next` and `previous`.
inline constexpr std::string_view kCursorHelp = "a cursor of another page (null: there is none that way)";
struct Cursors {
  std::optional<std::string> next, previous;
  static constexpr std::string_view kName = "Cursors";
  static constexpr auto kFields =
      std::tuple{Field{"next", &Cursors::next, kCursorHelp}, Field{"previous", &Cursors::previous, kCursorHelp}};
};
inline Cursors CursorsOf(const Window& w) { return {w.next, w.previous}; }

// A page of the actions matching a filter, by current due date.
struct Board : Cursors {
  std::string as_of;
  size_t count = 0;  // of all that match
  std::vector<ActionRow> actions;
  static constexpr std::string_view kName = "Board";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"as_of", &Board::as_of}, Field{"count", &Board::count, "actions matching, on every page"},
                 Field{"actions", &Board::actions}},
      Cursors::kFields);
};
Result<Board> ActionBoard(const ReadModel& model, const BoardFilter& filter, Day today, const PageRequest& page);

// A meeting as lists show it; `date` is the day it was held, or is scheduled for.
struct MeetingItem {
  std::string meeting, borough;
  uint32_t round = 0;
  std::string theme, status, date;
  size_t actions = 0;
  static constexpr std::string_view kName = "MeetingItem";
  static constexpr auto kFields =
      std::tuple{Field{"meeting", &MeetingItem::meeting}, Field{"borough", &MeetingItem::borough},
                 Field{"round", &MeetingItem::round},     Field{"theme", &MeetingItem::theme},
                 Field{"status", &MeetingItem::status},   Field{"date", &MeetingItem::date},
                 Field{"actions", &MeetingItem::actions}};
};
struct MeetingList : Cursors {
  size_t count = 0;
  std::vector<MeetingItem> meetings;
  static constexpr std::string_view kName = "MeetingList";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"count", &MeetingList::count}, Field{"meetings", &MeetingList::meetings}}, Cursors::kFields);
};
// A page of the meetings `visible` lets the reader open (all when unset), newest first.
MeetingList MeetingsOf(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                       const PageRequest& page);

struct Attendee {
  std::string name, agency, role;
  static constexpr std::string_view kName = "Attendee";
  static constexpr auto kFields = std::tuple{Field{"name", &Attendee::name}, Field{"agency", &Attendee::agency},
                                             Field{"role", &Attendee::role}};
};
// Where an agreed action stands today.
struct ActionToday {
  std::string status;
  bool blocked = false;
  std::string lead, due;
  static constexpr std::string_view kName = "ActionToday";
  static constexpr auto kFields = std::tuple{Field{"status", &ActionToday::status}, Field{"blocked", &ActionToday::blocked},
                                             Field{"lead", &ActionToday::lead}, Field{"due", &ActionToday::due}};
};
// An action as the meeting agreed it (its first lead, its original due date), then where it
// stands today and why.
struct AgreedAction {
  std::string reference, text, lead;
  std::vector<std::string> supporting;
  std::string due, priority;
  ActionToday today;
  Story story;
  static constexpr std::string_view kName = "AgreedAction";
  static constexpr auto kFields = std::tuple{
      Field{"reference", &AgreedAction::reference}, Field{"text", &AgreedAction::text},
      Field{"lead", &AgreedAction::lead, "the lead agreed"}, Field{"supporting", &AgreedAction::supporting},
      Field{"due", &AgreedAction::due, "the due date agreed"}, Field{"priority", &AgreedAction::priority},
      Field{"today", &AgreedAction::today}, Field{"story", &AgreedAction::story}};
};
// An entry of the good-practice register; `meeting` and `identified_on` are null unless the
// reader may open the meeting it came from.
struct GoodPractice {
  std::string id, title, scope, theme, status;
  std::vector<std::string> partners;
  std::string description, contact;
  std::optional<std::string> meeting, identified_on;
  static constexpr std::string_view kName = "GoodPractice";
  static constexpr auto kFields = std::tuple{
      Field{"id", &GoodPractice::id},
      Field{"title", &GoodPractice::title},
      Field{"scope", &GoodPractice::scope, "a borough's code, or pan-London"},
      Field{"theme", &GoodPractice::theme},
      Field{"status", &GoodPractice::status},
      Field{"partners", &GoodPractice::partners},
      Field{"description", &GoodPractice::description},
      Field{"contact", &GoodPractice::contact},
      Field{"meeting", &GoodPractice::meeting, "the meeting it came from, if the reader may open it"},
      Field{"identified_on", &GoodPractice::identified_on, "the day that meeting was held"}};
};

// A pan-London issue with its latest kIssueUpdatesShown updates and the count of all (its
// history has every one); `meeting` is null unless the reader may open it.
inline constexpr size_t kIssueUpdatesShown = 20;
struct PanLondonIssue {
  std::string id, title, lead, status;
  std::optional<std::string> meeting;
  std::string description;
  std::vector<std::string> updates;
  size_t updates_count = 0;
  std::string resolution;
  static constexpr std::string_view kName = "PanLondonIssue";
  static constexpr auto kFields = std::tuple{
      Field{"id", &PanLondonIssue::id},
      Field{"title", &PanLondonIssue::title},
      Field{"lead", &PanLondonIssue::lead},
      Field{"status", &PanLondonIssue::status},
      Field{"meeting", &PanLondonIssue::meeting, "the meeting that raised it, if the reader may open it"},
      Field{"description", &PanLondonIssue::description},
      Field{"updates", &PanLondonIssue::updates, "the latest 20"},
      Field{"updates_count", &PanLondonIssue::updates_count},
      Field{"resolution", &PanLondonIssue::resolution}};
};

// What a meeting produced: attendees, decisions, agreed actions with owners and dates, the
// good practice identified and the pan-London issues raised.
struct SummaryOfAgreedActions {
  std::string meeting, borough;
  uint32_t round = 0;
  std::string theme, status, date, start, end, room, chair;
  std::vector<std::string> invited;
  std::vector<Attendee> attendees;
  std::vector<std::string> decisions;
  std::vector<AgreedAction> actions;
  std::vector<GoodPractice> good_practice;
  std::vector<PanLondonIssue> pan_london_issues;
  static constexpr std::string_view kName = "MeetingSummary";
  static constexpr auto kFields = std::tuple{
      Field{"meeting", &SummaryOfAgreedActions::meeting},     Field{"borough", &SummaryOfAgreedActions::borough},
      Field{"round", &SummaryOfAgreedActions::round},         Field{"theme", &SummaryOfAgreedActions::theme},
      Field{"status", &SummaryOfAgreedActions::status},
      Field{"date", &SummaryOfAgreedActions::date, "held on, or scheduled for"},
      Field{"start", &SummaryOfAgreedActions::start, "HH:MM, London time, as scheduled"},
      Field{"end", &SummaryOfAgreedActions::end, "HH:MM, London time, as scheduled"},
      Field{"room", &SummaryOfAgreedActions::room},
      Field{"chair", &SummaryOfAgreedActions::chair},
      Field{"invited", &SummaryOfAgreedActions::invited, "the agencies invited, as scheduled"},
      Field{"attendees", &SummaryOfAgreedActions::attendees},
      Field{"decisions", &SummaryOfAgreedActions::decisions}, Field{"actions", &SummaryOfAgreedActions::actions},
      Field{"good_practice", &SummaryOfAgreedActions::good_practice, "identified at the meeting"},
      Field{"pan_london_issues", &SummaryOfAgreedActions::pan_london_issues, "raised at the meeting"}};
};
Result<SummaryOfAgreedActions> MeetingSummary(const ReadModel& model, const std::string& meeting_id);

// A note of an action's progress; when the reader may not see it, `withheld` says who wrote it.
struct ProgressNote {
  std::string day, text;
  std::optional<int64_t> percent;
  std::optional<std::string> withheld;
  static constexpr std::string_view kName = "ProgressNote";
  static constexpr auto kFields =
      std::tuple{Field{"day", &ProgressNote::day}, Field{"text", &ProgressNote::text},
                 Field{"percent", &ProgressNote::percent, "how far along, when the note said"},
                 Field{"withheld", &ProgressNote::withheld, "who wrote the note, when the reader may not see it"}};
};
// A change of an action's due date.
struct Slip {
  std::string day, from, to, reason;
  static constexpr std::string_view kName = "Slip";
  static constexpr auto kFields = std::tuple{Field{"day", &Slip::day}, Field{"from", &Slip::from},
                                             Field{"to", &Slip::to}, Field{"reason", &Slip::reason}};
};

// The six-month follow-up report of a meeting, as things stood on `as_of`. Each action shows
// its latest kProgressShown notes of progress ("progress_count": all of them).
inline constexpr size_t kProgressShown = 10;
struct FollowUpAction : ActionRow {
  std::vector<ProgressNote> progress;
  size_t progress_count = 0;
  std::string evidence;  // what its completion cited
  std::vector<Slip> slipped;
  static constexpr std::string_view kName = "FollowUpAction";
  static constexpr auto kFields = std::tuple_cat(
      ActionRow::kFields,
      std::tuple{Field{"progress_count", &FollowUpAction::progress_count, "all the notes"},
                 Field{"progress", &FollowUpAction::progress, "the latest notes"},
                 Field{"evidence", &FollowUpAction::evidence, "what its completion cited"},
                 Field{"slipped", &FollowUpAction::slipped}});
};
struct FollowUpTotals {
  int64_t agreed = 0, completed = 0, in_progress = 0, open = 0, dropped = 0, overdue = 0, blocked = 0;
  static constexpr std::string_view kName = "FollowUpTotals";
  static constexpr auto kFields = std::tuple{
      Field{"agreed", &FollowUpTotals::agreed},       Field{"completed", &FollowUpTotals::completed},
      Field{"in_progress", &FollowUpTotals::in_progress}, Field{"open", &FollowUpTotals::open},
      Field{"dropped", &FollowUpTotals::dropped},     Field{"overdue", &FollowUpTotals::overdue},
      Field{"blocked", &FollowUpTotals::blocked}};
};
// Good practice a meeting identified, and where it stands.
struct PracticeOutcome {
  std::string id, title, scope, status;
  static constexpr std::string_view kName = "PracticeOutcome";
  static constexpr auto kFields =
      std::tuple{Field{"id", &PracticeOutcome::id}, Field{"title", &PracticeOutcome::title},
                 Field{"scope", &PracticeOutcome::scope, "a borough's code, or pan-London"},
                 Field{"status", &PracticeOutcome::status}};
};
// A pan-London issue a meeting raised, and its latest update (or its resolution).
struct IssueOutcome {
  std::string id, title, lead, status, latest;
  static constexpr std::string_view kName = "IssueOutcome";
  static constexpr auto kFields =
      std::tuple{Field{"id", &IssueOutcome::id}, Field{"title", &IssueOutcome::title}, Field{"lead", &IssueOutcome::lead},
                 Field{"status", &IssueOutcome::status}, Field{"latest", &IssueOutcome::latest}};
};
struct FollowUp {
  std::string meeting, borough;
  uint32_t round = 0;
  std::string theme, held, follow_up_due, as_of;
  FollowUpTotals totals;
  std::vector<FollowUpAction> actions;
  std::vector<PracticeOutcome> good_practice;
  std::vector<IssueOutcome> pan_london_issues;
  static constexpr std::string_view kName = "FollowUpReport";
  static constexpr auto kFields = std::tuple{
      Field{"meeting", &FollowUp::meeting}, Field{"borough", &FollowUp::borough}, Field{"round", &FollowUp::round},
      Field{"theme", &FollowUp::theme}, Field{"held", &FollowUp::held},
      Field{"follow_up_due", &FollowUp::follow_up_due, "six months after it was held"},
      Field{"as_of", &FollowUp::as_of}, Field{"totals", &FollowUp::totals}, Field{"actions", &FollowUp::actions},
      Field{"good_practice", &FollowUp::good_practice}, Field{"pan_london_issues", &FollowUp::pan_london_issues}};
};
Result<FollowUp> FollowUpReport(const ReadModel& model, const std::string& meeting_id, Day as_of);

// Which meetings the reader may open (the access policy's); unset: all of them. Register
// entries name their meeting only to readers who may open it (null otherwise).
using MeetingVisible = std::function<bool(const MeetingState&)>;

struct PracticeQuery {
  std::string borough;  // a borough, or pan-London
  std::string theme, status, text;
  MeetingVisible meeting_visible;
};
struct GoodPracticeRegister : Cursors {
  size_t count = 0;
  std::vector<GoodPractice> good_practice;
  static constexpr std::string_view kName = "PracticeRegister";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"count", &GoodPracticeRegister::count, "entries matching, on every page"},
                 Field{"good_practice", &GoodPracticeRegister::good_practice}},
      Cursors::kFields);
};
// A page of the good-practice register, filtered, by id.
Result<GoodPracticeRegister> PracticeRegister(const ReadModel& model, const PracticeQuery& query, const PageRequest& page);

struct PanLondonIssues : Cursors {
  size_t count = 0;
  std::vector<PanLondonIssue> pan_london_issues;
  static constexpr std::string_view kName = "IssueRegister";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"count", &PanLondonIssues::count}, Field{"pan_london_issues", &PanLondonIssues::pan_london_issues}},
      Cursors::kFields);
};
// A page of the pan-London issue register, by id; `status` "open", "resolved" or "" for all.
Result<PanLondonIssues> IssueRegister(const ReadModel& model, const std::string& status,
                                      const MeetingVisible& meeting_visible, const PageRequest& page);

// A round of JEMs as planned, and how many meetings it has had or will have.
struct RoundItem {
  uint32_t round = 0;
  std::string title, start, end;
  int64_t meetings = 0;
  static constexpr std::string_view kName = "RoundItem";
  static constexpr auto kFields = std::tuple{Field{"round", &RoundItem::round}, Field{"title", &RoundItem::title},
                                             Field{"start", &RoundItem::start}, Field{"end", &RoundItem::end},
                                             Field{"meetings", &RoundItem::meetings}};
};
struct RoundList {
  std::vector<RoundItem> rounds;
  static constexpr std::string_view kName = "RoundList";
  static constexpr auto kFields = std::tuple{Field{"rounds", &RoundList::rounds}};
};
// Every round planned, by number.
RoundList RoundsOf(const ReadModel& model);

// Feedback an agency gave on a meeting.
struct FeedbackItem {
  std::string meeting, borough;
  uint32_t round = 0;
  std::string day, agency, positive, suggestions;
  static constexpr std::string_view kName = "FeedbackItem";
  static constexpr auto kFields =
      std::tuple{Field{"meeting", &FeedbackItem::meeting}, Field{"borough", &FeedbackItem::borough},
                 Field{"round", &FeedbackItem::round},     Field{"day", &FeedbackItem::day},
                 Field{"agency", &FeedbackItem::agency},   Field{"positive", &FeedbackItem::positive},
                 Field{"suggestions", &FeedbackItem::suggestions}};
};
struct FeedbackList : Cursors {
  size_t count = 0;
  std::vector<FeedbackItem> feedback;
  static constexpr std::string_view kName = "FeedbackList";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"count", &FeedbackList::count}, Field{"feedback", &FeedbackList::feedback}}, Cursors::kFields);
};
// A page of participants' feedback on the meetings `visible` lets the reader open, newest first.
FeedbackList FeedbackOf(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                        const PageRequest& page);

// A borough in a round: its best standing (held, scheduled or missing), and that meeting.
inline constexpr std::string_view kCoverageWords[] = {"held", "scheduled", "missing"};
struct BoroughCoverage {
  std::string code, borough, status, meeting, date;
  static constexpr std::string_view kName = "BoroughCoverage";
  static constexpr auto kFields = std::tuple{
      Field{"code", &BoroughCoverage::code}, Field{"borough", &BoroughCoverage::borough},
      Field{"status", &BoroughCoverage::status, "", kCoverageWords},
      Field{"meeting", &BoroughCoverage::meeting, "empty when missing"},
      Field{"date", &BoroughCoverage::date, "held on, or scheduled for"}};
};
struct Coverage {
  uint32_t round = 0;
  std::string title;
  int64_t held = 0, scheduled = 0, missing = 0;
  std::vector<BoroughCoverage> boroughs;
  static constexpr std::string_view kName = "RoundCoverage";
  static constexpr auto kFields =
      std::tuple{Field{"round", &Coverage::round},     Field{"title", &Coverage::title},
                 Field{"held", &Coverage::held},       Field{"scheduled", &Coverage::scheduled},
                 Field{"missing", &Coverage::missing}, Field{"boroughs", &Coverage::boroughs}};
};
// Whether `round` is one the record knows: planned, or with a meeting in it. Errors: a round
// of 0 (InvalidArgument); one that is neither (NotFound, naming the rounds there are).
Status KnownRound(const ReadModel& model, uint32_t round);
// Which of the 32 boroughs have had their JEM in `round`, which are scheduled, which missing.
// Errors: as KnownRound.
Result<Coverage> RoundCoverage(const ReadModel& model, uint32_t round);

// How the actions a reader may see stand, for the partners' own tools and an officer's
// figures: per agency (the actions it leads or supports, as the board's agency filter counts
// them), per borough (of the meeting that agreed them) and in all. Every agency and borough
// has its row, zeros too, so that a reader's columns do not come and go. Open: not completed
// or dropped; overdue: open past its due date; blocked: open and blocked; due this month: open
// and due from `today` to the end of its month.
struct StandingCounts {
  std::string key, name;  // "MPS", "MPS"; "CAM", "Camden"; "all", "All actions"
  int64_t open = 0, overdue = 0, blocked = 0, due_this_month = 0;
  static constexpr std::string_view kName = "StandingCounts";
  static constexpr auto kFields = std::tuple{
      Field{"key", &StandingCounts::key, "an agency's or a borough's code; all for every action"},
      Field{"name", &StandingCounts::name},
      Field{"open", &StandingCounts::open, "not completed or dropped"},
      Field{"overdue", &StandingCounts::overdue, "open, past its due date"},
      Field{"blocked", &StandingCounts::blocked, "open and blocked"},
      Field{"due_this_month", &StandingCounts::due_this_month, "open, due from today to the end of this month"}};
};
struct ActionCounts {
  StandingCounts all;
  std::vector<StandingCounts> agencies, boroughs;
  static constexpr std::string_view kName = "ActionCounts";
  static constexpr auto kFields = std::tuple{Field{"all", &ActionCounts::all},
                                             Field{"agencies", &ActionCounts::agencies, "every agency"},
                                             Field{"boroughs", &ActionCounts::boroughs, "every borough"}};
};
// The counts of the actions `visible` lets through (unset: all), as of `today`. Unset: one
// pass over the open actions' array (DueIndex::open()); set: over every action, asking it.
ActionCounts CountActions(const ReadModel& model, Day today, const std::function<bool(const ActionState&)>& visible);

// Across a round: actions by status, agency and theme; the overdue list, most overdue first,
// at most kOverdueShown of them ("overdue_count": all); completion rates.
inline constexpr size_t kOverdueShown = 500;
// A lead agency's actions in a round. Its completion rate is over the actions still expected:
// dropped ones are not counted.
struct AgencyProgress {
  std::string agency;
  int64_t actions = 0, completed = 0, overdue = 0, dropped = 0;
  double completion_rate = 0;
  static constexpr std::string_view kName = "AgencyProgress";
  static constexpr auto kFields = std::tuple{
      Field{"agency", &AgencyProgress::agency}, Field{"actions", &AgencyProgress::actions},
      Field{"completed", &AgencyProgress::completed}, Field{"overdue", &AgencyProgress::overdue},
      Field{"dropped", &AgencyProgress::dropped},
      Field{"completion_rate", &AgencyProgress::completion_rate, "completed over agreed less dropped, 0 to 1"}};
};
struct CommitteeFigures {
  uint32_t round = 0;
  std::string as_of;
  int64_t meetings = 0, actions = 0;
  std::map<std::string, int64_t> by_status, by_theme;
  std::vector<AgencyProgress> by_agency;
  std::vector<ActionRow> overdue;
  size_t overdue_count = 0;
  static constexpr std::string_view kName = "CommitteeReport";
  static constexpr auto kFields = std::tuple{
      Field{"round", &CommitteeFigures::round},         Field{"as_of", &CommitteeFigures::as_of},
      Field{"meetings", &CommitteeFigures::meetings},   Field{"actions", &CommitteeFigures::actions},
      Field{"by_status", &CommitteeFigures::by_status}, Field{"by_theme", &CommitteeFigures::by_theme},
      Field{"by_agency", &CommitteeFigures::by_agency},
      Field{"overdue", &CommitteeFigures::overdue, "the 500 most overdue, most overdue first"},
      Field{"overdue_count", &CommitteeFigures::overdue_count, "all that are overdue"}};
};
// Errors: as KnownRound.
Result<CommitteeFigures> CommitteeReport(const ReadModel& model, uint32_t round, Day today);


// A token as the list shows it: never its secret (the log has none).
struct TokenItem {
  std::string id, user, role, agency, status;
  static constexpr std::string_view kName = "TokenItem";
  static constexpr auto kFields =
      std::tuple{Field{"id", &TokenItem::id},         Field{"user", &TokenItem::user}, Field{"role", &TokenItem::role},
                 Field{"agency", &TokenItem::agency}, Field{"status", &TokenItem::status}};
};
struct TokenList : Cursors {
  std::vector<TokenItem> tokens;
  size_t count = 0;
  static constexpr std::string_view kName = "TokenList";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"tokens", &TokenList::tokens}, Field{"count", &TokenList::count}}, Cursors::kFields);
};
// A page of the tokens ever issued, by id.
TokenList TokensOf(const TokenRegistry& registry, const PageRequest& page);

struct SentFilter {
  std::string action;  // an action's reference, or a meeting's id
  std::string agency;  // messages with an item led by this agency
  std::string day;     // messages of this day, YYYY-MM-DD
};

// A reminder a message carries.
struct SentItem {
  std::string reminder_id, subject, rule, window, text, due, agency, why;
  static constexpr std::string_view kName = "SentItem";
  static constexpr auto kFields = std::tuple{
      Field{"reminder_id", &SentItem::reminder_id}, Field{"subject", &SentItem::subject}, Field{"rule", &SentItem::rule},
      Field{"window", &SentItem::window},           Field{"text", &SentItem::text},       Field{"due", &SentItem::due},
      Field{"agency", &SentItem::agency},           Field{"why", &SentItem::why}};
};
inline constexpr std::string_view kDeliveryWords[] = {"queued", "delivered", "retrying", "failed"};
// A message the reminder engine queued, and how its delivery went.
struct SentMessage {
  std::string id, day, kind, channel, recipient, address, subject, status;
  int64_t attempts = 0;
  std::string last_error, queued_at;
  std::optional<std::string> retry_at, delivered_at;
  std::vector<SentItem> items;
  static constexpr std::string_view kName = "SentMessage";
  static constexpr auto kFields = std::tuple{
      Field{"id", &SentMessage::id},
      Field{"day", &SentMessage::day},
      Field{"kind", &SentMessage::kind},
      Field{"channel", &SentMessage::channel},
      Field{"recipient", &SentMessage::recipient},
      Field{"address", &SentMessage::address},
      Field{"subject", &SentMessage::subject},
      Field{"status", &SentMessage::status, "", kDeliveryWords},
      Field{"attempts", &SentMessage::attempts},
      Field{"last_error", &SentMessage::last_error},
      Field{"queued_at", &SentMessage::queued_at},
      Field{"retry_at", &SentMessage::retry_at, "while retrying"},
      Field{"delivered_at", &SentMessage::delivered_at, "once delivered"},
      Field{"items", &SentMessage::items}};
};
// A page of the messages the reminder engine queued, newest day first, each with its items,
// status and attempts. The unaddressed reminders listed are the latest kUnaddressedShown
// ("unaddressed_count": all).
inline constexpr size_t kUnaddressedShown = 100;
struct SentMessages : Cursors {
  std::vector<SentMessage> messages;
  size_t count = 0;
  std::string last_day;
  std::vector<std::string> unaddressed;
  size_t unaddressed_count = 0;
  static constexpr std::string_view kName = "RemindersSent";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"messages", &SentMessages::messages}, Field{"count", &SentMessages::count}},
      Cursors::kFields,
      std::tuple{Field{"last_day", &SentMessages::last_day, "the last day the reminder engine ran"},
                 Field{"unaddressed", &SentMessages::unaddressed, "the latest 100 reminders no contact takes"},
                 Field{"unaddressed_count", &SentMessages::unaddressed_count}});
};
// Errors: a malformed filter.
Result<SentMessages> RemindersSent(const ReadModel& model, const SentFilter& filter, const PageRequest& page);

// An entry of the contact directory.
struct ContactItem {
  std::string id, kind, name, email, agency, borough, user;
  bool removed = false;
  static constexpr std::string_view kName = "ContactItem";
  static constexpr auto kFields = std::tuple{
      Field{"id", &ContactItem::id},         Field{"kind", &ContactItem::kind},       Field{"name", &ContactItem::name},
      Field{"email", &ContactItem::email},   Field{"agency", &ContactItem::agency},   Field{"borough", &ContactItem::borough},
      Field{"user", &ContactItem::user},     Field{"removed", &ContactItem::removed}};
};
struct ContactList : Cursors {
  std::vector<ContactItem> contacts;
  size_t count = 0;
  static constexpr std::string_view kName = "ContactList";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{Field{"contacts", &ContactList::contacts}, Field{"count", &ContactList::count}}, Cursors::kFields);
};
// A page of the contact directory, by id; removed contacts last.
ContactList ContactsOf(const ReadModel& model, const PageRequest& page);

}  // namespace jem::views
