// The read-side access policy: who may see which meeting, action, note, register entry and
// event, and the one form in which what a reader may not see is withheld. Every reader of
// the record asks here: the API, the CLI, the rules (a partner cannot write to what it
// cannot see), the pages and audit.
//
// Partners see their agency's part: the meetings it attended, the actions it leads or
// supports, and on those, what officers and their own agency wrote; what other partner
// agencies wrote is withheld, naming only the agency. Something a partner may not see
// answers exactly as something that does not exist.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "engine/caller.h"
#include "projections/read_model.h"
#include "projections/stream_state.h"

namespace jem::access {

// Whether the caller reads the record at all (admins manage tokens, nothing else).
bool MayRead(const Caller& caller);

// Officers and auditors see all of the record: the event log, rounds, every meeting.
bool SeesEverything(const Caller& caller);

// A meeting: a partner's agency must have attended it.
bool MaySee(const Caller& caller, const MeetingState& meeting);

// An action: a partner's agency must lead or support it.
bool MaySee(const Caller& caller, const ActionState& action);

// What the caller is shown of text written for partner agency `writer_agency` (empty:
// written by an officer): nullopt when all of it; otherwise the text is withheld and this
// says by whom it was written ("written by MPS"). The one redaction: wherever a reader
// meets withheld writing, it reads `"withheld": "written by MPS"` in its place.
std::optional<std::string> Withheld(const Caller& reader, std::string_view writer_agency);

// The same for an event whose actor has role `actor_role` ("partner:MPS", "officer").
std::optional<std::string> WithheldEvent(const Caller& reader, std::string_view actor_role);

// The same as predicates, for views that list only what their reader may see
// (views::BoardFilter::visible, the registers' meeting_visible). `caller` must outlive them.
// ActionsOpenTo is unset (every action) for a caller who sees everything: views read unset as
// all, and take their fast paths (views::CountActions).
std::function<bool(const ActionState&)> ActionsOpenTo(const Caller& caller);
std::function<bool(const MeetingState&)> MeetingsOpenTo(const Caller& caller);

// The refusals for what the caller may not see, word for word those for what does not
// exist, so that a refusal says nothing of what exists.
Status NoSuchMeeting(std::string_view meeting_id);
Status NoSuchAction(std::string_view reference);

// The action `reference` if the caller may see it; NoSuchAction if it does not exist or
// the caller may not see it.
Result<const ActionRecord*> FindAction(const Caller& caller, const ReadModel& model, std::string_view reference);

// The part of `model` about meeting `meeting_id` that the caller may see: for a partner,
// only the actions its agency leads or supports, with other partner agencies' writing
// withheld; all of it for others. kNotFound (NoSuchMeeting) when the caller may not see
// the meeting. Views of one meeting run on the result as on the whole model.
Result<ReadModel> MeetingPart(const Caller& caller, const ReadModel& model, const std::string& meeting_id);

}  // namespace jem::access
