# The read model's snapshot: one message per record, a cache of the fold of the log
# (deletable at any time). Cap'n Proto rather than JSON because loading it must be much
# faster than rebuilding. Enums are stored as their numbers in events.capnp.
@0xacc8285aa9e266e8;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("jem::snapshot");

struct Header {
  format @0 :UInt32;
  position @1 :UInt64;
  rounds @2 :List(Round);
}

struct Round {
  number @0 :UInt32;
  title @1 :Text;
  startDate @2 :Text;
  endDate @3 :Text;
}

struct Attendee {
  name @0 :Text;
  agency @1 :Text;
  role @2 :Text;
}

struct Feedback {
  day @0 :Text;
  agency @1 :Text;
  positive @2 :Text;
  suggestions @3 :Text;
}

struct Meeting {
  status @0 :UInt8;
  id @1 :Text;
  borough @2 :Text;
  date @3 :Text;
  startTime @4 :Text;
  endTime @5 :Text;
  room @6 :Text;
  chair @7 :Text;
  round @8 :UInt32;
  theme @9 :UInt16;
  heldDate @10 :Text;
  attendees @11 :List(Attendee);
  decisions @12 :List(Text);
  cancelReason @13 :Text;
  followUpPublished @14 :Bool;
  actions @15 :List(Text);
  practices @16 :List(Text);
  issues @17 :List(Text);
  feedback @18 :List(Feedback);
  loggedBy @19 :Text;
}

struct HistoryEntry {
  day @0 :Text;
  kind @1 :Text;
  text @2 :Text;
  from @3 :Text;
  to @4 :Text;
  percent @5 :Int16;
  partnerAgency @6 :Text;
}

struct Action {
  status @0 :UInt8;
  blocked @1 :Bool;
  reference @2 :Text;
  meetingId @3 :Text;
  text @4 :Text;
  leadAgency @5 :Text;
  originalDue @6 :Text;
  due @7 :Text;
  blockReason @8 :Text;
  supportingAgencies @9 :List(Text);
  theme @10 :UInt16;
  priority @11 :UInt16;
  lastUpdateUs @12 :Int64;
  history @13 :List(HistoryEntry);
}

struct Practice {
  status @0 :UInt8;
  id @1 :Text;
  meetingId @2 :Text;
  title @3 :Text;
  borough @4 :Text;
  description @5 :Text;
  contact @6 :Text;
  partners @7 :List(Text);
  theme @8 :UInt16;
}

struct Issue {
  status @0 :UInt8;
  id @1 :Text;
  meetingId @2 :Text;
  title @3 :Text;
  description @4 :Text;
  leadAgency @5 :Text;
  resolution @6 :Text;
  updates @7 :List(Text);
}
