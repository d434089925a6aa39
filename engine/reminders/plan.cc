#include "engine/reminders/plan.h"

#include <algorithm>
#include <map>

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
class Mailbag {
 public:
  Mailbag(std::string prefix, std::string kind) : prefix_(std::move(prefix)), kind_(std::move(kind)) {}

  void ToContact(const ContactRecord& c, MessageItemRecord item) { Add(c.id, c.email, std::move(item)); }
  void ToEndpoint(const Endpoint& e, MessageItemRecord item) { Add(e.name, "", std::move(item)); }

  // Each message with its subject line, in recipient order.
  void MoveInto(std::vector<PlannedMessage>& out, std::string (*subject)(const PlannedMessage&)) {
    for (auto& [key, m] : by_recipient_) {
      m.subject = subject(m);
      out.push_back(std::move(m));
    }
  }

 private:
  // A contact's message goes by e-mail to its address; an endpoint's (no address) by webhook.
  void Add(const std::string& recipient, const std::string& address, MessageItemRecord item) {
    // Endpoints and contacts are named apart, so a contact and an endpoint may share a name.
    const std::string id = prefix_ + (address.empty() ? "webhook-" : "") + recipient;
    auto [it, fresh] = by_recipient_.try_emplace(id);
    PlannedMessage& m = it->second;
    if (fresh) m = {id, kind_, address.empty() ? "webhook" : "email", recipient, address, "", {}};
    m.items.push_back(std::move(item));
  }
  std::string prefix_, kind_;
  std::map<std::string, PlannedMessage> by_recipient_;
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
// and to the officers when the agency has no contact. False when no one takes it.
bool Route(const ReadModel& model, std::span<const Endpoint> endpoints, const Reminder& r, Mailbag& bag) {
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
    for (const Endpoint& e : endpoints) {
      if (model.reminders.disabled_webhooks.contains(e.name) || !Takes(e, r.agency)) continue;
      item.why = r.agency + " leads this action";
      bag.ToEndpoint(e, item);
      taken = true;
    }
    const std::string chased = "escalated to you: " + r.agency + "'s action is still open, " + r.window;
    for (const std::string& to : r.escalated_to) send(Contacts(model, to, meeting), chased);
    const bool officers_have_it = std::find(r.escalated_to.begin(), r.escalated_to.end(), "officer") != r.escalated_to.end();
    if (leads.empty() && !officers_have_it) {
      send(Contacts(model, "officer", meeting), "no contact of " + r.agency + " is in the directory: add one");
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
    if (!Route(model, endpoints, r, digests)) plan.unaddressed.push_back(r.id);
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
  out.push_back(EventBody::Make([&](schema::Body::Builder b) {
    auto d = b.initRemindersDayClosed();
    d.setDay(AsText(reference::FormatDate(plan.day)));
    SetTextList(d.initReminderIds(unsigned(plan.reminder_ids.size())), plan.reminder_ids);
    SetTextList(d.initUnaddressed(unsigned(plan.unaddressed.size())), plan.unaddressed);
    SetTextList(d.initSummaries(unsigned(plan.summaries.size())), plan.summaries);
  }));
  return out;
}

}  // namespace jem::reminders
