# The jem event log's wire format. Published: an auditor needs only this file, the
# reference `capnp` tool and `sha256sum` to recompute the hash chain (docs/log-format.md).
#
# Evolution rules: never renumber, retype or remove a field; add fields and union members
# with new ordinals only. Bump Event.schemaVersion when a change means something an older
# reader would misread; readers refuse versions newer than they know.
@0xe9edf7597a8fb223;

using Cxx = import "/capnp/c++.capnp";
using Json = import "/capnp/compat/json.capnp";
$Cxx.namespace("jem::schema");

# The envelope. The stored value of an event is this struct in canonical form; the
# event's hash is SHA-256 of exactly those bytes.
struct Event {
  position @0 :UInt64;          # global position: 1, 2, 3, ... without gaps
  streamId @1 :Text;            # e.g. "meeting-CAM-2009"
  streamVersion @2 :UInt64;     # 1 for a stream's first event, then +1
  eventId @3 :Data $Json.hex;   # 16-byte UUID chosen by the writer: the idempotency key
  schemaVersion @4 :UInt16;     # version of this schema the event was written with
  recordedAtUs @5 :Int64;       # microseconds since 1970-01-01T00:00:00Z, non-decreasing
  actor @6 :Actor;              # who caused it
  causationId @7 :Data $Json.hex;    # 16 bytes; the event or command that caused it, or zeros
  correlationId @8 :Data $Json.hex;  # 16 bytes; the conversation it belongs to, or zeros
  previousHash @9 :Data $Json.hex;   # 32 bytes; hash of the event at position - 1 (zeros at 1)
  body @10 :Body;               # what happened
}

struct Actor {
  userId @0 :Text;
  role @1 :Text;
}

# What happened: one member per event type. Add members, never reuse an ordinal.
struct Body {
  union {
    note @0 :Note;
    correction @1 :Correction;
  }
}

# Free text attached to the log by an operator (and the payload of tests and benchmarks).
struct Note {
  text @0 :Text;
}

# Events are never edited: a mistake is put right by a later event that points at the
# wrong one and says what was wrong with it.
struct Correction {
  correctedPosition @0 :UInt64;
  correctedEventId @1 :Data $Json.hex;
  reason @2 :Text;
}
