// What a correction may put right: the fields of each kind of record that a correction
// event may give the right value of, how each value is checked, and how a record takes it.
// One table (corrections.cc) serves the rules that check a correction and the folds that
// apply it, so they cannot disagree.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "events/events.capnp.h"
#include "events/status.h"
#include "projections/stream_state.h"

namespace jem::corrections {

struct Field {
  std::string_view name;         // "due"
  std::string_view description;  // "the current due date, YYYY-MM-DD"
};

// The fields a correction may set on a record of `kind`: "action", "meeting", "practice"
// or "issue" (the part of a stream id before its first '-'); empty for any other kind.
std::span<const Field> Fields(std::string_view kind);

// `value` for field `field` of a `kind` record in the form the record keeps it ("tfl" ->
// "TfL"). Errors (kInvalidArgument, on the field): a field the kind does not have, or a
// value that field cannot take.
Result<std::string> Check(std::string_view kind, std::string_view field, std::string_view value);

// Sets the corrected fields of `correction` on the record. Fields it does not know (written
// by a newer build) are left alone.
void Apply(schema::Correction::Reader correction, ActionState* action);
void Apply(schema::Correction::Reader correction, MeetingState* meeting);
void Apply(schema::Correction::Reader correction, PracticeState* practice);
void Apply(schema::Correction::Reader correction, IssueState* issue);

}  // namespace jem::corrections
