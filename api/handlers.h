// The handlers of the route table, by resource; each answers one route's requests.
// Internal to api/: routes.cc is their only user.
#pragma once

#include "api/services.h"

namespace jem::api {

// system.cc
void Health(Exchange& ex);
void MetricsText(Exchange& ex);
void OpenApi(Exchange& ex);

// actions.cc
void ActionBoard(Exchange& ex);
void ActionDetail(Exchange& ex);
void ActionHistory(Exchange& ex);

// meetings.cc
void MeetingSummary(Exchange& ex);
void FollowUpReport(Exchange& ex);

// registers.cc: good practice, pan-London issues, rounds
void PracticeRegister(Exchange& ex);
void IssueRegister(Exchange& ex);
void RoundCoverage(Exchange& ex);
void CommitteeReport(Exchange& ex);

// events.cc
void EventsPage(Exchange& ex);
void EventStream(Exchange& ex);

// tokens.cc
void ListTokens(Exchange& ex);
void IssueToken(Exchange& ex);
void RevokeToken(Exchange& ex);

// import.cc
void Import(Exchange& ex);

// commands.cc: a command read from the body by the route's form, acting on the route's subject.
void RunCommand(Exchange& ex);

}  // namespace jem::api
