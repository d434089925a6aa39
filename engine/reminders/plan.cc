#include "engine/reminders/plan.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "engine/reminders/schedule.h"
#include "projections/reference.h"

namespace jem::reminders {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) ==
                                                std::tolower(static_cast<unsigned char>(y)); });
}

// The messages of a plan, by recipient, each filled as items are routed to it.
// A message's items stay well under the log's limit on one event (1 MiB by default): a
// recipient with more than this to hear in a day gets its digest in parts.
constexpr size_t kMessageBytes = 256 << 10;
// An item quotes at most this much of an action's text; the message links to the rest.
constexpr size_t kQuotedBytes = 400;

// `text` cut to at most `bytes` bytes at a character boundary, "..." saying so.
std::string Abridged(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 character
  return text.substr(0, end) + "...";
}

size_t BytesOf(const MessageItemRecord& i) {
  return 64 + i.reminder_id.size() + i.subject.size() + i.rule.size() + i.window.size() + i.text.size() +
         i.due.size() + i.agency.size() + i.why.size();
}

class Mailbag {
 public:
  Mailbag(std::string prefix, std::string kind) : prefix_(std::move(prefix)), kind_(std::move(kind)) {}

  void ToContact(const ContactRecord& c, MessageItemRecord item) { Add(c.id, c.email, std::move(item)); }
  void ToEndpoint(const Endpoint& e, MessageItemRecord item) { Add(e.name, "", std::move(item)); }

  // Each message with its subject line, in recipient order, then part by part.
  void MoveInto(std::vector<PlannedMessage>& out, std::string (*subject)(const PlannedMessage&)) {
    for (auto& [id, parts] : by_recipient_) {
      for (size_t k = 0; k < parts.size(); ++k) {
        parts[k].message.subject =
            subject(parts[k].message) + (parts.size() > 1 ? fmt::format(", part {} of {}", k + 1, parts.size()) : "");
        out.push_back(std::move(parts[k].message));
      }
    }
  }

 private:
  struct Part {
    PlannedMessage message;
    size_t bytes = 0;
  };
  // A contact's message goes by e-mail to its address; an endpoint's (no address) by webhook.
  void Add(const std::string& recipient, const std::string& address, MessageItemRecord item) {
    item.text = Abridged(item.text, kQuotedBytes);
    // Endpoints and contacts are named apart, so a contact and an endpoint may share a name.
    const std::string id = prefix_ + (address.empty() ? "webhook-" : "") + recipient;
    std::vector<Part>& parts = by_recipient_[id];
    if (parts.empty() || parts.back().bytes + BytesOf(item) > kMessageBytes) {
      // The first part has the plain id: most days have one part.
      const std::string part_id = parts.empty() ? id : id + "/" + std::to_string(parts.size() + 1);
      parts.push_back({{part_id, kind_, address.empty() ? "webhook" : "email", recipient, address, "", {}}, 0});
    }
    parts.back().bytes += BytesOf(item);
    parts.back().message.items.push_back(std::move(item));
  }
  std::string prefix_, kind_;
  std::map<std::string, std::vector<Part>> by_recipient_;
};

// Who a meeting's escalations and notices reach beyond the agency: its chair, the officer
// who logged it (every officer contact if none is that user), the secretary.
std::vector<const ContactRecord*> Contacts(const ReadModel& model, std::string_view kind,
                                           const MeetingRecord* meeting) {
  std::vector<const ContactRecord*> out;
  for (const auto& [id, c] : model.reminders.contacts) {
    if (c.removed || c.kind != kind) continue;
    if (kind == "chair" && !(meeting && SameName(c.name, meeting->state.chair))) continue;
    if (kind == "officer" && meeting && !meeting->logged_by.empty() && c.user_id != meeting->logged_by) continue;
    out.push_back(&c);
  }
  if (out.empty() && kind == "officer" && meeting && !meeting->logged_by.empty()) {
    return Contacts(model, kind, nullptr);
  }
  return out;
}

// The agency contacts of `agency` for borough `borough` (those of every borough too).
std::vector<const ContactRecord*> AgencyContacts(const ReadModel& model, const std::string& agency,
                                                 std::string_view borough) {
  std::vector<const ContactRecord*> out;
  for (const auto& [id, c] : model.reminders.contacts) {
    if (!c.removed && c.kind == "agency" && c.agency == agency && (c.borough.empty() || c.borough == borough)) {
      out.push_back(&c);
    }
  }
  return out;
}

bool Takes(const Endpoint& e, const std::string& agency) {
  return e.agencies.empty() || std::find(e.agencies.begin(), e.agencies.end(), agency) != e.agencies.end();
}

std::string Plural(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string DigestSubject(const PlannedMessage& m) {
  return "JEM actions: " + Plural(m.items.size(), "reminder", "reminders") + " (" + m.items.front().window +
         (m.items.size() > 1 ? ", ..." : "") + ")";
}

std::string SummarySubject(const PlannedMessage& m) {
  return "JEM " + m.items.front().subject + ": summary of agreed actions";
}

// Routes one reminder: to the lead agency's contacts and endpoints, to whom it escalates,
// and to the officers when the agency, or someone it escalates to, has no contact. False when
// no one takes it; `unreached` gets who should have had it but has no contact ("YJB", "chair").
bool Route(const ReadModel& model, std::span<const Endpoint> endpoints, const Reminder& r, Mailbag& bag,
           std::vector<std::string>* unreached) {
  const MeetingRecord* meeting = nullptr;
  std::string borough;
  if (r.rule == "follow-up") {
    auto it = model.meetings.find(r.subject);
    if (it != model.meetings.end()) meeting = &it->second;
  } else {
    const ActionState& a = model.actions.at(r.subject).state;
    meeting = model.MeetingOf(a);
    borough = a.reference.substr(0, 3);
  }
  MessageItemRecord item{r.id, r.subject, r.rule, r.window, r.text, reference::FormatDate(r.due), r.agency, ""};
  bool taken = false;
  auto send = [&](const std::vector<const ContactRecord*>& to, const std::string& why) {
    for (const ContactRecord* c : to) {
      item.why = why;
      bag.ToContact(*c, item);
      taken = true;
    }
  };
  if (r.rule == "follow-up") {
    send(Contacts(model, "officer", meeting), "the six-month follow-up report is due");
  } else {
    const auto leads = AgencyContacts(model, r.agency, borough);
    send(leads, r.agency + " leads this action");
    bool lead_reached = !leads.empty();
    for (const Endpoint& e : endpoints) {
      if (model.reminders.disabled_webhooks.contains(e.name) || !Takes(e, r.agency)) continue;
      item.why = r.agency + " leads this action";
      bag.ToEndpoint(e, item);
      taken = lead_reached = true;
    }
    const std::string chased = "escalated to you: " + r.agency + "'s action is still open, " + r.window;
    for (const std::string& to : r.escalated_to) {
      const auto people = Contacts(model, to, meeting);
      send(people, chased);
      if (people.empty() && to != "officer") {
        unreached->push_back(to);
        send(Contacts(model, "officer", meeting), "escalated to the " + to + ", but no " + to +
                                                      " contact is in the directory: add one");
      }
    }
    if (!lead_reached) {
      unreached->push_back(r.agency);
      const bool officers_have_it =
          std::find(r.escalated_to.begin(), r.escalated_to.end(), "officer") != r.escalated_to.end();
      if (!officers_have_it) {
        send(Contacts(model, "officer", meeting), "no contact of " + r.agency + " is in the directory: add one");
      }
    }
  }
  return taken;
}

// A held meeting's summary: its decisions and agreed actions, to the contacts of its
// attendees' agencies (in its borough or every borough), its chair, its officer, and the
// endpoints that take any of its actions' agencies.
void Summarise(const ReadModel& model, std::span<const Endpoint> endpoints, const std::string& id,
               const MeetingRecord& m, Mailbag& bag) {
  std::vector<MessageItemRecord> items;
  for (const std::string& d : m.state.decisions) items.push_back({"", id, "decision", "", d, "", "", ""});
  std::set<std::string> agencies;
  for (const std::string& ref : m.actions) {
    const ActionState& a = model.actions.at(ref).state;
    items.push_back({"", ref, "agreed", "due " + a.due, a.text, a.due, a.lead_agency, ""});
    agencies.insert(a.lead_agency);
  }
  for (const auto& attendee : m.state.attendees) agencies.insert(attendee.agency);
  std::map<std::string, const ContactRecord*> to;
  for (const std::string& agency : agencies) {
    for (const ContactRecord* c : AgencyContacts(model, agency, m.state.borough)) to[c->id] = c;
  }
  for (const char* kind : {"chair", "officer"}) {
    for (const ContactRecord* c : Contacts(model, kind, &m)) to[c->id] = c;
  }
  const std::string why = "the summary of agreed actions of meeting " + id;
  for (const auto& [cid, c] : to) {
    for (MessageItemRecord item : items) {
      item.why = why;
      bag.ToContact(*c, item);
    }
  }
  for (const Endpoint& e : endpoints) {
    if (model.reminders.disabled_webhooks.contains(e.name)) continue;
    if (!std::any_of(agencies.begin(), agencies.end(), [&](const std::string& a) { return Takes(e, a); })) continue;
    for (MessageItemRecord item : items) {
      item.why = why;
      bag.ToEndpoint(e, item);
    }
  }
}

}  // namespace

DayPlan PlanDay(const ReadModel& model, const Policy& policy, const SendCalendar& calendar, Day day,
                std::span<const Endpoint> endpoints, Day summaries_from) {
  DayPlan plan;
  plan.day = day;
  const std::string date = reference::FormatDate(day);
  Mailbag digests(date + "/", "reminders");
  for (const Reminder& r : RemindersOn(model, policy, calendar, day)) {
    if (model.reminders.reminded.contains(r.id)) continue;
    plan.reminder_ids.push_back(r.id);
    std::vector<std::string> unreached;
    if (!Route(model, endpoints, r, digests, &unreached)) {
      plan.unaddressed.push_back(r.id);
    } else {
      // Taken by someone, but not by all it is for: recorded, so /metrics and the sent list say so.
      for (const std::string& who : unreached) plan.unaddressed.push_back(r.id + " (no contact of " + who + ")");
    }
  }
  digests.MoveInto(plan.messages, DigestSubject);
  if (!calendar.IsWorkingDay(day)) return plan;
  const std::string from = reference::FormatDate(summaries_from);
  for (const auto& [id, m] : model.meetings) {
    if (m.state.status != MeetingState::Status::kHeld || m.state.held_date < from || m.state.held_date > date ||
        model.reminders.summarised.contains(id)) {
      continue;
    }
    Mailbag summary("summary/" + id + "/", "summary");
    Summarise(model, endpoints, id, m, summary);
    summary.MoveInto(plan.messages, SummarySubject);
    plan.summaries.push_back(id);
  }
  return plan;
}

std::vector<EventBody> RecordOf(const DayPlan& plan) {
  std::vector<EventBody> out;
  for (const PlannedMessage& m : plan.messages) {
    out.push_back(EventBody::Make([&](schema::Body::Builder b) {
      auto q = b.initMessageQueued();
      q.setMessageId(AsText(m.id));
      q.setKind(AsText(m.kind));
      q.setChannel(AsText(m.channel));
      q.setRecipient(AsText(m.recipient));
      q.setAddress(AsText(m.address));
      q.setSubject(AsText(m.subject));
      auto items = q.initItems(unsigned(m.items.size()));
      for (size_t i = 0; i < m.items.size(); ++i) {
        const MessageItemRecord& from = m.items[i];
        auto to = items[unsigned(i)];
        to.setReminderId(AsText(from.reminder_id));
        to.setSubject(AsText(from.subject));
        to.setRule(AsText(from.rule));
        to.setWindow(AsText(from.window));
        to.setText(AsText(from.text));
        to.setDue(AsText(from.due));
        to.setAgency(AsText(from.agency));
        to.setWhy(AsText(from.why));
      }
    }));
  }
  // The day's lists in slices that each stay well under the limit on one event; the last
  // event closes the day (all are appended at once, so no reader sees a part).
  constexpr size_t kIdsPerEvent = 2000;
  auto slice = [](const std::vector<std::string>& ids, size_t k) {
    const size_t from = std::min(ids.size(), k * kIdsPerEvent);
    return std::vector<std::string>(ids.begin() + from, ids.begin() + std::min(ids.size(), from + kIdsPerEvent));
  };
  const size_t longest = std::max({plan.reminder_ids.size(), plan.unaddressed.size(), plan.summaries.size()});
  for (size_t k = 0; k == 0 || k * kIdsPerEvent < longest; ++k) {
    out.push_back(EventBody::Make([&](schema::Body::Builder b) {
      auto d = b.initRemindersDayClosed();
      d.setDay(AsText(reference::FormatDate(plan.day)));
      const auto ids = slice(plan.reminder_ids, k), unaddressed = slice(plan.unaddressed, k),
                 summaries = slice(plan.summaries, k);
      SetTextList(d.initReminderIds(unsigned(ids.size())), ids);
      SetTextList(d.initUnaddressed(unsigned(unaddressed.size())), unaddressed);
      SetTextList(d.initSummaries(unsigned(summaries.size())), summaries);
    }));
  }
  return out;
}

}  // namespace jem::reminders
