// Part of decoding an event (events/event.cc). Cap'n Proto checks what a pointer holds
// only when a field is read: that a Text ends in its NUL, that a Data is bytes, that a
// struct field points at a struct and a list at a list of the right element size. Reading
// every pointer once at decode, the way the generated accessors will, turns any such
// damage into a refusal there instead of an exception wherever a field is read later.
#pragma once

#include "events/events.capnp.h"

namespace jem {

// Reads every pointer field of `event` (envelope, body, nested structs and lists) as its
// accessor will; throws a kj::Exception on the first that does not hold what the schema
// says. Call inside kj::runCatchingExceptions.
void ReadEveryPointer(schema::Event::Reader event);

}  // namespace jem
