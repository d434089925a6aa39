// Part of decoding an event (events/event.cc): Cap'n Proto checks that a Text ends in its
// NUL only when the Text is read, and throws if not. Reading them all once at decode turns
// such damage into a refusal there, instead of an exception wherever a field is read later.
#pragma once

#include "events/events.capnp.h"

namespace jem {

// Reads every Text of `event` (envelope, body, nested structs and lists) once; throws a
// kj::Exception on one without its NUL. Call inside kj::runCatchingExceptions.
void ReadEveryText(schema::Event::Reader event);

}  // namespace jem
