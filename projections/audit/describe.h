// Events in words: what an event of the domain says happened, and the text that says why
// (its note, reason or evidence). One place, for the action page's timeline, the audit
// history and the reports.
#pragma once

#include <string>

#include "events/events.capnp.h"

namespace jem::audit {

struct Happening {
  std::string what;    // "Reassigned from MPS to TfL"
  std::string detail;  // "TfL runs the buses"
};

Happening Describe(schema::Body::Reader body);

}  // namespace jem::audit
