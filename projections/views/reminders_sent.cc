// What the reminder engine sent, and to whom it can send: read from the model's book.
#include <algorithm>

#include "projections/reference.h"
#include "projections/views.h"

namespace jem::views {
namespace {

Json MessageJson(const MessageRecord& m) {
  Json items = Json::array();
  for (const auto& i : m.items) {
    items.push_back({{"reminder_id", i.reminder_id}, {"subject", i.subject}, {"rule", i.rule}, {"window", i.window},
                     {"text", i.text}, {"due", i.due}, {"agency", i.agency}, {"why", i.why}});
  }
  return {{"id", m.id},
          {"day", m.day},
          {"kind", m.kind},
          {"channel", m.channel},
          {"recipient", m.recipient},
          {"address", m.address},
          {"subject", m.subject},
          {"status", StatusName(m.status)},
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"queued_at", FormatTimestamp(m.queued_at)},
          {"retry_at", m.status == MessageRecord::Status::kRetrying ? Json(FormatTimestamp(m.retry_at)) : Json()},
          {"delivered_at", m.status == MessageRecord::Status::kDelivered ? Json(FormatTimestamp(m.delivered_at)) : Json()},
          {"items", items}};
}

}  // namespace

Result<Json> RemindersSent(const ReadModel& model, const SentFilter& filter) {
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
  std::stable_sort(picked.begin(), picked.end(), [](const MessageRecord* a, const MessageRecord* b) {
    return a->day != b->day ? a->day > b->day : a->id < b->id;
  });
  Json messages = Json::array();
  for (const MessageRecord* m : picked) messages.push_back(MessageJson(*m));
  Json unaddressed = Json::array();
  for (const std::string& id : book.unaddressed) {
    if (filter.action.empty() || id.starts_with(filter.action + "/")) unaddressed.push_back(id);
  }
  return Json{{"messages", messages}, {"count", picked.size()}, {"last_day", book.last_day},
              {"unaddressed", unaddressed}};
}

Json ContactList(const ReadModel& model) {
  std::vector<const ContactRecord*> contacts;
  for (const auto& [id, c] : model.reminders.contacts) contacts.push_back(&c);
  std::stable_partition(contacts.begin(), contacts.end(), [](const ContactRecord* c) { return !c->removed; });
  Json list = Json::array();
  for (const ContactRecord* c : contacts) {
    list.push_back({{"id", c->id}, {"kind", c->kind}, {"name", c->name}, {"email", c->email}, {"agency", c->agency},
                    {"borough", c->borough}, {"user", c->user_id}, {"removed", c->removed}});
  }
  return Json{{"contacts", list}, {"count", contacts.size()}};
}

}  // namespace jem::views
