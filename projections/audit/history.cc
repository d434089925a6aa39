#include "projections/audit/history.h"

#include <limits>

#include "projections/audit/describe.h"
#include "projections/reference.h"
#include "projections/stream_state.h"

namespace jem::audit {
namespace {

// A record's fields as people read them (names, not numbers), to compare before and after.
Json Fields(const ActionState& a) {
  return {{"status", StatusName(a.status)}, {"blocked", a.blocked}, {"block_reason", a.block_reason},
          {"text", a.text}, {"lead", a.lead_agency}, {"supporting", a.supporting_agencies}, {"due", a.due},
          {"original_due", a.original_due}, {"theme", reference::ThemeName(a.theme)},
          {"priority", reference::PriorityName(a.priority)}, {"meeting", a.meeting_id}};
}

Json Fields(const MeetingState& m) {
  Json attendees = Json::array();
  for (const auto& a : m.attendees) attendees.push_back(a.name + " (" + a.agency + ")");
  return {{"status", StatusName(m.status)}, {"borough", m.borough}, {"round", m.round},
          {"theme", reference::ThemeName(m.theme)}, {"date", m.date}, {"start_time", m.start_time},
          {"end_time", m.end_time}, {"room", m.room}, {"chair", m.chair}, {"held", m.held_date},
          {"attendees", attendees}, {"decisions", m.decisions}, {"cancel_reason", m.cancel_reason},
          {"follow_up_published", m.follow_up_published}};
}

Json Fields(const PracticeState& p) {
  return {{"status", StatusName(p.status)}, {"title", p.title}, {"borough", p.borough},
          {"theme", reference::ThemeName(p.theme)}, {"partners", p.partners}, {"description", p.description},
          {"contact", p.contact}, {"meeting", p.meeting_id}};
}

Json Fields(const IssueState& i) {
  return {{"status", StatusName(i.status)}, {"title", i.title}, {"description", i.description},
          {"lead", i.lead_agency}, {"updates", i.updates}, {"resolution", i.resolution}, {"meeting", i.meeting_id}};
}

// The fields that differ between `before` and `after`. A list that only grew names what was added.
Json Changes(const Json& before, const Json& after) {
  Json out = Json::array();
  for (const auto& [field, now] : after.items()) {
    const Json& was = before.at(field);
    if (was == now) continue;
    if (was.is_array() && now.is_array() && now.size() > was.size() &&
        std::equal(was.begin(), was.end(), now.begin())) {
      out.push_back({{"field", field}, {"added", Json(std::vector<Json>(now.begin() + was.size(), now.end()))}});
    } else {
      out.push_back({{"field", field}, {"from", was}, {"to", now}});
    }
  }
  return out;
}

// Folds the events of a record of type `State`, one entry each.
template <typename State>
Json Entries(const std::vector<RecordedEvent>& events) {
  State state;
  Json entries = Json::array();
  for (const RecordedEvent& e : events) {
    const schema::Body::Reader body = e.envelope().getBody();
    const Json before = Fields(state);
    state.Apply(body, e.occurred_at());
    const Happening h = Describe(body);
    const auto actor = e.envelope().getActor();
    const auto recorded = reference::DayOf(e.recorded_at()), happened = reference::DayOf(e.occurred_at());
    Json entry = {{"position", e.position()},
                  {"version", e.stream_version()},
                  {"type", std::string(e.type())},
                  {"what", h.what},
                  {"detail", h.detail},
                  {"actor", {{"user", FromText(actor.getUserId())}, {"role", FromText(actor.getRole())}}},
                  {"recorded_at", FormatTimestamp(e.recorded_at())},
                  {"occurred_at", FormatTimestamp(e.occurred_at())},
                  {"days_late", std::max<int64_t>(0, (recorded - happened).count())},
                  {"changes", Changes(before, Fields(state))}};
    if (body.isCorrection()) {
      const uint64_t wrong = body.getCorrection().getCorrectedPosition();
      std::string type;
      for (const RecordedEvent& earlier : events) {
        if (earlier.position() == wrong) type = std::string(earlier.type());
      }
      entry["corrects"] = {{"position", wrong}, {"type", type}};
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

// The reminders sent about `subject`, as entries.
Json ReminderEntries(const ReminderBook& book, const std::string& subject) {
  Json out = Json::array();
  auto about = book.about.find(subject);
  if (about == book.about.end()) return out;
  for (const std::string& id : about->second) {
    const MessageRecord& m = book.messages.at(id);
    for (const MessageItemRecord& item : m.items) {
      if (item.subject != subject) continue;
      const std::string at = FormatTimestamp(m.queued_at);
      out.push_back({{"type", "reminderSent"},
                     {"what", item.rule == "agreed" ? "In the summary of agreed actions" : "Reminder: " + item.window},
                     {"detail", item.why},
                     {"actor", {{"user", "reminder engine"}, {"role", "system"}}},
                     {"recorded_at", at},
                     {"occurred_at", at},
                     {"days_late", 0},
                     {"message", m.id},
                     {"to", m.channel == "email" ? m.address : m.recipient},
                     {"delivery", StatusName(m.status)}});
    }
  }
  return out;
}

}  // namespace

Result<RecordKind> ParseRecordKind(std::string_view name) {
  if (name == "action" || name == "actions") return RecordKind::kAction;
  if (name == "meeting" || name == "meetings") return RecordKind::kMeeting;
  if (name == "practice" || name == "good-practice") return RecordKind::kPractice;
  if (name == "issue" || name == "pan-london-issue" || name == "pan-london-issues") return RecordKind::kIssue;
  return Status::InvalidArgument("'" + std::string(name.substr(0, 40)) +
                                 "' is not a kind of record; use action, meeting, practice or issue");
}

std::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kAction: return "action";
    case RecordKind::kMeeting: return "meeting";
    case RecordKind::kPractice: return "practice";
    case RecordKind::kIssue: return "issue";
  }
  return "record";
}

std::string RecordStream(RecordKind kind, std::string_view id) {
  switch (kind) {
    case RecordKind::kAction: return ActionStream(id);
    case RecordKind::kMeeting: return MeetingStream(id);
    case RecordKind::kPractice: return PracticeStream(id);
    case RecordKind::kIssue: return IssueStream(id);
  }
  return "";
}

Result<Json> History(const Log& log, RecordKind kind, const std::string& id, const ReminderBook* reminders) {
  JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(RecordStream(kind, id), 1, std::numeric_limits<size_t>::max()));
  if (events.empty()) {
    return Status::NotFound("there is no " + std::string(RecordKindName(kind)) + " " + id.substr(0, 40));
  }
  Json entries;
  switch (kind) {
    case RecordKind::kAction: entries = Entries<ActionState>(events); break;
    case RecordKind::kMeeting: entries = Entries<MeetingState>(events); break;
    case RecordKind::kPractice: entries = Entries<PracticeState>(events); break;
    case RecordKind::kIssue: entries = Entries<IssueState>(events); break;
  }
  if (reminders != nullptr) {
    // Reminders go among the events by the time they were queued (stable: events first on a tie).
    Json merged = Json::array();
    Json sent = ReminderEntries(*reminders, id);
    size_t next = 0;
    for (auto& entry : entries) {
      while (next < sent.size() && sent[next]["recorded_at"] < entry["recorded_at"]) merged.push_back(std::move(sent[next++]));
      merged.push_back(std::move(entry));
    }
    while (next < sent.size()) merged.push_back(std::move(sent[next++]));
    entries = std::move(merged);
  }
  const size_t count = entries.size();
  return Json{{"kind", RecordKindName(kind)}, {"id", id}, {"entries", std::move(entries)}, {"count", count}};
}

}  // namespace jem::audit
