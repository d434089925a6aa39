// What the reminder engine sent, and to whom it can send: read from the model's book.
#include <algorithm>

#include "projections/reference.h"
#include "projections/views.h"

namespace jem::views {
namespace {

SentMessage MessageOf(const MessageRecord& m) {
  SentMessage out{.id = m.id,
                  .day = m.day,
                  .kind = m.kind,
                  .channel = m.channel,
                  .recipient = m.recipient,
                  .address = m.address,
                  .subject = m.subject,
                  .status = std::string(StatusName(m.status)),
                  .attempts = int64_t(m.attempts),
                  .last_error = m.last_error,
                  .queued_at = FormatTimestamp(m.queued_at)};
  if (m.status == MessageRecord::Status::kRetrying) out.retry_at = FormatTimestamp(m.retry_at);
  if (m.status == MessageRecord::Status::kDelivered) out.delivered_at = FormatTimestamp(m.delivered_at);
  for (const auto& i : m.items) {
    out.items.push_back({i.reminder_id, i.subject, i.rule, i.window, i.text, i.due, i.agency, i.why});
  }
  return out;
}

}  // namespace

Result<SentMessages> RemindersSent(const ReadModel& model, const SentFilter& filter, const PageRequest& page) {
  const ReminderBook& book = model.reminders;
  std::string agency;
  if (!filter.agency.empty()) {
    auto found = reference::FindAgency(filter.agency);
    if (!found.ok()) return found.status().OnField("agency");
    agency = *found;
  }
  if (!filter.day.empty()) {
    if (Status day = reference::ParseDate(filter.day, "date").status(); !day.ok()) return day.OnField("date");
  }
  std::vector<const MessageRecord*> picked;
  auto consider = [&](const MessageRecord& m) {
    if (!filter.day.empty() && m.day != filter.day) return;
    if (!agency.empty() &&
        std::none_of(m.items.begin(), m.items.end(), [&](const MessageItemRecord& i) { return i.agency == agency; })) {
      return;
    }
    picked.push_back(&m);
  };
  if (!filter.action.empty()) {
    auto it = book.about.find(filter.action);
    if (it != book.about.end()) {
      for (const std::string& id : it->second) consider(book.messages.at(id));
    }
  } else {
    for (const auto& [id, m] : book.messages) consider(m);
  }
  // A message's id starts with its day ("2026-11-26/tfl-camden"): newest day first.
  std::sort(picked.begin(), picked.end(), [](const MessageRecord* a, const MessageRecord* b) { return a->id > b->id; });
  const Window w = WindowOf(picked, [](const MessageRecord* m) { return m->id; }, page, /*descending=*/true);
  SentMessages sent{CursorsOf(w), {}, picked.size(), book.last_day, {}, 0};
  for (size_t i = w.begin; i < w.end; ++i) sent.messages.push_back(MessageOf(*picked[i]));
  for (const std::string& id : book.unaddressed) {
    if (filter.action.empty() || id.starts_with(filter.action + "/")) sent.unaddressed.push_back(id);
  }
  sent.unaddressed_count = sent.unaddressed.size();
  if (sent.unaddressed.size() > kUnaddressedShown) {
    sent.unaddressed.erase(sent.unaddressed.begin(), sent.unaddressed.end() - kUnaddressedShown);
  }
  return sent;
}

ContactList ContactsOf(const ReadModel& model, const PageRequest& page) {
  // Those still chased first, then the removed; each by id.
  auto key = [](const ContactRecord* c) { return (c->removed ? "1 " : "0 ") + c->id; };
  std::vector<const ContactRecord*> contacts;
  for (const auto& [id, c] : model.reminders.contacts) contacts.push_back(&c);
  std::sort(contacts.begin(), contacts.end(), [&](const ContactRecord* a, const ContactRecord* b) { return key(a) < key(b); });
  const Window w = WindowOf(contacts, key, page);
  ContactList list{CursorsOf(w), {}, contacts.size()};
  for (size_t i = w.begin; i < w.end; ++i) {
    const ContactRecord* c = contacts[i];
    list.contacts.push_back({c->id, c->kind, c->name, c->email, c->agency, c->borough, c->user_id, c->removed});
  }
  return list;
}

}  // namespace jem::views
