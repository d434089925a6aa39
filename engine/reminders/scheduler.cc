#include "engine/reminders/scheduler.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/nil_generator.hpp>
#include <spdlog/spdlog.h>

#include "projections/reference.h"

namespace jem::reminders {
namespace {

const Actor kEngine{"jem-reminders", "system"};
constexpr auto kRetryTick = std::chrono::minutes(1);  // after a failed tick
constexpr auto kViewsTimeout = std::chrono::seconds(30);
constexpr int kLookAhead = 400;  // days searched for the next sending time (covers any holiday list)

// Event ids named by what they record: recording the same thing again appends nothing.
EventId NamedId(const std::string& key) {
  static const EventId kNamespace = boost::uuids::name_generator_sha1(boost::uuids::nil_uuid())("jem reminders");
  return boost::uuids::name_generator_sha1(kNamespace)(key);
}

Day ParseDay(const std::string& day) { return *reference::ParseDate(day, "day"); }

}  // namespace

Result<std::unique_ptr<Scheduler>> Scheduler::Create(Log& log, const Clock& clock, const LiveModel& views,
                                                      SchedulerOptions options, boost::asio::io_context& io) {
  JEM_ASSIGN_OR_RETURN(auto calendar, SendCalendar::Of(options.policy));
  return std::unique_ptr<Scheduler>(new Scheduler(log, clock, views, std::move(options), std::move(calendar), io));
}

Scheduler::Scheduler(Log& log, const Clock& clock, const LiveModel& views, SchedulerOptions options,
                     SendCalendar calendar, boost::asio::io_context& io)
    : log_(log), clock_(clock), views_(views), options_(std::move(options)), calendar_(std::move(calendar)), io_(io) {}

Scheduler::~Scheduler() = default;

void Scheduler::Start() {
  boost::asio::post(io_, [this] { (void)Tick(); });
}

Status Scheduler::Tick() {
  const Timestamp now = clock_.Now();
  Status closed = CloseDays(now);
  Status delivered = DeliverDue(now);
  Status first = closed.ok() ? delivered : closed;
  if (!first.ok()) {
    spdlog::error("reminders: {}; trying again in a minute", first.ToString());
    alarm_ = clock_.WakeAt(io_, now + kRetryTick, [this] { (void)Tick(); });
  } else {
    Arm(now);
  }
  return first;
}

Status Scheduler::CaughtUp() const {
  if (views_.WaitFor(log_.head().position, kViewsTimeout)) return Status::Ok();
  return Status::Busy("the views did not catch up with the log");
}

Status Scheduler::CloseDays(Timestamp now) {
  // Decide on everything recorded by now: an action completed a moment ago is not chased.
  JEM_RETURN_IF_ERROR(CaughtUp());
  const Day today = calendar_.LocalDay(now);
  auto [first_day, last_day] = views_.Read([](const ReadModel& m) {
    return std::pair(m.reminders.first_day, m.reminders.last_day);
  });
  // The first start begins today: a new server does not chase the whole history at once.
  const Day summaries_from = first_day.empty() ? today : ParseDay(first_day);
  const Day from = last_day.empty() ? today : ParseDay(last_day) + std::chrono::days(1);
  for (Day day = from; day <= today; day += std::chrono::days(1)) {
    if (!calendar_.IsWorkingDay(day)) continue;
    if (calendar_.SendTime(day) > now) break;
    JEM_RETURN_IF_ERROR(CaughtUp());  // the day before is in the book: nothing is planned twice
    DayPlan plan = views_.Read([&](const ReadModel& m) {
      return PlanDay(m, options_.policy, calendar_, day, options_.endpoints, summaries_from);
    });
    const std::string date = reference::FormatDate(day);
    spdlog::info("reminders: {}: {} reminders, {} messages, {} with no one to send them to", date,
                 plan.reminder_ids.size(), plan.messages.size(), plan.unaddressed.size());
    Status recorded = Record(OutboxStream(date), ExpectedVersion::NoStream(), "outbox/" + date, RecordOf(plan));
    // Closed already (by a server that ran before, its views not yet caught up): nothing to add.
    if (!recorded.ok() && recorded.code() != Status::Code::kConflict) return recorded;
  }
  return Status::Ok();
}

Status Scheduler::DeliverDue(Timestamp now) {
  JEM_RETURN_IF_ERROR(CaughtUp());
  auto due = views_.Read([&](const ReadModel& m) {
    std::vector<MessageRecord> out;
    for (const std::string& id : m.reminders.pending) {
      const MessageRecord& message = m.reminders.messages.at(id);
      if (message.status == MessageRecord::Status::kQueued || message.retry_at <= now) out.push_back(message);
    }
    return out;
  });
  for (const MessageRecord& message : due) JEM_RETURN_IF_ERROR(Deliver(message, now));
  return Status::Ok();
}

Status Scheduler::Deliver(const MessageRecord& m, Timestamp now) {
  Channel* channel = m.channel == "email" ? options_.email : options_.webhooks;
  const Attempt attempt = channel ? channel->Deliver(m)
                                  : Attempt{Attempt::Outcome::kRetry, "the " + m.channel + " channel is not set up"};
  const uint32_t n = m.attempts + 1;
  std::vector<EventBody> bodies;
  if (attempt.outcome == Attempt::Outcome::kDelivered) {
    bodies.push_back(EventBody::Make([&](schema::Body::Builder b) {
      auto d = b.initMessageDelivered();
      d.setMessageId(AsText(m.id));
      d.setAttempt(n);
    }));
  } else {
    const auto retry = attempt.outcome == Attempt::Outcome::kRetry ? RetryAfter(n, now) : std::nullopt;
    spdlog::warn("reminders: message {} (attempt {}): {}{}", m.id, n, attempt.error,
                 retry ? ", trying again at " + FormatTimestamp(*retry) : ", given up");
    bodies.push_back(EventBody::Make([&](schema::Body::Builder b) {
      auto f = b.initMessageFailed();
      f.setMessageId(AsText(m.id));
      f.setAttempt(n);
      f.setError(AsText(attempt.error));
      f.setRetryAtUs(retry ? ToMicros(*retry) : 0);
    }));
  }
  JEM_RETURN_IF_ERROR(Record(OutboxStream(m.day), ExpectedVersion::Any(), m.id + "/" + std::to_string(n), std::move(bodies)));
  if (!attempt.gone) return Status::Ok();
  auto disabled = EventBody::Make([&](schema::Body::Builder b) {
    auto w = b.initWebhookDisabled();
    w.setEndpoint(AsText(m.recipient));
    w.setReason(AsText(attempt.error));
  });
  std::vector<EventBody> one;
  one.push_back(std::move(disabled));
  return Record(WebhookStream(m.recipient), ExpectedVersion::Any(), "webhook/" + m.recipient + "/" + m.id, std::move(one));
}

Status Scheduler::Record(const std::string& stream, ExpectedVersion expected, const std::string& key,
                         std::vector<EventBody> bodies) {
  std::vector<NewEvent> events;
  for (size_t i = 0; i < bodies.size(); ++i) {
    events.push_back(NewEvent{NamedId(key + "#" + std::to_string(i)), kEngine, {}, {}, std::move(bodies[i])});
  }
  return log_.Append(stream, expected, std::move(events)).status();
}

void Scheduler::Arm(Timestamp now) {
  std::optional<Timestamp> next;
  if (!CaughtUp().ok()) {  // the retries just recorded are not in view yet: look again soon
    alarm_ = clock_.WakeAt(io_, now + kRetryTick, [this] { (void)Tick(); });
    return;
  }
  const Day today = calendar_.LocalDay(now);
  for (Day day = today; day < today + std::chrono::days(kLookAhead); day += std::chrono::days(1)) {
    if (calendar_.IsWorkingDay(day) && calendar_.SendTime(day) > now) {
      next = calendar_.SendTime(day);
      break;
    }
  }
  views_.Read([&](const ReadModel& m) {
    for (const std::string& id : m.reminders.pending) {
      const MessageRecord& message = m.reminders.messages.at(id);
      if (message.status != MessageRecord::Status::kRetrying) continue;
      if (!next || message.retry_at < *next) next = message.retry_at;
    }
    return 0;
  });
  if (next) alarm_ = clock_.WakeAt(io_, *next, [this] { (void)Tick(); });
}

}  // namespace jem::reminders
