// The handlers of the route table, by resource; each answers one route's requests.
// Internal to api/: routes.cc lists them; the pages (api/web/) share ServeEvents.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/services.h"

namespace jem::api {

// system.cc
void Health(Exchange& ex);
void MetricsText(Exchange& ex);
void OpenApi(Exchange& ex);

// actions.cc
void ActionBoard(Exchange& ex);
void ActionDetail(Exchange& ex);
// GET /api/v1/actions/counts: views::CountActions of what the caller may see, JSON or CSV.
void CountActions(Exchange& ex);
void ActionHistory(Exchange& ex);

// meetings.cc
void MeetingSummary(Exchange& ex);
void PublishFollowUp(Exchange& ex);

// registers.cc: good practice, pan-London issues, rounds
void PracticeRegister(Exchange& ex);
void IssueRegister(Exchange& ex);
void RoundCoverage(Exchange& ex);
void CommitteeReport(Exchange& ex);

// events.cc
void EventsPage(Exchange& ex);
void EventStream(Exchange& ex);

// What a live stream sends at each wake-up: the text for `events` (none when a second
// passed without any), after the views hold them if the reader will look there.
using StreamWriter = std::function<std::string(const std::vector<RecordedEvent>& events)>;
// Answers with Server-Sent Events of the log from `from`, as `write` puts them, until the
// caller's token is revoked, the server stops or the client goes; at most EventStreams'
// limits open at once (503 with Retry-After beyond).
void ServeEvents(Exchange& ex, uint64_t from, StreamWriter write);

// tokens.cc
void ListTokens(Exchange& ex);
void IssueToken(Exchange& ex);
void RevokeToken(Exchange& ex);

// reminders.cc
void ReminderPreview(Exchange& ex);
void RemindersSent(Exchange& ex);
void ListContacts(Exchange& ex);
void ResetCalendar(Exchange& ex);
void CalendarFeed(Exchange& ex);

// agency_feed.cc: an agency's actions, promises and figures, for partners' own tools
void AgencyFeed(Exchange& ex);          // with a token
void AgencyFeedBySecret(Exchange& ex);  // at the agency's secret address

// audit.cc
void RecordHistory(Exchange& ex);
void LateRecords(Exchange& ex);
void Promises(Exchange& ex);
void AccessRecords(Exchange& ex);

// import.cc
void Import(Exchange& ex);

// proofs.cc
void LatestCheckpoint(Exchange& ex);
void HashTile(Exchange& ex);
void ConsistencyProof(Exchange& ex);
void InclusionProof(Exchange& ex);
void AddCosignatures(Exchange& ex);

// commands.cc: a command read from the body by the route's form, acting on the route's subject.
void RunCommand(Exchange& ex);

}  // namespace jem::api
