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

Result<Json> RemindersSent(const ReadModel& model, const SentFilter& filter, const PageRequest& page) {
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
  Json messages = Json::array();
  for (size_t i = w.begin; i < w.end; ++i) messages.push_back(MessageJson(*picked[i]));
  std::vector<std::string> unaddressed;
  for (const std::string& id : book.unaddressed) {
    if (filter.action.empty() || id.starts_with(filter.action + "/")) unaddressed.push_back(id);
  }
  const size_t unaddressed_count = unaddressed.size();
  if (unaddressed.size() > kUnaddressedShown) unaddressed.erase(unaddressed.begin(), unaddressed.end() - kUnaddressedShown);
  return Json{{"messages", std::move(messages)}, {"count", picked.size()}, {"next", Next(w)}, {"previous", Previous(w)},
              {"last_day", book.last_day}, {"unaddressed", unaddressed}, {"unaddressed_count", unaddressed_count}};
}

Json ContactList(const ReadModel& model, const PageRequest& page) {
  // Those still chased first, then the removed; each by id.
  auto key = [](const ContactRecord* c) { return (c->removed ? "1 " : "0 ") + c->id; };
  std::vector<const ContactRecord*> contacts;
  for (const auto& [id, c] : model.reminders.contacts) contacts.push_back(&c);
  std::sort(contacts.begin(), contacts.end(), [&](const ContactRecord* a, const ContactRecord* b) { return key(a) < key(b); });
  const Window w = WindowOf(contacts, key, page);
  Json list = Json::array();
  for (size_t i = w.begin; i < w.end; ++i) {
    const ContactRecord* c = contacts[i];
    list.push_back({{"id", c->id}, {"kind", c->kind}, {"name", c->name}, {"email", c->email}, {"agency", c->agency},
                    {"borough", c->borough}, {"user", c->user_id}, {"removed", c->removed}});
  }
  return Json{{"contacts", std::move(list)}, {"count", contacts.size()}, {"next", Next(w)}, {"previous", Previous(w)}};
}

}  // namespace jem::views
