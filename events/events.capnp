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
  occurredAtUs @11 :Int64;      # when it happened in the world, if not when recorded; 0 = same
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
    roundPlanned @2 :RoundPlanned;
    meetingScheduled @3 :MeetingScheduled;
    meetingRescheduled @4 :MeetingRescheduled;
    meetingCancelled @5 :MeetingCancelled;
    meetingHeld @6 :MeetingHeld;
    decisionRecorded @7 :DecisionRecorded;
    actionAgreed @8 :ActionAgreed;
    actionStarted @9 :ActionStarted;
    actionProgressNoted @10 :ActionProgressNoted;
    actionBlocked @11 :ActionBlocked;
    actionUnblocked @12 :ActionUnblocked;
    actionCompleted @13 :ActionCompleted;
    actionDropped @14 :ActionDropped;
    actionReopened @15 :ActionReopened;
    actionDueDateChanged @16 :ActionDueDateChanged;
    actionReassigned @17 :ActionReassigned;
    goodPracticeIdentified @18 :GoodPracticeIdentified;
    goodPracticeValidated @19 :GoodPracticeValidated;
    goodPracticeDisseminated @20 :GoodPracticeDisseminated;
    goodPracticeRejected @21 :GoodPracticeRejected;
    panLondonIssueRaised @22 :PanLondonIssueRaised;
    panLondonIssueUpdated @23 :PanLondonIssueUpdated;
    panLondonIssueResolved @24 :PanLondonIssueResolved;
    feedbackGiven @25 :FeedbackGiven;
    followUpReportPublished @26 :FollowUpReportPublished;
    tokenIssued @27 :TokenIssued;
    tokenRevoked @28 :TokenRevoked;
    contactSet @29 :ContactSet;
    contactRemoved @30 :ContactRemoved;
    messageQueued @31 :MessageQueued;
    messageDelivered @32 :MessageDelivered;
    messageFailed @33 :MessageFailed;
    remindersDayClosed @34 :RemindersDayClosed;
    webhookDisabled @35 :WebhookDisabled;
    calendarFeedSet @36 :CalendarFeedSet;
    accessRecorded @37 :AccessRecorded;
  }
}

# Free text attached to the log by an operator (and the payload of tests and benchmarks).
struct Note {
  text @0 :Text;
}

# Events are never edited: a mistake is put right by a later event that points at the
# wrong one and says what was wrong with it, and may give the right values of the fields it
# got wrong; views apply them from this event on, and the history keeps both.
struct Correction {
  correctedPosition @0 :UInt64;
  correctedEventId @1 :Data $Json.hex;
  reason @2 :Text;
  fields @3 :List(CorrectedField);
}

# A field of the record the corrected event is about, e.g. ("due", "2009-11-30") of an action,
# with its right value. Lists of agencies are written "TfL, Council".
struct CorrectedField {
  field @0 :Text;
  value @1 :Text;
}

# ---- The JEM domain. Dates are ISO "YYYY-MM-DD" (London), times "HH:MM" (London local).
# Boroughs are three-letter codes (CAM = Camden; the list is in projections/reference.h);
# agencies are names from the same list (MPS, Council, TfL, BTP, YJB, LCJB, Health, ...).

enum Theme {
  seriousYouthViolence @0;
  qualityOfLife @1;      # anti-social behaviour, low-level crime, confidence
  violentCrime @2;       # incl. domestic and sexual violence, hate crime, night-time economy
  prevent @3;
}

enum Priority {
  medium @0;
  low @1;
  high @2;
}

# Round N of JEMs, meant to cover all 32 boroughs. Stream round-N.
struct RoundPlanned {
  number @0 :UInt32;
  title @1 :Text;
  themes @2 :List(Theme);
  startDate @3 :Text;
  endDate @4 :Text;
}

# Stream meeting-ID, ID = borough code and date, e.g. meeting-CAM-20090616.
struct MeetingScheduled {
  meetingId @0 :Text;
  borough @1 :Text;
  round @2 :UInt32;
  theme @3 :Theme;
  date @4 :Text;
  startTime @5 :Text;
  endTime @6 :Text;
  room @7 :Text;
  chair @8 :Text;
  invited @9 :List(Text);  # the agencies invited, beside the MPA (none: not said)
}

struct MeetingRescheduled {
  date @0 :Text;
  startTime @1 :Text;
  endTime @2 :Text;
  room @3 :Text;
  reason @4 :Text;
}

struct MeetingCancelled {
  reason @0 :Text;
}

struct Attendee {
  name @0 :Text;
  agency @1 :Text;
  role @2 :Text;          # e.g. "Borough Commander", "Leader of the Council"
}

struct MeetingHeld {
  date @0 :Text;
  chair @1 :Text;
  attendees @2 :List(Attendee);
}

struct DecisionRecorded {
  text @0 :Text;
}

# Stream action-REF, REF = borough code, year, number: action-CAM-2009-03.
struct ActionAgreed {
  reference @0 :Text;
  meetingId @1 :Text;
  text @2 :Text;
  theme @3 :Theme;
  leadAgency @4 :Text;
  supportingAgencies @5 :List(Text);
  dueDate @6 :Text;
  priority @7 :Priority;
}

struct ActionStarted {
  note @0 :Text;
}

struct ActionProgressNoted {
  text @0 :Text;
  percentComplete @1 :Int8;   # 0..100, or -1 when not given
}

struct ActionBlocked {
  reason @0 :Text;
}

struct ActionUnblocked {
  note @0 :Text;
}

struct ActionCompleted {
  evidence @0 :Text;
}

struct ActionDropped {
  reason @0 :Text;
}

struct ActionReopened {
  reason @0 :Text;
}

# The original due date stays in ActionAgreed; each change keeps old and new.
struct ActionDueDateChanged {
  oldDate @0 :Text;
  newDate @1 :Text;
  reason @2 :Text;
}

struct ActionReassigned {
  fromAgency @0 :Text;
  toAgency @1 :Text;
  reason @2 :Text;
}

# Stream practice-ID, e.g. practice-CAM-2009-01 (or practice-LDN-2009-01 for pan-London).
struct GoodPracticeIdentified {
  practiceId @0 :Text;
  meetingId @1 :Text;
  title @2 :Text;
  borough @3 :Text;           # a borough code, or "pan-London"
  theme @4 :Theme;
  partners @5 :List(Text);
  description @6 :Text;
  contact @7 :Text;
}

struct GoodPracticeValidated {
  note @0 :Text;
}

struct GoodPracticeDisseminated {
  how @0 :Text;
}

struct GoodPracticeRejected {
  reason @0 :Text;
}

# Stream issue-ID, e.g. issue-CAM-2009-01.
struct PanLondonIssueRaised {
  issueId @0 :Text;
  meetingId @1 :Text;
  title @2 :Text;
  description @3 :Text;
  leadAgency @4 :Text;
}

struct PanLondonIssueUpdated {
  text @0 :Text;
}

struct PanLondonIssueResolved {
  resolution @0 :Text;
}

# On the meeting's stream.
struct FeedbackGiven {
  fromAgency @0 :Text;
  positive @1 :Text;
  suggestions @2 :Text;
}

struct FollowUpReportPublished {
  asOf @0 :Text;
  summary @1 :Text;
  reportSha256 @2 :Data $Json.hex;  # SHA-256 of the report as published (its JSON), to check the tabled paper by
}

# ---- Access. Stream token-ID. The secret itself is never recorded, only its SHA-256.

struct TokenIssued {
  tokenId @0 :Text;                # public id, to list and revoke it
  tokenHash @1 :Data $Json.hex;    # SHA-256 of the whole secret token
  userId @2 :Text;
  role @3 :Text;                   # officer, partner, auditor or admin
  agency @4 :Text;                 # partners only
}

struct TokenRevoked {
  reason @0 :Text;
}

# ---- Reminders. Who is chased is part of the record (stream contact-ID); what the reminder
# engine sends is recorded before it is delivered (stream outbox-YYYY-MM-DD, the day it is
# sent for), so a restart or a replay never sends it twice. Webhook secrets never enter the log.

enum ContactKind {
  agency @0;     # chased for the actions its agency leads (in its borough, if it names one)
  chair @1;      # escalations of the meetings chaired by the person of this name
  officer @2;    # escalations and follow-up notices of the meetings this user logged
  secretary @3;  # the committee secretary: actions overdue for long
}

# A contact added, or changed: the whole contact as it now stands.
struct ContactSet {
  contactId @0 :Text;
  kind @1 :ContactKind;
  name @2 :Text;
  email @3 :Text;
  agency @4 :Text;      # agency contacts
  borough @5 :Text;     # agency contacts: a borough code, or "" for every borough
  userId @6 :Text;      # officers: the user id they log meetings as
}

struct ContactRemoved {
  reason @0 :Text;
}

# One thing a message is about: a reminder, or a line of a meeting's summary.
struct MessageItem {
  reminderId @0 :Text;  # "CAM-2009-01/overdue/2009-08-30/3"; "" in a summary
  subject @1 :Text;     # an action's reference or a meeting's id
  rule @2 :Text;        # due-soon, due-today, overdue, follow-up; agreed, decision in a summary
  window @3 :Text;      # in words: "overdue by 14 days"
  text @4 :Text;
  due @5 :Text;         # YYYY-MM-DD
  agency @6 :Text;      # the lead agency
  why @7 :Text;         # why this recipient has it: "escalated: reminded 3 times"
}

# The intent to send: recorded (durably) before any delivery is tried.
struct MessageQueued {
  messageId @0 :Text;   # "2026-11-26/tfl-camden": the day and the recipient
  kind @1 :Text;        # "reminders" (a day's digest) or "summary" (a meeting's agreed actions)
  channel @2 :Text;     # "email" or "webhook"
  recipient @3 :Text;   # a contact's id, or a webhook endpoint's name
  address @4 :Text;     # the e-mail address; "" for a webhook
  subject @5 :Text;     # the subject line
  items @6 :List(MessageItem);
}

struct MessageDelivered {
  messageId @0 :Text;
  attempt @1 :UInt32;
}

struct MessageFailed {
  messageId @0 :Text;
  attempt @1 :UInt32;
  error @2 :Text;
  retryAtUs @3 :Int64;  # when it is tried again; 0: given up
}

# A day's reminders decided: every reminder of the day, sent or (with no one to send it to) not.
struct RemindersDayClosed {
  day @0 :Text;
  reminderIds @1 :List(Text);
  unaddressed @2 :List(Text);   # reminders no contact or endpoint takes
  summaries @3 :List(Text);     # meetings whose summary of agreed actions went out
}

# Stream webhook-NAME: the endpoint answered 410 Gone; nothing more is sent to it.
struct WebhookDisabled {
  endpoint @0 :Text;
  reason @1 :Text;
}

# Stream calendar-AGENCY: the agency's calendar feed is at a new secret address; the old one
# stops working. Only the SHA-256 of the secret is recorded.
struct CalendarFeedSet {
  agency @0 :Text;
  feedHash @1 :Data $Json.hex;
}

# ---- Audit. Stream access-YYYY-MM-DD: who read what (partners and auditors reading actions,
# meetings and reports), kept apart from the domain's streams. Recorded in batches, at most
# a second behind the reads, so that a read never waits for a disk sync. A reader's first
# read of a record on a day is one entry; its repeats that day are counted, and the count
# recorded in one more entry when the day is over or the record is asked who saw it.

struct AccessRead {
  atUs @0 :Int64;        # when it was read, microseconds since 1970-01-01T00:00:00Z
  userId @1 :Text;
  role @2 :Text;         # partner or auditor
  agency @3 :Text;       # partners
  what @4 :Text;         # action, meeting or round
  subject @5 :Text;      # the action's reference, the meeting's id, the round's number
  path @6 :Text;         # the address read, e.g. /api/v1/actions/CAM-2009-03
  count @7 :UInt32;      # reads this entry stands for; 0 (entries from before counts) is one
}

struct AccessRecorded {
  reads @0 :List(AccessRead);
  unrecorded @1 :UInt64;  # reads that were not kept: more came in one batch than it holds
}
