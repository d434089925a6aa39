#include "projections/audit/occurred.h"

#include <algorithm>
#include <limits>
#include <map>

namespace jem::audit {
namespace {

constexpr size_t kWholeStream = std::numeric_limits<size_t>::max();

// Each event's time made no later than any after it in the list: what a plan or a schedule
// is for happens after it.
void NoLaterThanWhatFollows(std::vector<Timestamp>* times) {
  for (size_t i = times->size(); i-- > 1;) (*times)[i - 1] = std::min((*times)[i - 1], (*times)[i]);
}

// The meeting a record raised at a meeting was raised at, if `body` begins such a record.
std::optional<std::string_view> RaisedAt(schema::Body::Reader body) {
  switch (body.which()) {
    case schema::Body::ACTION_AGREED: return AsView(body.getActionAgreed().getMeetingId());
    case schema::Body::GOOD_PRACTICE_IDENTIFIED: return AsView(body.getGoodPracticeIdentified().getMeetingId());
    case schema::Body::PAN_LONDON_ISSUE_RAISED: return AsView(body.getPanLondonIssueRaised().getMeetingId());
    default: return std::nullopt;
  }
}

// Whether the record `stream` is about has begun in `model`.
bool Begun(std::string_view stream, const ReadModel& model) {
  const auto [kind, id] = ParseStream(stream);
  switch (kind) {
    case StreamKind::kAction: {
      auto it = model.actions.find(id);
      return it != model.actions.end() && it->second.state.status != ActionState::Status::kNone;
    }
    case StreamKind::kMeeting: {
      auto it = model.meetings.find(std::string(id));
      return it != model.meetings.end() && it->second.state.status != MeetingState::Status::kNone;
    }
    case StreamKind::kPractice: {
      auto it = model.practices.find(std::string(id));
      return it != model.practices.end() && it->second.status != PracticeState::Status::kNone;
    }
    case StreamKind::kIssue: {
      auto it = model.issues.find(std::string(id));
      return it != model.issues.end() && it->second.status != IssueState::Status::kNone;
    }
    default:
      return true;  // rounds, tokens, contacts, the reminder engine's and access records stand alone
  }
}

}  // namespace

Result<const Occurrences::Meeting*> Occurrences::LearnMeeting(const Log& log, std::string_view meeting_id) {
  JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(MeetingStream(meeting_id), 1, kWholeStream));
  Meeting m;
  for (const RecordedEvent& e : events) {
    const schema::Body::Reader body = e.envelope().getBody();
    if (body.isMeetingScheduled()) m.round = body.getMeetingScheduled().getRound();
    m.until_held.push_back(e.occurred_at());
    if (body.isMeetingHeld()) {
      m.held = e.occurred_at();
      break;
    }
  }
  NoLaterThanWhatFollows(&m.until_held);
  return &meetings_.insert_or_assign(std::string(meeting_id), std::move(m)).first->second;
}

Result<Occurrences> Occurrences::LearnFor(const Log& log, std::string_view meeting_id) {
  Occurrences o;
  JEM_RETURN_IF_ERROR(o.LearnMeeting(log, meeting_id).status());
  return o;
}

Result<Occurrences> Occurrences::Learn(const Log& log) {
  Occurrences o;
  std::map<uint32_t, Timestamp> first_scheduled;  // by round: its earliest meeting's scheduling
  JEM_ASSIGN_OR_RETURN(auto meeting_streams, log.ListStreams(StreamPrefix(StreamKind::kMeeting)));
  for (const std::string& stream : meeting_streams) {
    JEM_ASSIGN_OR_RETURN(const Meeting* m, o.LearnMeeting(log, ParseStream(stream).id));
    if (m->round && !m->until_held.empty()) {
      auto [it, added] = first_scheduled.emplace(*m->round, m->until_held.front());
      if (!added) it->second = std::min(it->second, m->until_held.front());
    }
  }
  JEM_ASSIGN_OR_RETURN(auto round_streams, log.ListStreams(StreamPrefix(StreamKind::kRound)));
  for (const std::string& stream : round_streams) {
    JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(stream, 1, kWholeStream));
    if (events.empty() || !events.front().envelope().getBody().isRoundPlanned()) continue;
    const uint32_t number = events.front().envelope().getBody().getRoundPlanned().getNumber();
    std::vector<Timestamp> times;
    for (const RecordedEvent& e : events) times.push_back(e.occurred_at());
    if (auto first = first_scheduled.find(number); first != first_scheduled.end()) {
      times.back() = std::min(times.back(), first->second);
    }
    NoLaterThanWhatFollows(&times);
    o.rounds_.emplace(stream, std::move(times));
  }
  return o;
}

Timestamp Occurrences::Of(const RecordedEvent& event) const {
  const Timestamp own = event.occurred_at();
  const std::string_view stream = event.stream_id();
  const StreamKind kind = ParseStream(stream).kind;
  const size_t index = event.stream_version() - 1;
  const schema::Body::Reader body = event.envelope().getBody();
  if (kind == StreamKind::kMeeting) {
    auto m = meetings_.find(ParseStream(stream).id);
    if (m == meetings_.end()) return own;
    if (index < m->second.until_held.size()) return m->second.until_held[index];
    if (!m->second.held) return own;
    return body.isDecisionRecorded() ? *m->second.held : std::max(own, *m->second.held);
  }
  if (kind == StreamKind::kRound) {
    auto r = rounds_.find(stream);
    return r != rounds_.end() && index < r->second.size() ? r->second[index] : own;
  }
  if (auto meeting = RaisedAt(body)) {
    auto m = meetings_.find(*meeting);
    if (m != meetings_.end() && m->second.held) return std::max(own, *m->second.held);
  }
  return own;
}

bool Occurrences::Counts(const RecordedEvent& event, Timestamp end, const ReadModel& model) const {
  if (Of(event) >= end) return false;
  return event.stream_version() == 1 || Begun(event.stream_id(), model);
}

bool Occurrences::CountsInStream(const RecordedEvent& event, Timestamp end, bool* begun) const {
  const bool counts = Of(event) < end && (event.stream_version() == 1 || *begun);
  if (event.stream_version() == 1) *begun = counts;
  return counts;
}

Result<ReadModel> ModelHappenedBy(const Log& log, Timestamp end) {
  JEM_ASSIGN_OR_RETURN(auto occurrences, Occurrences::Learn(log));
  ReadModel model;
  JEM_RETURN_IF_ERROR(log.Scan(1, [&](const RecordedEvent& e) {
    if (occurrences.Counts(e, end, model)) model.Apply(e);
    return true;
  }));
  return model;
}

}  // namespace jem::audit
