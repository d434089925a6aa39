// The one route table (api/routes.h): every route of the API and the pages, with its handler.
#include "api/server/routes.h"

#include <map>
#include <set>

#include "api/handlers.h"
#include "api/web/handlers.h"
#include "engine/verbs.h"
#include "projections/page.h"
#include "projections/reference.h"

namespace jem::api {
namespace {

const Callers kReaders = {Role::kOfficer, Role::kPartner, Role::kAuditor};
const Callers kOfficers = {Role::kOfficer};
const Callers kOfficersAndPartners = {Role::kOfficer, Role::kPartner};
const Callers kOfficersAndAuditors = {Role::kOfficer, Role::kAuditor};
const Callers kAdmins = {Role::kAdmin};
const Callers kSignedIn = {Role::kOfficer, Role::kPartner, Role::kAuditor, Role::kAdmin};

Parameter Text(std::string name, std::string description, std::vector<std::string> values = {}) {
  return {.name = std::move(name), .description = std::move(description), .values = std::move(values)};
}

Parameter Integer(std::string name, std::string description, int64_t minimum, int64_t maximum) {
  Parameter p{.name = std::move(name), .description = std::move(description)};
  p.type = "integer";
  p.minimum = minimum;
  p.maximum = maximum;
  return p;
}

Parameter Flag(std::string name, std::string description) {
  Parameter p{.name = std::move(name), .description = std::move(description)};
  p.type = "boolean";
  return p;
}

// "note" -> "Note": operation ids are camel case.
std::string Capitalised(std::string_view word) {
  std::string out(word);
  if (!out.empty()) out[0] = char(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The as-of a view takes: every view can be read as of a past day, on either basis.
std::vector<Parameter> AsOfParameters(std::vector<Parameter> more = {}) {
  more.push_back(Text("as_of", "a past day, YYYY-MM-DD: the view as of the end of it (overdue judged on it)"));
  more.push_back(Text("basis",
                      "recorded (default): what the record said by then; happened: what is now known to have "
                      "happened by then, late records included",
                      {"recorded", "happened"}));
  return more;
}

// A list answered a page at a time: where to start and how many. `backward`: a page may also
// be asked for as the one before a cursor (lists in an order other than their growth's).
std::vector<Parameter> Paged(std::vector<Parameter> more = {}, bool backward = true) {
  more.push_back(Text("cursor", "where this page starts: the `next` (or `previous`) of another page; default: "
                                "the first page"));
  if (backward) {
    more.push_back(Text("ending_before", "the page that ends just before this cursor: the `previous` of the page after"));
  }
  more.push_back(Integer("limit", "at most this many items (default " + std::to_string(views::kPageSize) + ")", 1,
                         int64_t(views::kMaxPageSize)));
  return more;
}

// A list that only grows at its end (a history): paged by the count of items before a page.
std::vector<Parameter> PagedByCount() { return Paged({}, false); }

// What a GET of `path` reads, for the access records: the action, meeting or round it names.
std::string_view ReadsOf(std::string_view path) {
  if (path.find("{ref}") != std::string_view::npos) return "action";
  if (path.find("{meeting}") != std::string_view::npos) return "meeting";
  if (path.find("{n}") != std::string_view::npos) return "round";
  return "";
}

std::vector<Route> MakeRoutes() {
  const std::vector<Parameter> board = Paged(AsOfParameters({
      Text("borough", "a borough, by name or code"),
      Text("agency", "an agency that leads or supports the action"),
      Text("status", "the action's status; not closed: open or in progress",
           {"open", "in progress", "completed", "dropped", "blocked", "not closed"}),
      Text("theme", "a theme: " + std::string(reference::kThemeChoices)),
      Integer("round", "a round's number", 0, UINT32_MAX),
      Flag("overdue", "only actions past their due date and not closed"),
      Flag("due_this_month", "only actions not closed, due from today to the end of this month")}));
  std::vector<Route> r = {
      {"GET", "/healthz", "getHealth", "Liveness, the log's head and the views' position; 503 when the views stopped or lag", "service", {}, {},
       nullptr, "", "", "Health", 200, Health},
      {"GET", "/metrics", "getMetrics", "Prometheus metrics of the server", "service", kAdmins, {}, nullptr, "", "",
       "text/plain", 200, MetricsText},
      {"GET", "/api/v1/openapi.json", "getOpenApi", "This document", "service", {}, {}, nullptr, "", "",
       "application/json", 200, OpenApi},
      {"GET", "/api/v1/actions", "listActions", "The action board: the actions the caller may see, by due date",
       "actions", kReaders, board, nullptr, "", "", "Board", 200, ActionBoard},
      {"GET", "/api/v1/actions/counts", "countActions",
       "How the actions the caller may see stand, per agency (those it leads or supports, as the board's agency "
       "filter counts) and per borough: open, overdue, blocked, due this month; JSON, or CSV for spreadsheets",
       "actions", kReaders, AsOfParameters({Text("format", "json (default) or csv", {"json", "csv"})}), nullptr, "", "",
       "ActionCounts", 200, CountActions},
      {"POST", "/api/v1/actions", "agreeAction", "Record an action agreed at a held meeting", "actions", kOfficers,
       {}, &AgreeActionForm(), "", "", "Outcome", 201, RunCommand},
      {"GET", "/api/v1/actions/{ref}", "getAction", "One action, with its ETag (its version)", "actions", kReaders,
       AsOfParameters(), nullptr, "", "", "ActionView", 200, ActionDetail},
      {"GET", "/api/v1/actions/{ref}/history", "getActionHistory",
       "Every event of one action, a page at a time; other partner agencies' writing withheld", "actions", kReaders,
       PagedByCount(), nullptr, "", "", "ActionHistory", 200, ActionHistory},
  };
  for (const ActionVerb& verb : ActionVerbs()) {
    r.push_back({"POST", "/api/v1/actions/{ref}/" + std::string(verb.name), std::string(verb.name) + "Action",
                 Capitalised(verb.help), "actions", verb.officers_only ? kOfficers : kOfficersAndPartners, {},
                 &UpdateActionForm(verb.kind), "ref", "", "Outcome", 200, RunCommand});
  }
  const std::vector<Route> meetings = {
      {"POST", "/api/v1/meetings", "scheduleMeeting", "Schedule a meeting", "meetings", kOfficers, {},
       &ScheduleMeetingForm(), "", "", "Outcome", 201, RunCommand},
      {"GET", "/api/v1/meetings/{meeting}", "getMeeting", "The summary of agreed actions of a meeting", "meetings",
       kReaders, AsOfParameters(), nullptr, "", "", "MeetingSummary", 200, MeetingSummary},
      {"GET", "/api/v1/meetings/{meeting}/follow-up-report", "getFollowUpReport",
       "The six-month follow-up report of a meeting", "meetings", kReaders,
       AsOfParameters({Text("format", "json (default), csv, md or html", {"json", "csv", "md", "html"})}),
       nullptr, "", "", "FollowUpReport", 200, web::FollowUpReport},
      {"GET", "/api/v1/meetings/{meeting}/brief", "getMeetingBrief",
       "The brief (data pack) of a meeting: the borough's JEMs so far, what is still open from them and its story, "
       "what the invited agencies promised and delivered, good practice, pan-London issues, the last feedback",
       "meetings", kOfficersAndAuditors,
       AsOfParameters({Text("format", "json (default), md or html", {"json", "md", "html"})}), nullptr, "", "",
       "Brief", 200, web::MeetingBrief},
      {"POST", "/api/v1/meetings/{meeting}/publish-follow-up", "publishFollowUp",
       "Publish the six-month follow-up report as recorded by a day, recording its SHA-256; ends its reminders",
       "meetings", kOfficers, {}, &PublishFollowUpForm(), "meeting", "", "Outcome", 200, PublishFollowUp},
      {"POST", "/api/v1/meetings/{meeting}/reschedule", "rescheduleMeeting", "Move a scheduled meeting", "meetings",
       kOfficers, {}, &RescheduleMeetingForm(), "meeting", "", "Outcome", 200, RunCommand},
      {"POST", "/api/v1/meetings/{meeting}/cancel", "cancelMeeting", "Cancel a scheduled meeting", "meetings",
       kOfficers, {}, &CancelMeetingForm(), "meeting", "", "Outcome", 200, RunCommand},
      {"POST", "/api/v1/meetings/{meeting}/hold", "holdMeeting", "Record that a meeting was held, and who attended",
       "meetings", kOfficers, {}, &HoldMeetingForm(), "meeting", "", "Outcome", 200, RunCommand},
      {"POST", "/api/v1/meetings/{meeting}/decisions", "recordDecision", "Record a decision of a held meeting",
       "meetings", kOfficers, {}, &RecordDecisionForm(), "meeting", "", "Outcome", 201, RunCommand},
      {"POST", "/api/v1/meetings/{meeting}/feedback", "giveFeedback",
       "Record a participant's feedback on a held meeting", "meetings", kOfficersAndPartners, {},
       &GiveFeedbackForm(), "meeting", "", "Outcome", 201, RunCommand},
      {"GET", "/api/v1/good-practice", "listGoodPractice", "The good-practice register", "registers", kReaders,
       Paged(AsOfParameters({Text("borough", "a borough, or pan-London"), Text("theme", "a theme"),
                   Text("status", "identified, validated, disseminated or rejected",
                        {"identified", "validated", "disseminated", "rejected"}),
                   Text("text", "words in the title, description or contact")})),
       nullptr, "", "", "PracticeRegister", 200, PracticeRegister},
      {"POST", "/api/v1/good-practice", "identifyPractice", "Record good practice identified at a held meeting",
       "registers", kOfficers, {}, &IdentifyPracticeForm(), "", "", "Outcome", 201, RunCommand},
  };
  r.insert(r.end(), meetings.begin(), meetings.end());
  for (const PracticeVerb& verb : PracticeVerbs()) {
    r.push_back({"POST", "/api/v1/good-practice/{id}/" + std::string(verb.name), std::string(verb.name) + "Practice",
                 Capitalised(verb.help), "registers", kOfficers, {}, &UpdatePracticeForm(verb.kind), "id", "",
                 "Outcome", 200, RunCommand});
  }
  r.push_back({"GET", "/api/v1/pan-london-issues", "listIssues", "The pan-London issue register", "registers",
               kReaders, Paged(AsOfParameters({Text("status", "open or resolved", {"open", "resolved"})})), nullptr, "", "",
               "IssueRegister",
               200, IssueRegister});
  r.push_back({"POST", "/api/v1/pan-london-issues", "raiseIssue", "Raise a pan-London issue at a held meeting",
               "registers", kOfficers, {}, &RaiseIssueForm(), "", "", "Outcome", 201, RunCommand});
  for (const IssueVerb& verb : IssueVerbs()) {
    r.push_back({"POST", "/api/v1/pan-london-issues/{id}/" + std::string(verb.name), std::string(verb.name) + "Issue",
                 Capitalised(verb.help), "registers", kOfficers, {}, &UpdateIssueForm(verb.kind), "id", "",
                 "Outcome", 200, RunCommand});
  }
  const std::vector<Route> rest = {
      {"GET", "/api/v1/rounds/{n}/coverage", "getRoundCoverage",
       "Which of the 32 boroughs have had their JEM in a round", "rounds", kOfficersAndAuditors, AsOfParameters(), nullptr, "", "",
       "RoundCoverage", 200, RoundCoverage},
      {"GET", "/api/v1/rounds/{n}/committee-report", "getCommitteeReport", "Progress across a round, for the committee",
       "rounds", kOfficersAndAuditors, AsOfParameters(), nullptr, "", "", "CommitteeReport", 200, CommitteeReport},
      {"GET", "/api/v1/events", "listEvents", "Events by position, with their hashes", "events",
       kOfficersAndAuditors,
       {Integer("from", "the first position (default 1)", 0, INT64_MAX / 2),
        Integer("limit", "at most this many (default 100)", 0, 1000)},
       nullptr, "", "", "EventsPage", 200, EventsPage},
      {"GET", "/api/v1/events/stream", "streamEvents",
       "Events as Server-Sent Events: from a position (or after Last-Event-ID), then live", "events",
       kOfficersAndAuditors, {Integer("from", "the first position (default 1)", 0, INT64_MAX / 2)}, nullptr, "", "",
       "text/event-stream", 200, EventStream},
      {"POST", "/api/v1/events/{position}/correct", "correctEvent",
       "Record that an event was wrong, why, and the right values of the fields it got wrong (events are never "
       "edited)",
       "events", kOfficers, {}, &CorrectEventForm(), "position", "", "Outcome", 201, RunCommand},
      {"POST", "/api/v1/import", "importMeeting", "Record a whole JEM from a YAML or JSON document, all or nothing",
       "import", kOfficers, {}, nullptr, "", "application/yaml, application/json", "Outcome", 201, Import},
      {"GET", "/api/v1/tokens", "listTokens", "Every access token issued: holder, role, agency, status", "tokens",
       kAdmins, Paged(), nullptr, "", "", "TokenList", 200, ListTokens},
      {"POST", "/api/v1/tokens", "issueToken", "Issue a token; the answer shows it, once", "tokens", kAdmins, {},
       &IssueTokenForm(), "", "", "IssuedToken", 201, IssueToken},
      {"POST", "/api/v1/tokens/{token}/revoke", "revokeToken", "Revoke a token, with a reason; it stops working at once",
       "tokens", kAdmins, {}, &RevokeTokenForm(), "token", "", "Outcome", 200, RevokeToken},
  };
  r.insert(r.end(), rest.begin(), rest.end());
  const std::vector<Route> reminders = {
      {"GET", "/api/v1/reminders/preview", "previewReminders",
       "What the reminder engine would send on a day, as one digest per agency", "reminders", kOfficersAndAuditors,
       AsOfParameters({Text("date", "a day, YYYY-MM-DD (default: today in London); a past day is judged on the record as "
                          "it stood that day unless as_of says otherwise")}),
       nullptr, "", "", "ReminderPreview", 200,
       ReminderPreview},
      {"GET", "/api/v1/reminders/sent", "listRemindersSent",
       "What the reminder engine sent: each message, its items, why its recipient has it, its deliveries",
       "reminders", kOfficersAndAuditors,
       Paged({Text("action", "only messages about this action (or meeting)"),
              Text("agency", "only messages about actions this agency leads"),
              Text("date", "only this day's, YYYY-MM-DD")}),
       nullptr, "", "", "RemindersSent", 200, RemindersSent},
      {"GET", "/api/v1/contacts", "listContacts", "Who the reminder engine chases: the contact directory", "reminders",
       kOfficersAndAuditors, Paged(), nullptr, "", "", "ContactList", 200, ListContacts},
      {"POST", "/api/v1/contacts", "addContact", "Add a contact", "reminders", kOfficers, {}, &SetContactForm(), "",
       "", "Outcome", 201, RunCommand},
      {"POST", "/api/v1/contacts/{contact}", "changeContact", "Change a contact, given whole as it now is",
       "reminders", kOfficers, {}, &SetContactForm(), "contact", "", "Outcome", 200, RunCommand},
      {"POST", "/api/v1/contacts/{contact}/remove", "removeContact", "Remove a contact: nothing more is sent to it",
       "reminders", kOfficers, {}, &RemoveContactForm(), "contact", "", "Outcome", 200, RunCommand},
      {"POST", "/api/v1/calendars/{agency}/reset", "resetCalendar",
       "A new secret address for an agency's calendar of due dates (officers, or that agency); the old one stops "
       "working; the answer shows it, once",
       "reminders", kOfficersAndPartners, {}, &ResetCalendarFeedForm(), "agency", "", "CalendarAddress", 201,
       ResetCalendar},
      {"GET", "/calendars/{feed}", "getCalendar",
       "An agency's calendar of due dates (iCalendar), at its secret address: no token, for calendar programs",
       "reminders", {}, {}, nullptr, "", "", "text/calendar", 200, CalendarFeed},
      {"GET", "/api/v1/agencies/{agency}/feed", "getAgencyFeed",
       "An agency's open actions with what it promised and their state, its promises and figures, for partners' own "
       "tools (a partner reads what it may see)",
       "reminders", kReaders,
       AsOfParameters({Text("format", "json (default) or csv", {"json", "csv"}),
                       Text("borough", "only this borough's (a code or name)")}),
       nullptr, "", "", "AgencyFeed", 200, AgencyFeed},
      {"GET", "/feeds/{sheet}", "getAgencyFeedBySecret",
       "An agency's feed (as getAgencyFeed) at its secret address, the calendar's: no token, for tools that hold none",
       "reminders", {}, {Text("format", "json (default) or csv", {"json", "csv"})}, nullptr, "", "", "AgencyFeed", 200,
       AgencyFeedBySecret},
  };
  r.insert(r.end(), reminders.begin(), reminders.end());
  const std::vector<Route> audit = {
      {"GET", "/api/v1/audit/history/{kind}/{record}", "getRecordHistory",
       "Every event of an action, meeting, good practice or pan-London issue: who, when recorded, when it happened, "
       "what changed (old -> new) and why; reminders sent; corrections. A page at a time",
       "audit", kOfficersAndAuditors, PagedByCount(), nullptr, "", "", "History", 200, RecordHistory},
      {"GET", "/api/v1/audit/late", "getLateRecords",
       "What happened by a day but was recorded after it, how late, and the actions that differ between the record "
       "as it stood then and what is now known to have happened by then",
       "audit", kOfficersAndAuditors, {Text("date", "the day, YYYY-MM-DD (default: today)")}, nullptr, "", "",
       "LateRecords", 200,
       LateRecords},
      {"GET", "/api/v1/audit/promises", "getPromises",
       "Promises against delivery per agency: agreed, completed on time or late, re-dated, reassigned, dropped, open",
       "audit", kOfficersAndAuditors,
       AsOfParameters({Text("borough", "a borough, by name or code"), Text("theme", "a theme"),
             Integer("round", "a round's number", 0, UINT32_MAX),
             Text("by", "rows per agency and borough, theme or round", {"borough", "theme", "round"})}),
       nullptr, "", "", "Promises", 200, Promises},
      {"GET", "/api/v1/audit/access/{ref}", "getAccessRecords",
       "Who could see an action and who did see it (its page, its meeting's reports, its round's), before a day; "
       "the access records a page at a time",
       "audit", kOfficersAndAuditors,
       Paged({Text("before", "only reads before this day, YYYY-MM-DD (default: all)")}, false),
       nullptr, "", "", "AccessRecords", 200, AccessRecords},
  };
  r.insert(r.end(), audit.begin(), audit.end());
  // Public, as a transparency log's are: they show hashes only, and witnesses hold no token.
  const std::vector<Route> proofs = {
      {"GET", "/checkpoint", "getCheckpoint",
       "The latest signed checkpoint of the log (C2SP tlog-checkpoint), with its witnesses' cosignatures",
       "proofs", {}, {}, nullptr, "", "", "text/plain", 200, LatestCheckpoint},
      {"GET", "/tile/{tile}", "getHashTile", "A hash tile of the log's Merkle tree (C2SP tlog-tiles)", "proofs", {},
       {}, nullptr, "", "", "application/octet-stream", 200, HashTile},
      {"GET", "/api/v1/proofs/inclusion/{position}", "getInclusionProof",
       "The proof that the event at a position is in the latest checkpoint (C2SP tlog-proof)", "proofs", {}, {},
       nullptr, "", "", "text/plain", 200, InclusionProof},
      {"GET", "/api/v1/proofs/consistency/{old}/{new}", "getConsistencyProof",
       "The proof that the log's tree of `old` events is the start of its tree of `new` (RFC 9162)", "proofs", {},
       {}, nullptr, "", "", "text/plain", 200, ConsistencyProof},
      {"POST", "/api/v1/checkpoints/cosigned", "addCosignatures",
       "A checkpoint this log signed, cosigned by witnesses it trusts (C2SP tlog-cosignature): the server keeps "
       "their cosignatures",
       "proofs", {}, {}, nullptr, "", "text/plain", "Cosigned", 200, AddCosignatures},
  };
  r.insert(r.end(), proofs.begin(), proofs.end());
  // The web pages (api/web/): signed in with a session, not part of the OpenAPI document.
  const std::vector<Route> pages = {
      {"GET", "/", "boardPage", "The action board", "pages", kReaders, {}, nullptr, "", "", "text/html", 200,
       web::BoardPage, true},
      {"GET", "/figures", "figuresPage",
       "How the actions stand in all, per agency and per borough; each figure opens the board filtered to it",
       "pages", kReaders, {}, nullptr, "", "", "text/html", 200, web::FiguresPage, true},
      {"GET", "/actions/{ref}", "actionPage", "An action: what was agreed, its state, its timeline", "pages",
       kReaders, {}, nullptr, "", "", "text/html", 200, web::ActionPage, true},
      {"GET", "/sign-in", "signInPage", "Sign in with an access token", "pages", {}, {}, nullptr, "", "",
       "text/html", 200, web::SignInPage, true},
      {"POST", "/sign-in", "signIn", "Open a session", "pages", {}, {}, nullptr, "",
       "application/x-www-form-urlencoded", "text/html", 303, web::SignIn, true},
      {"POST", "/sign-out", "signOut", "End the session", "pages", kSignedIn, {}, nullptr, "",
       "application/x-www-form-urlencoded", "text/html", 303, web::SignOut, true},
      {"GET", "/session", "keepSession",
       "Keeps the session in use, as any page does, without drawing one (the timeout warning's 'Stay signed in')",
       "pages", kSignedIn, {}, nullptr, "", "", "", 204, web::KeepSession, true},
      {"GET", "/held-form", "heldFormPage", "A form sent after its session ended, to send again", "pages", kSignedIn,
       {}, nullptr, "", "", "text/html", 200, web::HeldFormPage, true},
      {"GET", "/meetings", "meetingsPage", "The meetings", "pages", kReaders, {}, nullptr, "", "", "text/html", 200,
       web::MeetingsPage, true},
      {"GET", "/meetings/record", "recordMeetingPage", "The form for a meeting's whole outcome", "pages", kOfficers,
       {}, nullptr, "", "", "text/html", 200, web::RecordMeetingPage, true},
      {"POST", "/meetings/record", "recordMeeting", "Record a meeting's whole outcome, all or nothing", "pages",
       kOfficers, {}, nullptr, "", "application/x-www-form-urlencoded", "text/html", 303, web::RecordMeeting, true},
      {"GET", "/meetings/schedule", "schedulePage", "The form to schedule a meeting", "pages", kOfficers, {}, nullptr,
       "", "", "text/html", 200, web::SchedulePage, true},
      {"POST", "/meetings/schedule", "scheduleMeetingPage", "Schedule a meeting", "pages", kOfficers, {}, nullptr, "",
       "application/x-www-form-urlencoded", "text/html", 303, web::ScheduleMeetingPage, true},
      {"GET", "/meetings/{meeting}", "meetingPage", "A meeting's summary of agreed actions", "pages", kReaders, {},
       nullptr, "", "", "text/html", 200, web::MeetingPage, true},
      {"POST", "/meetings/{meeting}/reschedule", "rescheduleMeetingPage", "Move a scheduled meeting", "pages",
       kOfficers, {}, nullptr, "", "application/x-www-form-urlencoded", "text/html", 303, web::RescheduleMeetingPage,
       true},
      {"POST", "/meetings/{meeting}/cancel", "cancelMeetingPage", "Cancel a scheduled meeting", "pages", kOfficers,
       {}, nullptr, "", "application/x-www-form-urlencoded", "text/html", 303, web::CancelMeetingPage, true},
      {"GET", "/meetings/{meeting}/brief", "briefPage", "A meeting's brief (data pack), and its downloads", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::BriefPage, true},
      {"GET", "/meetings/{meeting}/follow-up-report", "followUpPage",
       "A meeting's six-month follow-up report, and its downloads", "pages", kReaders, {}, nullptr, "", "",
       "text/html", 200, web::FollowUpPage, true},
  };
  r.insert(r.end(), pages.begin(), pages.end());
  const std::vector<Route> report_pages = {
      {"POST", "/meetings/{meeting}/feedback", "giveFeedbackPage", "Feedback on a held meeting", "pages",
       kOfficersAndPartners, {}, &GiveFeedbackForm(), "meeting", "application/x-www-form-urlencoded", "text/html", 303,
       web::GiveFeedbackPage, true},
      {"GET", "/feedback", "feedbackPage", "Participants' feedback on the meetings", "pages", kOfficersAndAuditors, {},
       nullptr, "", "", "text/html", 200, web::FeedbackPage, true},
      {"GET", "/good-practice", "practicePage", "The good-practice register, searched", "pages", kReaders, {}, nullptr,
       "", "", "text/html", 200, web::PracticePage, true},
      {"GET", "/pan-london-issues", "issuesPage", "The pan-London issues", "pages", kReaders, {}, nullptr, "", "",
       "text/html", 200, web::IssuesPage, true},
      {"GET", "/rounds", "roundsPage", "The rounds of JEMs", "pages", kOfficersAndAuditors, {}, nullptr, "", "",
       "text/html", 200, web::RoundsPage, true},
      {"GET", "/rounds/{n}/coverage", "coveragePage", "A round's coverage of the 32 boroughs", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::CoveragePage, true},
      {"GET", "/rounds/{n}/committee-report", "committeePage", "A round's committee report", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::CommitteePage, true},
  };
  r.insert(r.end(), report_pages.begin(), report_pages.end());
  r.push_back({"GET", "/live", "livePage", "Which records the reader may see change, as Server-Sent Events", "pages",
               kReaders, {}, nullptr, "", "", "text/event-stream", 200, web::Live, true});
  const std::vector<Route> reminder_pages = {
      {"GET", "/reminders", "remindersPage", "What the reminder engine sent, by day, agency and action", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::RemindersPage, true},
      {"GET", "/contacts", "contactsPage", "The reminder engine's contact directory", "pages", kOfficersAndAuditors,
       {}, nullptr, "", "", "text/html", 200, web::ContactsPage, true},
      {"POST", "/contacts", "addContactPage", "Add a contact", "pages", kOfficers, {}, &SetContactForm(), "",
       "application/x-www-form-urlencoded", "text/html", 303, web::AddContactPage, true},
      {"POST", "/contacts/{contact}/remove", "removeContactPage", "Remove a contact, with a reason", "pages",
       kOfficers, {}, &RemoveContactForm(), "contact", "application/x-www-form-urlencoded", "text/html", 303,
       web::RemoveContactPage, true},
      {"GET", "/calendars", "calendarsPage", "Agencies' calendars of due dates, and their secret addresses", "pages",
       kOfficersAndPartners, {}, nullptr, "", "", "text/html", 200, web::CalendarsPage, true},
      {"POST", "/calendars/{agency}/reset", "resetCalendarPage", "A new secret address for an agency's calendar",
       "pages", kOfficersAndPartners, {}, &ResetCalendarFeedForm(), "agency", "application/x-www-form-urlencoded",
       "text/html", 201, web::ResetCalendarPage, true},
  };
  r.insert(r.end(), reminder_pages.begin(), reminder_pages.end());
  const std::vector<Route> audit_pages = {
      {"GET", "/audit", "auditPage", "Audit: find a record's history, and the auditor's other pages", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::AuditPage, true},
      {"GET", "/audit/history/{kind}/{record}", "historyPage", "A record's history, with what each event changed",
       "pages", kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::HistoryPage, true},
      {"GET", "/audit/late", "latePage", "What happened by a day but was recorded after it", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::LatePage, true},
      {"GET", "/audit/promises", "promisesPage", "Promises against delivery per agency", "pages",
       kOfficersAndAuditors, {}, nullptr, "", "", "text/html", 200, web::PromisesPage, true},
      {"GET", "/audit/access", "accessPage", "Who could see an action, and who did", "pages", kOfficersAndAuditors,
       {}, nullptr, "", "", "text/html", 200, web::AccessPage, true},
  };
  r.insert(r.end(), audit_pages.begin(), audit_pages.end());
  r.push_back({"GET", "/tokens", "tokensPage", "Access tokens: every one issued, issuing, revoking", "pages", kAdmins,
               {}, nullptr, "", "", "text/html", 200, web::TokensPage, true});
  r.push_back({"POST", "/tokens", "issueTokenPage", "Issue a token; the page shows it, once", "pages", kAdmins, {},
               &IssueTokenForm(), "", "application/x-www-form-urlencoded", "text/html", 201, web::IssueTokenPage, true});
  r.push_back({"POST", "/tokens/{token}/revoke", "revokeTokenPage", "Revoke a token, with a reason", "pages", kAdmins,
               {}, &RevokeTokenForm(), "token", "application/x-www-form-urlencoded", "text/html", 303,
               web::RevokeTokenPage, true});
  for (const ActionVerb& verb : ActionVerbs()) {
    r.push_back({"POST", "/actions/{ref}/" + std::string(verb.name), std::string(verb.name) + "ActionPage",
                 Capitalised(verb.help), "pages", verb.officers_only ? kOfficers : kOfficersAndPartners, {},
                 &UpdateActionForm(verb.kind), "ref", "application/x-www-form-urlencoded", "text/html", 303,
                 web::UpdateActionPage, true});
  }
  for (const auto& [path, id] : {std::pair{"/assets/{asset}", "getAsset"}, std::pair{"/assets/fonts/{asset}", "getFont"},
                                 std::pair{"/assets/images/{asset}", "getImage"}}) {
    r.push_back({"GET", path, id, "A file of the pages", "pages", {}, {}, nullptr, "", "", "", 200, web::Asset, true});
  }
  // Every page that shows a view can show it as of a past day, as the API's views can.
  static const std::set<std::string_view> kViewPages = {
      "/", "/figures", "/actions/{ref}", "/meetings", "/meetings/{meeting}", "/meetings/{meeting}/brief", "/meetings/{meeting}/follow-up-report",
      "/feedback",
      "/good-practice", "/pan-london-issues", "/rounds", "/rounds/{n}/coverage", "/rounds/{n}/committee-report",
      "/audit/promises"};
  // What else each page reads from its query: its filters, its page of a list, what the
  // page it came from says happened. Anything else is refused, as on the API's routes.
  static const std::map<std::string_view, std::vector<std::string_view>> kPageQueries = {
      {"/", {"borough", "agency", "status", "theme", "overdue", "due_this_month", "round", "sort", "order", "page"}},
      {"/actions/{ref}", {"after", "updated"}},
      {"/meetings", {"after", "before"}},
      {"/meetings/record", {"meeting"}},
      {"/meetings/{meeting}", {"feedback", "recorded", "changed"}},
      {"/meetings/{meeting}/brief", {"format"}},
      {"/meetings/{meeting}/follow-up-report", {"format"}},
      {"/feedback", {"after", "before"}},
      {"/good-practice", {"text", "borough", "theme", "status", "after", "before"}},
      {"/pan-london-issues", {"status", "after", "before"}},
      {"/reminders", {"date", "agency", "action", "after", "before"}},
      {"/contacts", {"changed", "after", "before"}},
      {"/audit", {"kind", "record"}},
      {"/audit/history/{kind}/{record}", {"after"}},
      {"/audit/late", {"date"}},
      {"/audit/promises", {"borough", "theme", "round", "by"}},
      {"/audit/access", {"action", "before", "after"}},
      {"/tokens", {"revoked", "after", "before"}},
      {"/assets/{asset}", {"v"}},
      {"/assets/fonts/{asset}", {"v"}},
      {"/assets/images/{asset}", {"v"}},
  };
  // A day a page's form asks for comes in its date input's three boxes (Exchange::DayQuery).
  static const std::map<std::string_view, std::string_view> kPageDays = {
      {"/reminders", "date"}, {"/audit/late", "date"}, {"/audit/access", "before"}};
  for (Route& route : r) {
    if (route.method == "GET" && route.path.find("/audit/") == std::string::npos) route.reads = ReadsOf(route.path);
    if (!route.page || route.method != "GET") continue;
    std::vector<std::string> days;
    if (kViewPages.contains(route.path)) {
      route.query = AsOfParameters();
      days.push_back("as_of");
    }
    if (auto day = kPageDays.find(route.path); day != kPageDays.end()) days.emplace_back(day->second);
    for (const std::string& day : days) {
      for (const char* box : {"-day", "-month", "-year"}) route.query.push_back(Text(day + box, "read by the page"));
    }
    if (auto more = kPageQueries.find(route.path); more != kPageQueries.end()) {
      for (std::string_view name : more->second) route.query.push_back(Text(std::string(name), "read by the page"));
    }
  }
  return r;
}

}  // namespace

const RouteTable& Routes() {
  static const RouteTable kRoutes(MakeRoutes());
  return kRoutes;
}

}  // namespace jem::api
