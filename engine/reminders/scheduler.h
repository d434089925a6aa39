// The reminder engine as it runs inside `jem serve`: on Boost.Asio timers armed through the
// injected clock, it closes each working day at the policy's sending time — plans the day
// (plan.h) and records every message as queued, with the day closed, in one atomic append —
// and then delivers what is queued or due for a retry, recording each attempt. What it has
// done is read back from the log (the model's ReminderBook, once the views have caught up
// with the log), so:
//   - a restart closes the working days it missed, in order, and delivers what was queued;
//   - a day is closed once (its outbox stream must not exist yet), so nothing is planned
//     twice; a crash between queuing and recording a delivery delivers again with the same
//     file name or webhook-id, which the receiver recognises;
//   - rebuilding views or replaying the log sends nothing: only the scheduler delivers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/reminders/channel.h"
#include "engine/reminders/plan.h"
#include "engine/reminders/policy.h"
#include "events/log.h"
#include "projections/live_model.h"

namespace jem::reminders {

struct SchedulerOptions {
  Policy policy;
  std::vector<Endpoint> endpoints;  // the webhook endpoints the plan routes to
  Channel* email = nullptr;         // delivers messages to contacts; not owned
  Channel* webhooks = nullptr;      // delivers messages to endpoints; not owned, may be null without endpoints
};

class Scheduler {
 public:
  // Fails when the policy's time zone is unknown. Nothing is owned; all must outlive it, and
  // `io` runs its work (one thread).
  static Result<std::unique_ptr<Scheduler>> Create(Log& log, const Clock& clock, const LiveModel& views,
                                                    SchedulerOptions options, boost::asio::io_context& io);
  // Disarms its alarm. Destroy it only once `io` no longer runs.
  ~Scheduler();

  // Posts the first tick to `io`: catching up, then waking at each sending time and retry.
  void Start();

  // Closes the working days due by now and delivers what is due: one tick, as an alarm runs it.
  // Returns the first error met (the tick is tried again a minute later).
  Status Tick();

 private:
  Scheduler(Log& log, const Clock& clock, const LiveModel& views, SchedulerOptions options, SendCalendar calendar,
            boost::asio::io_context& io);
  Status CloseDays(Timestamp now);
  Status DeliverDue(Timestamp now);
  Status Deliver(const MessageRecord& message, Timestamp now);
  // Waits until the views hold every event in the log: each decision reads the book there.
  Status CaughtUp() const;
  // Appends `bodies` to `stream` as the reminder engine, with ids named by `key` (so that a
  // repeated append is a no-op).
  Status Record(const std::string& stream, ExpectedVersion expected, const std::string& key,
                std::vector<EventBody> bodies);
  void Arm(Timestamp now);

  Log& log_;
  const Clock& clock_;
  const LiveModel& views_;
  SchedulerOptions options_;
  SendCalendar calendar_;
  boost::asio::io_context& io_;
  std::unique_ptr<Alarm> alarm_;
};

}  // namespace jem::reminders
