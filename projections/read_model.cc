#include "projections/read_model.h"

#include <algorithm>
#include <limits>

#include "events/views_cache.h"
#include "projections/snapshot.h"
#include "projections/reference.h"

// Snapshot encoding of timestamps: microseconds since the epoch.
namespace nlohmann {
template <>
struct adl_serializer<jem::Timestamp> {
  static void to_json(json& j, const jem::Timestamp& t) { j = jem::ToMicros(t); }
  static void from_json(const json& j, jem::Timestamp& t) { t = jem::FromMicros(j.get<int64_t>()); }
};
}  // namespace nlohmann

namespace jem {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(AttendeeInfo, name, agency, role)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MeetingState, status, id, borough, date, start_time, end_time, room,
                                   chair, round, theme, held_date, attendees, decisions, cancel_reason,
                                   follow_up_published)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ActionState, status, blocked, reference, meeting_id, text, lead_agency,
                                   original_due, due, block_reason, supporting_agencies, theme, priority,
                                   last_update)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PracticeState, status, id, meeting_id, title, borough, description,
                                   contact, partners, theme)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IssueState, status, id, meeting_id, title, description, lead_agency,
                                   resolution, updates)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ActionHistoryEntry, day, kind, text, from, to, percent, partner_agency, withheld)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ActionRecord, state, history)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FeedbackRecord, day, agency, positive, suggestions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MeetingRecord, state, actions, practices, issues, feedback, logged_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RoundRecord, number, title, start_date, end_date)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ContactRecord, id, kind, name, email, agency, borough, user_id, removed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MessageItemRecord, reminder_id, subject, rule, window, text, due, agency, why)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MessageRecord, id, day, kind, channel, recipient, address, subject, items,
                                   queued_at, status, attempts, last_error, retry_at, delivered_at)

namespace {

// Format of the snapshot; a snapshot in another format is ignored and rebuilt.
constexpr uint32_t kSnapshotFormat = 4;  // 4: meetings say who logged them

// What an action event adds to the action's history ("" for events that add nothing).
void AddHistory(schema::Event::Reader event, Timestamp at, const ActionState& before,
                std::vector<ActionHistoryEntry>* history) {
  const schema::Body::Reader b = event.getBody();
  ActionHistoryEntry h;
  switch (b.which()) {
    case schema::Body::ACTION_STARTED: h.kind = "started"; h.text = FromText(b.getActionStarted().getNote()); break;
    case schema::Body::ACTION_PROGRESS_NOTED:
      h.kind = "progress";
      h.text = FromText(b.getActionProgressNoted().getText());
      h.percent = b.getActionProgressNoted().getPercentComplete();
      break;
    case schema::Body::ACTION_BLOCKED: h.kind = "blocked"; h.text = FromText(b.getActionBlocked().getReason()); break;
    case schema::Body::ACTION_UNBLOCKED: h.kind = "unblocked"; h.text = FromText(b.getActionUnblocked().getNote()); break;
    case schema::Body::ACTION_COMPLETED: h.kind = "completed"; h.text = FromText(b.getActionCompleted().getEvidence()); break;
    case schema::Body::ACTION_DROPPED: h.kind = "dropped"; h.text = FromText(b.getActionDropped().getReason()); break;
    case schema::Body::ACTION_REOPENED: h.kind = "reopened"; h.text = FromText(b.getActionReopened().getReason()); break;
    case schema::Body::ACTION_DUE_DATE_CHANGED: {
      auto e = b.getActionDueDateChanged();
      h.kind = "due date changed";
      h.text = FromText(e.getReason());
      h.from = FromText(e.getOldDate());
      h.to = FromText(e.getNewDate());
      break;
    }
    case schema::Body::ACTION_REASSIGNED: {
      auto e = b.getActionReassigned();
      h.kind = "reassigned";
      h.text = FromText(e.getReason());
      h.from = before.lead_agency;
      h.to = FromText(e.getToAgency());
      break;
    }
    case schema::Body::CORRECTION:
      h.kind = "correction";
      h.text = FromText(b.getCorrection().getReason());
      // What it put right, e.g. "due 2009-11-30; lead TfL".
      for (auto f : b.getCorrection().getFields()) {
        h.to += (h.to.empty() ? "" : "; ") + FromText(f.getField()) + " " + FromText(f.getValue());
      }
      break;
    default:
      return;
  }
  h.day = reference::FormatDate(reference::DayOf(at));
  // Actors of partners are "partner:AGENCY" (see Caller::ToActor).
  constexpr std::string_view kPartner = "partner:";
  const std::string_view role = AsView(event.getActor().getRole());
  if (role.starts_with(kPartner)) h.partner_agency = role.substr(kPartner.size());
  if (history->empty()) history->reserve(8);  // an action's lifecycle is a handful of steps: one allocation
  history->push_back(std::move(h));
}

}  // namespace

void ChangedRecords::Mark(char kind, std::string_view id) {
  if (everything_) return;
  thread_local std::string key;
  key.assign(1, kind).append("/").append(id);
  if (keys_.find(key) == keys_.end()) keys_.insert(key);
}

void ChangedRecords::Saved() {
  everything_ = false;
  keys_.clear();
}

void ReadModel::Apply(const RecordedEvent& event) {
  // The envelope's reader is made once: each call checks the message's pointers again.
  const schema::Event::Reader envelope = event.envelope();
  position = envelope.getPosition();
  const StreamName stream = ParseStream(AsView(envelope.getStreamId()));
  const schema::Body::Reader body = envelope.getBody();
  const Timestamp at = FromMicros(envelope.getOccurredAtUs() != 0 ? envelope.getOccurredAtUs() : envelope.getRecordedAtUs());
  if (stream.kind == StreamKind::kAction) {
    const std::string_view ref = stream.id;
    auto found = actions.find(ref);
    if (found == actions.end()) found = actions.emplace(std::string(ref), ActionRecord()).first;
    ActionRecord& a = found->second;
    AddHistory(envelope, at, a.state, &a.history);
    a.state.Apply(body, at);
    due.Put(a.state);
    changed.Mark('a', ref);
    if (body.isActionAgreed()) {
      meetings[a.state.meeting_id].actions.push_back(a.state.reference);
      changed.Mark('m', a.state.meeting_id);
    }
  } else if (stream.kind == StreamKind::kMeeting) {
    const std::string id(stream.id);
    MeetingRecord& m = meetings[id];
    changed.Mark('m', id);
    m.state.Apply(body, at);
    if (body.isMeetingHeld()) m.logged_by = FromText(envelope.getActor().getUserId());
    if (body.isFeedbackGiven()) {
      auto f = body.getFeedbackGiven();
      m.feedback.push_back({reference::FormatDate(reference::DayOf(at)), FromText(f.getFromAgency()),
                            FromText(f.getPositive()), FromText(f.getSuggestions())});
    }
  } else if (stream.kind == StreamKind::kPractice) {
    const std::string id(stream.id);
    PracticeState& p = practices[id];
    p.Apply(body, at);
    changed.Mark('p', id);
    if (body.isGoodPracticeIdentified()) {
      meetings[p.meeting_id].practices.push_back(p.id);
      changed.Mark('m', p.meeting_id);
    }
  } else if (stream.kind == StreamKind::kIssue) {
    const std::string id(stream.id);
    IssueState& i = issues[id];
    i.Apply(body, at);
    changed.Mark('i', id);
    if (body.isPanLondonIssueRaised()) {
      meetings[i.meeting_id].issues.push_back(i.id);
      changed.Mark('m', i.meeting_id);
    }
  } else if (ReminderBook::Folds(event.stream_id())) {
    reminders.Apply(event);
  } else if (body.isRoundPlanned()) {
    auto r = body.getRoundPlanned();
    rounds[r.getNumber()] = {r.getNumber(), FromText(r.getTitle()), FromText(r.getStartDate()), FromText(r.getEndDate())};
  }
}

const MeetingRecord* ReadModel::MeetingOf(const ActionState& action) const {
  auto it = meetings.find(action.meeting_id);
  return it == meetings.end() ? nullptr : &it->second;
}

nlohmann::json ReadModel::ToJson() const {
  return {{"position", position}, {"meetings", meetings}, {"actions", actions},
          {"practices", practices}, {"issues", issues}, {"rounds", rounds},
          {"contacts", reminders.contacts}, {"messages", reminders.messages}};
}

Status CatchUp(const Log& log, ReadModel* model) {
  return log.Scan(model->position + 1, [&](const RecordedEvent& e) {
    model->Apply(e);
    return true;
  });
}

Result<ReadModel> RebuildModel(const Log& log) {
  ReadModel model;
  JEM_RETURN_IF_ERROR(CatchUp(log, &model));
  return model;
}

Result<ReadModel> ModelAsOf(const Log& log, std::chrono::sys_days day) {
  const Timestamp end = reference::EndOf(day);
  ReadModel model;
  // Recorded-at never decreases along positions, so the first later event ends the fold.
  JEM_RETURN_IF_ERROR(log.Scan(1, [&](const RecordedEvent& e) {
    if (e.recorded_at() >= end) return false;
    model.Apply(e);
    return true;
  }));
  return model;
}

Result<ReadModel> ModelAtPosition(const Log& log, uint64_t position) {
  if (position > log.head().position) {
    return Status::InvalidArgument("position " + std::to_string(position) + " is past the head of the log (" +
                                   std::to_string(log.head().position) + ")");
  }
  ReadModel model;
  JEM_RETURN_IF_ERROR(log.Scan(1, [&](const RecordedEvent& e) {
    if (e.position() > position) return false;
    model.Apply(e);
    return true;
  }));
  return model;
}

Result<ReadModel> MeetingModelAsOf(const Log& log, const std::string& meeting_id, std::chrono::sys_days day) {
  const Timestamp end = reference::EndOf(day);
  std::vector<RecordedEvent> events;
  auto take = [&](const std::string& stream) -> Status {
    JEM_ASSIGN_OR_RETURN(auto read, log.ReadStream(stream, 1, std::numeric_limits<size_t>::max()));
    for (auto& e : read) {
      if (e.recorded_at() < end) events.push_back(std::move(e));
    }
    return Status::Ok();
  };
  JEM_RETURN_IF_ERROR(take(MeetingStream(meeting_id)));
  ReadModel meeting_only;
  for (const auto& e : events) meeting_only.Apply(e);
  const MeetingState& m = meeting_only.meetings[meeting_id].state;
  if (m.status == MeetingState::Status::kHeld) {
    // What a meeting produced is referenced by its borough and the year it was held.
    const std::string suffix = m.borough + "-" + m.held_date.substr(0, 4) + "-";
    for (StreamKind kind : {StreamKind::kAction, StreamKind::kPractice, StreamKind::kIssue}) {
      JEM_ASSIGN_OR_RETURN(auto streams, log.ListStreams(std::string(StreamPrefix(kind)) + suffix));
      for (const auto& stream : streams) JEM_RETURN_IF_ERROR(take(stream));
    }
  }
  std::sort(events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.position() < b.position(); });
  ReadModel model;
  for (const auto& e : events) model.Apply(e);
  // Keep only what was raised at this meeting (same borough and year, other meetings aside).
  std::erase_if(model.actions, [&](const auto& kv) { return kv.second.state.meeting_id != meeting_id; });
  std::erase_if(model.practices, [&](const auto& kv) { return kv.second.meeting_id != meeting_id; });
  std::erase_if(model.issues, [&](const auto& kv) { return kv.second.meeting_id != meeting_id; });
  std::erase_if(model.meetings, [&](const auto& kv) { return kv.first != meeting_id; });
  return model;
}

namespace {

// Reads the snapshot into `model`; on any problem the caller starts from empty instead.
Status ReadSnapshot(const Log& log, ReadModel* model) {
  auto header = ViewsCache(log).Get(kReadModelSnapshot);
  if (!header.ok() || !*header) return Status::NotFound("no snapshot");
  uint32_t format = 0;
  JEM_RETURN_IF_ERROR(snapshot::DecodeHeader(**header, &format, &model->position, &model->rounds));
  if (format != kSnapshotFormat) return Status::Unsupported("the snapshot has another format");
  if (model->position > log.head().position) return Status::Corruption("the snapshot is ahead of the log");
  const std::string prefix = std::string(kReadModelSnapshot) + "/";
  return ViewsCache(log).Scan(prefix, [&](std::string_view name, std::string_view value) -> Status {
    const std::string key(name.substr(prefix.size() + 2));
    switch (name[prefix.size()]) {
      case 'm': return snapshot::Decode(value, &model->meetings[key]);
      case 'a': return snapshot::Decode(value, &model->actions[key]);
      case 'p': return snapshot::Decode(value, &model->practices[key]);
      case 'i': return snapshot::Decode(value, &model->issues[key]);
      default: return Status::Corruption("unknown snapshot entry " + std::string(name));
    }
  });
}

}  // namespace

Status SaveSnapshot(Log& log, ReadModel* model) {
  std::vector<std::pair<std::string, std::string>> entries;
  const std::string prefix = std::string(kReadModelSnapshot) + "/";
  if (model->changed.everything()) {  // never saved nor loaded: every record
    for (const auto& [id, m] : model->meetings) entries.emplace_back(prefix + "m/" + id, snapshot::Encode(m));
    for (const auto& [id, a] : model->actions) entries.emplace_back(prefix + "a/" + id, snapshot::Encode(a));
    for (const auto& [id, p] : model->practices) entries.emplace_back(prefix + "p/" + id, snapshot::Encode(p));
    for (const auto& [id, i] : model->issues) entries.emplace_back(prefix + "i/" + id, snapshot::Encode(i));
  }
  for (const std::string& key : model->changed.keys()) {
    const std::string id = key.substr(2);
    switch (key[0]) {
      case 'm': entries.emplace_back(prefix + key, snapshot::Encode(model->meetings.at(id))); break;
      case 'a': entries.emplace_back(prefix + key, snapshot::Encode(model->actions.at(id))); break;
      case 'p': entries.emplace_back(prefix + key, snapshot::Encode(model->practices.at(id))); break;
      case 'i': entries.emplace_back(prefix + key, snapshot::Encode(model->issues.at(id))); break;
    }
  }
  entries.emplace_back(kReadModelSnapshot,
                       snapshot::EncodeHeader(kSnapshotFormat, model->position, model->rounds));
  JEM_RETURN_IF_ERROR(ViewsCache(log).Put(entries));
  model->changed.Saved();
  return Status::Ok();
}

Result<ReadModel> LoadModel(Log& log) {
  ReadModel model;
  if (ReadSnapshot(log, &model).ok()) {
    // Not in the snapshot: the due dates are the actions', and the reminders' streams are few.
    for (const auto& [ref, record] : model.actions) model.due.Put(record.state);
    JEM_ASSIGN_OR_RETURN(model.reminders, ReminderBook::Load(log, model.position));
    model.changed.Saved();
  } else {
    model = ReadModel();
  }
  const uint64_t from = model.position;
  JEM_RETURN_IF_ERROR(CatchUp(log, &model));
  // Best effort: failing to cache costs only a slower next start.
  if (model.position != from) (void)SaveSnapshot(log, &model);
  return model;
}

}  // namespace jem
