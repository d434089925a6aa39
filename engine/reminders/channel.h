// Where a queued message goes: an e-mail outbox directory or a webhook. A channel delivers
// the same message the same way every time it is asked (the same file name, the same
// webhook-id), so that a delivery repeated after a crash is one its receiver can recognise.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "events/clock.h"
#include "events/log.h"
#include "projections/reminder_book.h"

namespace jem::reminders {

struct Attempt {
  enum class Outcome {
    kDelivered,
    kRetry,    // a failure that may pass: tried again later
    kGiveUp,   // one that will not: a malformed address, an endpoint that is gone
  };
  Outcome outcome = Outcome::kDelivered;
  std::string error;  // what went wrong, for the log and the people reading it
  bool gone = false;  // the webhook endpoint answered 410 Gone: disable it
};

class Channel {
 public:
  virtual ~Channel() = default;
  // One attempt to deliver `message`. Must be safe to repeat.
  virtual Attempt Deliver(const MessageRecord& message) = 0;
};

// A name for the log the messages come from, in every message's id (e-mail Message-ID,
// webhook-id), so that ids are unique beyond one server: the first 16 hex digits of the hash
// of the log's first event. The same for a copy of the log (a backup restored, a standby), so
// a message a copy sends again keeps its id; different for any other log. Errors: an empty
// log (kFailedPrecondition), the log's read errors.
Result<std::string> LogIdentity(const Log& log);

// When attempt `attempt` (1, 2, ...) failed at `failed_at`, the next try; nullopt after the
// last one. The schedule Standard Webhooks recommends: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
std::optional<Timestamp> RetryAfter(uint32_t attempt, Timestamp failed_at);

}  // namespace jem::reminders
