#include "projections/reminder_book.h"

#include <algorithm>

namespace jem {
namespace {

constexpr std::string_view kContact = "contact-", kOutbox = "outbox-", kWebhook = "webhook-", kCalendar = "calendar-";

std::string Prefixed(std::string_view prefix, std::string_view id) { return std::string(prefix) + std::string(id); }

const char* ContactKindName(schema::ContactKind kind) {
  switch (kind) {
    case schema::ContactKind::AGENCY: return "agency";
    case schema::ContactKind::CHAIR: return "chair";
    case schema::ContactKind::OFFICER: return "officer";
    case schema::ContactKind::SECRETARY: return "secretary";
  }
  return "agency";
}

void Queue(ReminderBook& book, schema::MessageQueued::Reader q, const RecordedEvent& event) {
  MessageRecord m;
  m.id = FromText(q.getMessageId());
  m.day = std::string(event.stream_id().substr(kOutbox.size()));
  m.kind = FromText(q.getKind());
  m.channel = FromText(q.getChannel());
  m.recipient = FromText(q.getRecipient());
  m.address = FromText(q.getAddress());
  m.subject = FromText(q.getSubject());
  m.queued_at = event.recorded_at();
  for (auto i : q.getItems()) {
    m.items.push_back({FromText(i.getReminderId()), FromText(i.getSubject()), FromText(i.getRule()),
                       FromText(i.getWindow()), FromText(i.getText()), FromText(i.getDue()),
                       FromText(i.getAgency()), FromText(i.getWhy())});
  }
  for (const auto& item : m.items) {
    auto& ids = book.about[item.subject];
    if (ids.empty() || ids.back() != m.id) ids.push_back(m.id);
  }
  book.pending.insert(m.id);
  book.messages[m.id] = std::move(m);
}

}  // namespace

std::string ContactStream(std::string_view contact_id) { return Prefixed(kContact, contact_id); }
std::string OutboxStream(std::string_view day) { return Prefixed(kOutbox, day); }
std::string WebhookStream(std::string_view endpoint) { return Prefixed(kWebhook, endpoint); }
std::string CalendarStream(std::string_view agency) { return Prefixed(kCalendar, agency); }

std::string_view StatusName(MessageRecord::Status s) {
  switch (s) {
    case MessageRecord::Status::kQueued: return "queued";
    case MessageRecord::Status::kDelivered: return "delivered";
    case MessageRecord::Status::kRetrying: return "retrying";
    case MessageRecord::Status::kFailed: return "failed";
  }
  return "queued";
}

bool ReminderBook::Folds(std::string_view stream) {
  return stream.starts_with(kContact) || stream.starts_with(kOutbox) || stream.starts_with(kWebhook) ||
         stream.starts_with(kCalendar);
}

Result<ReminderBook> ReminderBook::Load(const Log& log, uint64_t up_to_position) {
  std::vector<RecordedEvent> events;
  for (std::string_view prefix : {kContact, kOutbox, kWebhook, kCalendar}) {
    JEM_ASSIGN_OR_RETURN(auto streams, log.ListStreams(std::string(prefix)));
    for (const auto& stream : streams) {
      JEM_ASSIGN_OR_RETURN(auto read, log.ReadStream(stream, 1, std::numeric_limits<size_t>::max()));
      for (auto& e : read) {
        if (e.position() <= up_to_position) events.push_back(std::move(e));
      }
    }
  }
  // In log order: a message's deliveries after it, a contact's changes in turn.
  std::sort(events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.position() < b.position(); });
  ReminderBook book;
  for (const auto& e : events) book.Apply(e);
  return book;
}

void ReminderBook::Apply(const RecordedEvent& event) {
  const schema::Body::Reader body = event.envelope().getBody();
  switch (body.which()) {
    case schema::Body::CONTACT_SET: {
      auto c = body.getContactSet();
      contacts[FromText(c.getContactId())] = {FromText(c.getContactId()), ContactKindName(c.getKind()),
                                              FromText(c.getName()),      FromText(c.getEmail()),
                                              FromText(c.getAgency()),    FromText(c.getBorough()),
                                              FromText(c.getUserId()),    false};
      break;
    }
    case schema::Body::CONTACT_REMOVED:
      if (event.stream_id().starts_with(kContact)) {
        contacts[std::string(event.stream_id().substr(kContact.size()))].removed = true;
      }
      break;
    case schema::Body::MESSAGE_QUEUED:
      if (event.stream_id().starts_with(kOutbox)) Queue(*this, body.getMessageQueued(), event);
      break;
    case schema::Body::MESSAGE_DELIVERED: {
      auto d = body.getMessageDelivered();
      auto it = messages.find(FromText(d.getMessageId()));
      if (it == messages.end()) break;
      it->second.status = MessageRecord::Status::kDelivered;
      it->second.attempts = d.getAttempt();
      it->second.delivered_at = event.recorded_at();
      pending.erase(it->first);
      break;
    }
    case schema::Body::MESSAGE_FAILED: {
      auto f = body.getMessageFailed();
      auto it = messages.find(FromText(f.getMessageId()));
      if (it == messages.end()) break;
      MessageRecord& m = it->second;
      m.attempts = f.getAttempt();
      m.last_error = FromText(f.getError());
      m.retry_at = FromMicros(f.getRetryAtUs());
      m.status = f.getRetryAtUs() == 0 ? MessageRecord::Status::kFailed : MessageRecord::Status::kRetrying;
      if (m.status == MessageRecord::Status::kFailed) pending.erase(m.id);
      break;
    }
    case schema::Body::REMINDERS_DAY_CLOSED: {
      auto d = body.getRemindersDayClosed();
      for (auto id : d.getReminderIds()) reminded.insert(FromText(id));
      for (auto id : d.getUnaddressed()) unaddressed.insert(FromText(id));
      for (auto id : d.getSummaries()) summarised.insert(FromText(id));
      last_day = FromText(d.getDay());
      if (first_day.empty()) first_day = last_day;
      break;
    }
    case schema::Body::WEBHOOK_DISABLED:
      disabled_webhooks.insert(FromText(body.getWebhookDisabled().getEndpoint()));
      break;
    case schema::Body::CALENDAR_FEED_SET: {
      auto c = body.getCalendarFeedSet();
      auto hash = c.getFeedHash();
      calendar_feeds[FromText(c.getAgency())] = ToHex({hash.begin(), hash.size()});
      break;
    }
    default:
      break;
  }
}

}  // namespace jem
