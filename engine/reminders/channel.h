// Where a queued message goes: an e-mail outbox directory or a webhook. A channel delivers
// the same message the same way every time it is asked (the same file name, the same
// webhook-id), so that a delivery repeated after a crash is one its receiver can recognise.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "events/clock.h"
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

// When attempt `attempt` (1, 2, ...) failed at `failed_at`, the next try; nullopt after the
// last one. The schedule Standard Webhooks recommends: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
std::optional<Timestamp> RetryAfter(uint32_t attempt, Timestamp failed_at);

}  // namespace jem::reminders
