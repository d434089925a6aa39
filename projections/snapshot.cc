#include "projections/snapshot.h"

#include <cstring>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include "projections/snapshot.capnp.h"

namespace jem::snapshot {
namespace {

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
  if (bytes.size() % sizeof(capnp::word) != 0) return Status::Corruption("a snapshot entry is cut short");
  auto words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
    capnp::FlatArrayMessageReader reader(words);
    read(reader.getRoot<Root>());
  })) {
    return Status::Corruption("a snapshot entry cannot be read: " + std::string(e->getDescription().cStr()));
  }
  return Status::Ok();
}

}  // namespace

std::string Encode(const MeetingRecord& r) {
  return Build<Meeting>([&](Meeting::Builder b) {
    const MeetingState& m = r.state;
    b.setStatus(uint8_t(m.status));
    b.setId(AsText(m.id));
    b.setBorough(AsText(m.borough));
    b.setDate(AsText(m.date));
    b.setStartTime(AsText(m.start_time));
    b.setEndTime(AsText(m.end_time));
    b.setRoom(AsText(m.room));
    b.setChair(AsText(m.chair));
    b.setRound(m.round);
    b.setTheme(uint16_t(m.theme));
    b.setHeldDate(AsText(m.held_date));
    auto attendees = b.initAttendees(unsigned(m.attendees.size()));
    for (size_t i = 0; i < m.attendees.size(); ++i) {
      attendees[unsigned(i)].setName(AsText(m.attendees[i].name));
      attendees[unsigned(i)].setAgency(AsText(m.attendees[i].agency));
      attendees[unsigned(i)].setRole(AsText(m.attendees[i].role));
    }
    SetTextList(b.initDecisions(unsigned(m.decisions.size())), m.decisions);
    b.setCancelReason(AsText(m.cancel_reason));
    b.setFollowUpPublished(m.follow_up_published);
    SetTextList(b.initActions(unsigned(r.actions.size())), r.actions);
    SetTextList(b.initPractices(unsigned(r.practices.size())), r.practices);
    SetTextList(b.initIssues(unsigned(r.issues.size())), r.issues);
    b.setLoggedBy(AsText(r.logged_by));
    auto feedback = b.initFeedback(unsigned(r.feedback.size()));
    for (size_t i = 0; i < r.feedback.size(); ++i) {
      feedback[unsigned(i)].setDay(AsText(r.feedback[i].day));
      feedback[unsigned(i)].setAgency(AsText(r.feedback[i].agency));
      feedback[unsigned(i)].setPositive(AsText(r.feedback[i].positive));
      feedback[unsigned(i)].setSuggestions(AsText(r.feedback[i].suggestions));
    }
  });
}

Status Decode(std::string_view bytes, MeetingRecord* r) {
  return Parse<Meeting>(bytes, [&](Meeting::Reader b) {
    MeetingState& m = r->state;
    m.status = MeetingState::Status(b.getStatus());
    m.id = FromText(b.getId());
    m.borough = FromText(b.getBorough());
    m.date = FromText(b.getDate());
    m.start_time = FromText(b.getStartTime());
    m.end_time = FromText(b.getEndTime());
    m.room = FromText(b.getRoom());
    m.chair = FromText(b.getChair());
    m.round = b.getRound();
    m.theme = schema::Theme(b.getTheme());
    m.held_date = FromText(b.getHeldDate());
    for (auto a : b.getAttendees()) m.attendees.push_back({FromText(a.getName()), FromText(a.getAgency()), FromText(a.getRole())});
    m.decisions = FromTextList(b.getDecisions());
    m.cancel_reason = FromText(b.getCancelReason());
    m.follow_up_published = b.getFollowUpPublished();
    r->actions = FromTextList(b.getActions());
    r->practices = FromTextList(b.getPractices());
    r->issues = FromTextList(b.getIssues());
    r->logged_by = FromText(b.getLoggedBy());
    for (auto f : b.getFeedback()) {
      r->feedback.push_back({FromText(f.getDay()), FromText(f.getAgency()), FromText(f.getPositive()), FromText(f.getSuggestions())});
    }
  });
}

std::string Encode(const ActionRecord& r) {
  return Build<Action>([&](Action::Builder b) {
    const ActionState& a = r.state;
    b.setStatus(uint8_t(a.status));
    b.setBlocked(a.blocked);
    b.setReference(AsText(a.reference));
    b.setMeetingId(AsText(a.meeting_id));
    b.setText(AsText(a.text));
    b.setLeadAgency(AsText(a.lead_agency));
    b.setOriginalDue(AsText(a.original_due));
    b.setDue(AsText(a.due));
    b.setBlockReason(AsText(a.block_reason));
    SetTextList(b.initSupportingAgencies(unsigned(a.supporting_agencies.size())), a.supporting_agencies);
    b.setTheme(uint16_t(a.theme));
    b.setPriority(uint16_t(a.priority));
    b.setLastUpdateUs(ToMicros(a.last_update));
    auto history = b.initHistory(unsigned(r.history.size()));
    for (size_t i = 0; i < r.history.size(); ++i) {
      const ActionHistoryEntry& h = r.history[i];
      auto e = history[unsigned(i)];
      e.setDay(AsText(h.day));
      e.setKind(AsText(h.kind));
      e.setText(AsText(h.text));
      e.setFrom(AsText(h.from));
      e.setTo(AsText(h.to));
      e.setPercent(int16_t(h.percent));
      e.setPartnerAgency(AsText(h.partner_agency));
    }
  });
}

Status Decode(std::string_view bytes, ActionRecord* r) {
  return Parse<Action>(bytes, [&](Action::Reader b) {
    ActionState& a = r->state;
    a.status = ActionState::Status(b.getStatus());
    a.blocked = b.getBlocked();
    a.reference = FromText(b.getReference());
    a.meeting_id = FromText(b.getMeetingId());
    a.text = FromText(b.getText());
    a.lead_agency = FromText(b.getLeadAgency());
    a.original_due = FromText(b.getOriginalDue());
    a.due = FromText(b.getDue());
    a.block_reason = FromText(b.getBlockReason());
    a.supporting_agencies = FromTextList(b.getSupportingAgencies());
    a.theme = schema::Theme(b.getTheme());
    a.priority = schema::Priority(b.getPriority());
    a.last_update = FromMicros(b.getLastUpdateUs());
    r->history.reserve(b.getHistory().size());
    for (auto h : b.getHistory()) {
      ActionHistoryEntry& entry = r->history.emplace_back();
      entry.day = FromText(h.getDay());
      entry.kind = FromText(h.getKind());
      entry.text = FromText(h.getText());
      entry.from = FromText(h.getFrom());
      entry.to = FromText(h.getTo());
      entry.percent = h.getPercent();
      entry.partner_agency = FromText(h.getPartnerAgency());
    }
  });
}

std::string Encode(const PracticeState& p) {
  return Build<Practice>([&](Practice::Builder b) {
    b.setStatus(uint8_t(p.status));
    b.setId(AsText(p.id));
    b.setMeetingId(AsText(p.meeting_id));
    b.setTitle(AsText(p.title));
    b.setBorough(AsText(p.borough));
    b.setDescription(AsText(p.description));
    b.setContact(AsText(p.contact));
    SetTextList(b.initPartners(unsigned(p.partners.size())), p.partners);
    b.setTheme(uint16_t(p.theme));
  });
}

Status Decode(std::string_view bytes, PracticeState* p) {
  return Parse<Practice>(bytes, [&](Practice::Reader b) {
    p->status = PracticeState::Status(b.getStatus());
    p->id = FromText(b.getId());
    p->meeting_id = FromText(b.getMeetingId());
    p->title = FromText(b.getTitle());
    p->borough = FromText(b.getBorough());
    p->description = FromText(b.getDescription());
    p->contact = FromText(b.getContact());
    p->partners = FromTextList(b.getPartners());
    p->theme = schema::Theme(b.getTheme());
  });
}

std::string Encode(const IssueState& i) {
  return Build<Issue>([&](Issue::Builder b) {
    b.setStatus(uint8_t(i.status));
    b.setId(AsText(i.id));
    b.setMeetingId(AsText(i.meeting_id));
    b.setTitle(AsText(i.title));
    b.setDescription(AsText(i.description));
    b.setLeadAgency(AsText(i.lead_agency));
    b.setResolution(AsText(i.resolution));
    SetTextList(b.initUpdates(unsigned(i.updates.size())), i.updates);
  });
}

Status Decode(std::string_view bytes, IssueState* i) {
  return Parse<Issue>(bytes, [&](Issue::Reader b) {
    i->status = IssueState::Status(b.getStatus());
    i->id = FromText(b.getId());
    i->meeting_id = FromText(b.getMeetingId());
    i->title = FromText(b.getTitle());
    i->description = FromText(b.getDescription());
    i->lead_agency = FromText(b.getLeadAgency());
    i->resolution = FromText(b.getResolution());
    i->updates = FromTextList(b.getUpdates());
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
      list[i].setTitle(AsText(r.title));
      list[i].setStartDate(AsText(r.start_date));
      list[i].setEndDate(AsText(r.end_date));
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
      (*rounds)[r.getNumber()] = {r.getNumber(), FromText(r.getTitle()), FromText(r.getStartDate()), FromText(r.getEndDate())};
    }
  });
}

}  // namespace jem::snapshot
