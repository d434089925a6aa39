#include "projections/checkpoint.h"

#include <cstring>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include "projections/checkpoint.capnp.h"

namespace jem::checkpoint {
namespace {

capnp::Text::Reader T(const std::string& s) { return {s.data(), s.size()}; }
std::string S(capnp::Text::Reader t) { return {t.begin(), t.size()}; }

void SetList(capnp::List<capnp::Text>::Builder list, const std::vector<std::string>& v) {
  for (size_t i = 0; i < v.size(); ++i) list.set(unsigned(i), T(v[i]));
}
std::vector<std::string> GetList(capnp::List<capnp::Text>::Reader list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (auto t : list) out.push_back(S(t));
  return out;
}

template <typename Root, typename Fill>
std::string Build(Fill&& fill) {
  // Records are small: a small first segment saves allocating and zeroing 8 KiB each.
  capnp::MallocMessageBuilder message(128);
  fill(message.initRoot<Root>());
  auto words = capnp::messageToFlatArray(message);
  auto bytes = words.asBytes();
  return {reinterpret_cast<const char*>(bytes.begin()), bytes.size()};
}

// Reads a message of `Root` from `bytes` (copied to aligned words) and hands it to `read`.
template <typename Root, typename Read>
Status Parse(std::string_view bytes, Read&& read) {
  if (bytes.size() % sizeof(capnp::word) != 0) return Status::Corruption("a checkpoint entry is cut short");
  auto words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
    capnp::FlatArrayMessageReader reader(words);
    read(reader.getRoot<Root>());
  })) {
    return Status::Corruption("a checkpoint entry cannot be read: " + std::string(e->getDescription().cStr()));
  }
  return Status::Ok();
}

}  // namespace

std::string Encode(const MeetingRecord& r) {
  return Build<Meeting>([&](Meeting::Builder b) {
    const MeetingState& m = r.state;
    b.setStatus(uint8_t(m.status));
    b.setId(T(m.id));
    b.setBorough(T(m.borough));
    b.setDate(T(m.date));
    b.setStartTime(T(m.start_time));
    b.setEndTime(T(m.end_time));
    b.setRoom(T(m.room));
    b.setChair(T(m.chair));
    b.setRound(m.round);
    b.setTheme(uint16_t(m.theme));
    b.setHeldDate(T(m.held_date));
    auto attendees = b.initAttendees(unsigned(m.attendees.size()));
    for (size_t i = 0; i < m.attendees.size(); ++i) {
      attendees[unsigned(i)].setName(T(m.attendees[i].name));
      attendees[unsigned(i)].setAgency(T(m.attendees[i].agency));
      attendees[unsigned(i)].setRole(T(m.attendees[i].role));
    }
    SetList(b.initDecisions(unsigned(m.decisions.size())), m.decisions);
    b.setCancelReason(T(m.cancel_reason));
    b.setFollowUpPublished(m.follow_up_published);
    SetList(b.initActions(unsigned(r.actions.size())), r.actions);
    SetList(b.initPractices(unsigned(r.practices.size())), r.practices);
    SetList(b.initIssues(unsigned(r.issues.size())), r.issues);
    auto feedback = b.initFeedback(unsigned(r.feedback.size()));
    for (size_t i = 0; i < r.feedback.size(); ++i) {
      feedback[unsigned(i)].setDay(T(r.feedback[i].day));
      feedback[unsigned(i)].setAgency(T(r.feedback[i].agency));
      feedback[unsigned(i)].setPositive(T(r.feedback[i].positive));
      feedback[unsigned(i)].setSuggestions(T(r.feedback[i].suggestions));
    }
  });
}

Status Decode(std::string_view bytes, MeetingRecord* r) {
  return Parse<Meeting>(bytes, [&](Meeting::Reader b) {
    MeetingState& m = r->state;
    m.status = MeetingState::Status(b.getStatus());
    m.id = S(b.getId());
    m.borough = S(b.getBorough());
    m.date = S(b.getDate());
    m.start_time = S(b.getStartTime());
    m.end_time = S(b.getEndTime());
    m.room = S(b.getRoom());
    m.chair = S(b.getChair());
    m.round = b.getRound();
    m.theme = schema::Theme(b.getTheme());
    m.held_date = S(b.getHeldDate());
    for (auto a : b.getAttendees()) m.attendees.push_back({S(a.getName()), S(a.getAgency()), S(a.getRole())});
    m.decisions = GetList(b.getDecisions());
    m.cancel_reason = S(b.getCancelReason());
    m.follow_up_published = b.getFollowUpPublished();
    r->actions = GetList(b.getActions());
    r->practices = GetList(b.getPractices());
    r->issues = GetList(b.getIssues());
    for (auto f : b.getFeedback()) {
      r->feedback.push_back({S(f.getDay()), S(f.getAgency()), S(f.getPositive()), S(f.getSuggestions())});
    }
  });
}

std::string Encode(const ActionRecord& r) {
  return Build<Action>([&](Action::Builder b) {
    const ActionState& a = r.state;
    b.setStatus(uint8_t(a.status));
    b.setBlocked(a.blocked);
    b.setReference(T(a.reference));
    b.setMeetingId(T(a.meeting_id));
    b.setText(T(a.text));
    b.setLeadAgency(T(a.lead_agency));
    b.setOriginalDue(T(a.original_due));
    b.setDue(T(a.due));
    b.setBlockReason(T(a.block_reason));
    SetList(b.initSupportingAgencies(unsigned(a.supporting_agencies.size())), a.supporting_agencies);
    b.setTheme(uint16_t(a.theme));
    b.setPriority(uint16_t(a.priority));
    b.setLastUpdateUs(ToMicros(a.last_update));
    auto history = b.initHistory(unsigned(r.history.size()));
    for (size_t i = 0; i < r.history.size(); ++i) {
      const ActionHistoryEntry& h = r.history[i];
      auto e = history[unsigned(i)];
      e.setDay(T(h.day));
      e.setKind(T(h.kind));
      e.setText(T(h.text));
      e.setFrom(T(h.from));
      e.setTo(T(h.to));
      e.setPercent(int16_t(h.percent));
    }
  });
}

Status Decode(std::string_view bytes, ActionRecord* r) {
  return Parse<Action>(bytes, [&](Action::Reader b) {
    ActionState& a = r->state;
    a.status = ActionState::Status(b.getStatus());
    a.blocked = b.getBlocked();
    a.reference = S(b.getReference());
    a.meeting_id = S(b.getMeetingId());
    a.text = S(b.getText());
    a.lead_agency = S(b.getLeadAgency());
    a.original_due = S(b.getOriginalDue());
    a.due = S(b.getDue());
    a.block_reason = S(b.getBlockReason());
    a.supporting_agencies = GetList(b.getSupportingAgencies());
    a.theme = schema::Theme(b.getTheme());
    a.priority = schema::Priority(b.getPriority());
    a.last_update = FromMicros(b.getLastUpdateUs());
    r->history.reserve(b.getHistory().size());
    for (auto h : b.getHistory()) {
      r->history.push_back({S(h.getDay()), S(h.getKind()), S(h.getText()), S(h.getFrom()), S(h.getTo()),
                            h.getPercent()});
    }
  });
}

std::string Encode(const PracticeState& p) {
  return Build<Practice>([&](Practice::Builder b) {
    b.setStatus(uint8_t(p.status));
    b.setId(T(p.id));
    b.setMeetingId(T(p.meeting_id));
    b.setTitle(T(p.title));
    b.setBorough(T(p.borough));
    b.setDescription(T(p.description));
    b.setContact(T(p.contact));
    SetList(b.initPartners(unsigned(p.partners.size())), p.partners);
    b.setTheme(uint16_t(p.theme));
  });
}

Status Decode(std::string_view bytes, PracticeState* p) {
  return Parse<Practice>(bytes, [&](Practice::Reader b) {
    p->status = PracticeState::Status(b.getStatus());
    p->id = S(b.getId());
    p->meeting_id = S(b.getMeetingId());
    p->title = S(b.getTitle());
    p->borough = S(b.getBorough());
    p->description = S(b.getDescription());
    p->contact = S(b.getContact());
    p->partners = GetList(b.getPartners());
    p->theme = schema::Theme(b.getTheme());
  });
}

std::string Encode(const IssueState& i) {
  return Build<Issue>([&](Issue::Builder b) {
    b.setStatus(uint8_t(i.status));
    b.setId(T(i.id));
    b.setMeetingId(T(i.meeting_id));
    b.setTitle(T(i.title));
    b.setDescription(T(i.description));
    b.setLeadAgency(T(i.lead_agency));
    b.setResolution(T(i.resolution));
    SetList(b.initUpdates(unsigned(i.updates.size())), i.updates);
  });
}

Status Decode(std::string_view bytes, IssueState* i) {
  return Parse<Issue>(bytes, [&](Issue::Reader b) {
    i->status = IssueState::Status(b.getStatus());
    i->id = S(b.getId());
    i->meeting_id = S(b.getMeetingId());
    i->title = S(b.getTitle());
    i->description = S(b.getDescription());
    i->lead_agency = S(b.getLeadAgency());
    i->resolution = S(b.getResolution());
    i->updates = GetList(b.getUpdates());
  });
}

std::string EncodeHeader(uint32_t format, uint64_t position, const std::map<uint32_t, RoundRecord>& rounds) {
  return Build<Header>([&](Header::Builder b) {
    b.setFormat(format);
    b.setPosition(position);
    auto list = b.initRounds(unsigned(rounds.size()));
    unsigned i = 0;
    for (const auto& [number, r] : rounds) {
      list[i].setNumber(r.number);
      list[i].setTitle(T(r.title));
      list[i].setStartDate(T(r.start_date));
      list[i].setEndDate(T(r.end_date));
      ++i;
    }
  });
}

Status DecodeHeader(std::string_view bytes, uint32_t* format, uint64_t* position,
                    std::map<uint32_t, RoundRecord>* rounds) {
  return Parse<Header>(bytes, [&](Header::Reader b) {
    *format = b.getFormat();
    *position = b.getPosition();
    for (auto r : b.getRounds()) {
      (*rounds)[r.getNumber()] = {r.getNumber(), S(r.getTitle()), S(r.getStartDate()), S(r.getEndDate())};
    }
  });
}

}  // namespace jem::checkpoint
