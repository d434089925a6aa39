// The handlers of the page routes (api/server/routes.cc lists them with the API's).
#pragma once

#include <nlohmann/json.hpp>

#include "api/services.h"
#include "api/web/form.h"
#include "engine/command_forms.h"

namespace jem::api::web {

// The layout's data for `ex`'s page: its title, who is signed in, the navigation.
nlohmann::json Frame(const Exchange& ex, const std::string& title, const std::string& current);

// The as-of a page that shows a view offers (?as_of=&basis=): the day and basis asked for,
// the words for them, the day's date input, and the page's other parameters to keep. What
// is wrong with them goes into `frame`'s error summary.
nlohmann::json AsOfChoice(const Exchange& ex, nlohmann::json& frame);

// The day a page's filter `name` asks for (Exchange::DayQuery: typed in its date input's
// boxes, or whole in a link), put into `form` as the boxes to draw again; a wrong one is
// recorded on `form` (`what` names it: "day"). nullopt when no day is asked for.
std::optional<views::Day> DayFilter(const Exchange& ex, FormState& form, const std::string& name, std::string_view what);

// The sections of the service `role` may open, for the menu: (path, name); the first is
// where a signed-in browser goes.
std::vector<std::pair<std::string, std::string>> Sections(const RouteTable& routes, Role role);

// Every agency as options: a select's after a first, empty one saying `none`; checkboxes' alone.
std::vector<std::pair<std::string, std::string>> AgencyOptions(const std::string& none = "");
// Every borough as a select's options (its code sent, its name shown), after one saying `none`.
std::vector<std::pair<std::string, std::string>> BoroughOptions(const std::string& none);
// Every theme as a select's options (its name sent, its words shown), after one saying `none`.
std::vector<std::pair<std::string, std::string>> ThemeOptions(const std::string& none);

// The command `form` reads from `fields`: a page form's values, named as the API's JSON body
// names them, so that a page reads each command as the API does.
Result<AnyCommand> ReadFields(const Form& form, const nlohmann::json& fields, const std::string& subject,
                              std::string_view what);

// The context of a command sent by one of `ex`'s forms: its caller, and the idempotency key
// the form was drawn with, so that the form sent twice is recorded once.
CommandContext FormContext(const Exchange& ex, const std::string& idempotency_key);

// Runs the command of one of `ex`'s forms (sent with its idempotency key); the views hold
// the change before the page answers.
Result<Outcome> RunForm(Exchange& ex, const FormState& form, AnyCommand command);

// Whether `ex`'s caller may send `method` `path` (the route table's roles), so that a page
// offers only what its reader may do.
bool Offers(const Exchange& ex, std::string_view method, std::string_view path);

// How many items a page shows of a list (the API's pages may hold up to views::kMaxPageSize).
inline constexpr size_t kListPageSize = 50;

// The page of a list a page of the service asks for: the one after ?after= or before ?before=
// (cursors the list gave), kListPageSize items. A cursor no list gives (too long) is dropped.
views::PageRequest ListPage(const Exchange& ex);
// The same for a list paged by count (a history): the count of items before the page.
size_t CountedListPage(const Exchange& ex);

// The "Previous" and "Next" links of a list's page (the _pages partial), from the list's
// "previous" and "next" cursors, keeping the page's other parameters; false when the list
// fits on one page. `counted`: a history, whose previous page is asked for with after=.
nlohmann::json Pagination(const Exchange& ex, const views::Cursors& list, const std::string& label, bool counted = false);

// sign_in.cc
void SignInPage(Exchange& ex);
void SignIn(Exchange& ex);
void SignOut(Exchange& ex);
// GET /session: 204. The gate found the session and marked it as in use; the timeout
// warning's "Stay signed in" asks for it.
void KeepSession(Exchange& ex);
// A form posted without a session: held, when its CSRF token is that of a session that ended
// a short while ago, for its sender to send after signing in again; the browser is sent to
// sign in either way.
void HoldForm(Exchange& ex);
// GET /held-form: the caller's held form, every value, to send (or leave).
void HeldFormPage(Exchange& ex);

// board_page.cc
void BoardPage(Exchange& ex);
// figures_page.cc
void FiguresPage(Exchange& ex);
// The four figures of `row` (open, overdue, blocked, due this month): each its header, count,
// words and the link to the board showing what it counts (false when it counts nothing),
// filtered by `by` (the row's key; nullptr: all) and keeping `base` (the day asked for).
nlohmann::json FigureLinks(const views::StandingCounts& row, const char* by, const httplib::Params& base);

// action_page.cc
void ActionPage(Exchange& ex);
void UpdateActionPage(Exchange& ex);  // POST /actions/{ref}/{verb}

// record_meeting.cc
void RecordMeetingPage(Exchange& ex);
void RecordMeeting(Exchange& ex);

// schedule_meeting.cc
// A meeting's slot as scheduling it takes (borough, round, theme, date, times, room, chair),
// each field once: the schedule form draws and reads it, as does a meeting recorded unscheduled.
std::vector<PageField> ScheduleFields();
void SchedulePage(Exchange& ex);         // GET /meetings/schedule
void ScheduleMeetingPage(Exchange& ex);  // POST /meetings/schedule

// reminder_pages.cc: what the reminder engine sent, its contacts, calendars of due dates
void RemindersPage(Exchange& ex);
void ContactsPage(Exchange& ex);
void AddContactPage(Exchange& ex);     // POST /contacts
void RemoveContactPage(Exchange& ex);  // POST /contacts/{contact}/remove
void CalendarsPage(Exchange& ex);
void ResetCalendarPage(Exchange& ex);  // POST /calendars/{agency}/reset

// audit_pages.cc
void AuditPage(Exchange& ex);
void HistoryPage(Exchange& ex);
void LatePage(Exchange& ex);
void PromisesPage(Exchange& ex);
void AccessPage(Exchange& ex);

// token_pages.cc
void TokensPage(Exchange& ex);
void IssueTokenPage(Exchange& ex);
void RevokeTokenPage(Exchange& ex);

// follow_up.cc: the API's route for a follow-up report in each format (its HTML is a paper)
void FollowUpReport(Exchange& ex);

// brief.cc: a JEM's brief (data pack), the API's route in each format and its page
void MeetingBrief(Exchange& ex);
void BriefPage(Exchange& ex);

// meeting_pages.cc
void MeetingsPage(Exchange& ex);
void MeetingPage(Exchange& ex);
void FollowUpPage(Exchange& ex);
void GiveFeedbackPage(Exchange& ex);       // POST /meetings/{meeting}/feedback
void RescheduleMeetingPage(Exchange& ex);  // POST /meetings/{meeting}/reschedule
void CancelMeetingPage(Exchange& ex);      // POST /meetings/{meeting}/cancel
void FeedbackPage(Exchange& ex);

// register_pages.cc
void PracticePage(Exchange& ex);
void IssuesPage(Exchange& ex);

// round_pages.cc
void RoundsPage(Exchange& ex);
void CoveragePage(Exchange& ex);
void CommitteePage(Exchange& ex);

// live.cc: GET /live, which records the reader may see have changed (Server-Sent Events).
void Live(Exchange& ex);

// assets.cc: GOV.UK Frontend's and jem's own styles, scripts, fonts and images.
void Asset(Exchange& ex);
// A digest of every file in `dir` (the pages' static files), read once: the pages ask for
// each file with it (?v=), so that a release's files are new addresses and each can be
// cached for good.
const std::string& AssetsVersion(const std::string& dir);

}  // namespace jem::api::web
