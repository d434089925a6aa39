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
std::vector<FieldChange> Changes(const Json& before, const Json& after) {
  std::vector<FieldChange> out;
  for (const auto& [field, now] : after.items()) {
    const Json& was = before.at(field);
    if (was == now) continue;
    FieldChange& change = out.emplace_back(FieldChange{field});
    if (was.is_array() && now.is_array() && now.size() > was.size() &&
        std::equal(was.begin(), was.end(), now.begin())) {
      change.added = std::vector<Json>(now.begin() + was.size(), now.end());
    } else {
      change.from = was;
      change.to = now;
    }
  }
  return out;
}

// What a record was created with: each field given a value, as set (no "from": a default
// the record never had is not a change).
std::vector<FieldChange> SetFields(const Json& after) {
  std::vector<FieldChange> out;
  for (const auto& [field, value] : after.items()) {
    const bool empty = value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
                       (value.is_array() && value.empty()) || value == false || value == 0;
    if (!empty) out.push_back(FieldChange{field, {}, value});
  }
  return out;
}

// One event's entry: what it did and what it changed, `before` being the record's fields
// before it and `state` the record after it.
template <typename State>
Result<HistoryEntry> Entry(const Log& log, const RecordedEvent& e, const Json& before, const State& state) {
  const schema::Body::Reader body = e.envelope().getBody();
  const Happening h = Describe(body);
  const auto actor = e.envelope().getActor();
  const auto recorded = reference::DayOf(e.recorded_at()), happened = reference::DayOf(e.occurred_at());
  HistoryEntry entry{e.position(),
                     e.stream_version(),
                     std::string(e.type()),
                     h.what,
                     h.detail,
                     {FromText(actor.getUserId()), FromText(actor.getRole())},
                     FormatTimestamp(e.recorded_at()),
                     FormatTimestamp(e.occurred_at()),
                     std::max<int64_t>(0, (recorded - happened).count()),
                     e.stream_version() == 1 ? SetFields(Fields(state)) : Changes(before, Fields(state))};
  if (body.isCorrection()) {
    const uint64_t wrong = body.getCorrection().getCorrectedPosition();
    JEM_ASSIGN_OR_RETURN(auto corrected, log.ReadAll(wrong, 1));
    const std::string type = corrected.empty() || corrected.front().position() != wrong ? "" : std::string(corrected.front().type());
    entry.corrects = Corrected{wrong, type};
  }
  return entry;
}

// The reminders sent about `subject`, as entries.
std::vector<HistoryEntry> ReminderEntries(const ReminderBook& book, const std::string& subject) {
  std::vector<HistoryEntry> out;
  auto about = book.about.find(subject);
  if (about == book.about.end()) return out;
  for (const std::string& id : about->second) {
    const MessageRecord& m = book.messages.at(id);
    for (const MessageItemRecord& item : m.items) {
      if (item.subject != subject) continue;
      const std::string at = FormatTimestamp(m.queued_at);
      HistoryEntry& entry = out.emplace_back();
      entry.type = "reminderSent";
      entry.what = item.rule == "agreed" ? "In the summary of agreed actions" : "Reminder: " + item.window;
      entry.detail = item.why;
      entry.actor = {"reminder engine", "system"};
      entry.recorded_at = entry.occurred_at = at;
      entry.message = m.id;
      entry.to = m.channel == "email" ? m.address : m.recipient;
      entry.delivery = std::string(StatusName(m.status));
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

namespace {

// The history of a record whose state is a `State`: its stream's events read a batch at a
// time, folded as they pass, with the reminders about it merged in by time.
template <typename State>
class Reader : public HistoryReader {
 public:
  Reader(const Log& log, std::string stream, uint64_t events, std::vector<HistoryEntry> reminders)
      : log_(log), stream_(std::move(stream)), events_(events), reminders_(std::move(reminders)) {}

  size_t count() const override { return events_ + reminders_.size(); }
  size_t position() const override { return position_; }

  Status SkipTo(size_t number) override {
    while (position_ < number) {
      JEM_ASSIGN_OR_RETURN(auto passed, Step(false));
      if (!passed) break;
    }
    return Status::Ok();
  }

  Result<std::optional<HistoryEntry>> Next() override { return Step(true); }

 private:
  static constexpr size_t kBatch = 16;  // events read at a time: an event may be tens of kilobytes

  // The next entry: made when `show`, else only folded past (an empty one).
  Result<std::optional<HistoryEntry>> Step(bool show) {
    if (batch_at_ == batch_.size() && read_ < events_) {
      JEM_ASSIGN_OR_RETURN(batch_, log_.ReadStream(stream_, read_ + 1, std::min<uint64_t>(kBatch, events_ - read_)));
      if (batch_.empty()) return Status::Corruption(stream_ + " ends before version " + std::to_string(read_ + 1));
      batch_at_ = 0;
      read_ += batch_.size();
    }
    const RecordedEvent* e = batch_at_ < batch_.size() ? &batch_[batch_at_] : nullptr;
    // Reminders go among the events by the time they were queued (events first on a tie).
    if (reminder_ < reminders_.size() &&
        (e == nullptr || reminders_[reminder_].recorded_at < FormatTimestamp(e->recorded_at()))) {
      ++position_;
      return std::optional<HistoryEntry>(show ? reminders_[reminder_++] : (++reminder_, HistoryEntry()));
    }
    if (e == nullptr) return std::optional<HistoryEntry>();
    ++batch_at_;
    ++position_;
    if (!show) {
      state_.Apply(e->envelope().getBody(), e->occurred_at());
      return std::optional<HistoryEntry>(HistoryEntry());
    }
    const Json before = Fields(state_);
    state_.Apply(e->envelope().getBody(), e->occurred_at());
    JEM_ASSIGN_OR_RETURN(auto entry, Entry(log_, *e, before, state_));
    return std::optional<HistoryEntry>(std::move(entry));
  }

  const Log& log_;
  const std::string stream_;
  const uint64_t events_;  // the stream's length when opened: entries stay numbered as counted
  std::vector<HistoryEntry> reminders_;
  State state_;
  std::vector<RecordedEvent> batch_;
  size_t batch_at_ = 0, reminder_ = 0, position_ = 0;
  uint64_t read_ = 0;  // versions read into batches so far
};

}  // namespace

views::Cursors CountedCursors(size_t after, size_t last, size_t count, size_t limit) {
  views::Cursors cursors;
  if (last < count) cursors.next = std::to_string(last);
  if (after > 0) cursors.previous = std::to_string(after > limit ? after - limit : 0);
  return cursors;
}

Result<std::unique_ptr<HistoryReader>> HistoryReader::Open(const Log& log, RecordKind kind, const std::string& id,
                                                           const ReminderBook* reminders) {
  const std::string stream = RecordStream(kind, id);
  JEM_ASSIGN_OR_RETURN(auto events, log.StreamVersion(stream));
  if (events == 0) return Status::NotFound("there is no " + std::string(RecordKindName(kind)) + " " + id.substr(0, 40));
  std::vector<HistoryEntry> sent;
  if (reminders != nullptr) sent = ReminderEntries(*reminders, id);
  switch (kind) {
    case RecordKind::kAction: return std::unique_ptr<HistoryReader>(new Reader<ActionState>(log, stream, events, std::move(sent)));
    case RecordKind::kMeeting: return std::unique_ptr<HistoryReader>(new Reader<MeetingState>(log, stream, events, std::move(sent)));
    case RecordKind::kPractice: return std::unique_ptr<HistoryReader>(new Reader<PracticeState>(log, stream, events, std::move(sent)));
    case RecordKind::kIssue: return std::unique_ptr<HistoryReader>(new Reader<IssueState>(log, stream, events, std::move(sent)));
  }
  return Status::InvalidArgument("no such kind of record");
}

Result<History> HistoryOf(const Log& log, RecordKind kind, const std::string& id, const ReminderBook* reminders,
                          size_t after, size_t limit) {
  JEM_ASSIGN_OR_RETURN(auto reader, HistoryReader::Open(log, kind, id, reminders));
  JEM_RETURN_IF_ERROR(reader->SkipTo(after));
  History page;
  page.kind = std::string(RecordKindName(kind));
  page.id = id;
  page.count = reader->count();
  while (page.entries.size() < limit) {
    JEM_ASSIGN_OR_RETURN(auto entry, reader->Next());
    if (!entry) break;
    page.entries.push_back(std::move(*entry));
  }
  static_cast<views::Cursors&>(page) = CountedCursors(after, reader->position(), reader->count(), limit);
  return page;
}

}  // namespace jem::audit
