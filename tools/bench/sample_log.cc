#include "tools/bench/sample_log.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "projections/reference.h"
#include "projections/stream_state.h"
#include "tools/bench/bench.h"

namespace jem::bench {
namespace {

constexpr int kActionsPerMeeting = 10;
constexpr int kUpdatesPerAction = 5;
static_assert(kEventsPerMeeting == 2 + kActionsPerMeeting * (1 + kUpdatesPerAction));

NewEvent Event(EventBody body, Timestamp occurred) {
  return NewEvent{NewEventId(), Actor{"bench", "officer"}, {}, {}, std::move(body), occurred};
}

// One held meeting with its actions and their lifecycles, as one atomic append.
std::vector<StreamAppend> Meeting(uint64_t k) {
  const auto& borough = reference::Boroughs()[k % 32];
  const auto day = std::chrono::sys_days(std::chrono::year(2009) / 1 / 1) + std::chrono::days(k / 32);
  const std::string date = reference::FormatDate(day);
  const std::string id = MeetingId(borough.code, date);
  const std::string code(borough.code);
  std::vector<StreamAppend> parts;
  StreamAppend meeting{MeetingStream(id), ExpectedVersion::NoStream(), {}};
  meeting.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingScheduled();
    e.setMeetingId(AsText(id));
    e.setBorough(AsText(code));
    e.setRound(1 + uint32_t(k % 2));
    e.setTheme(schema::Theme::VIOLENT_CRIME);
    e.setDate(AsText(date));
    e.setStartTime("10:00");
    e.setEndTime("12:00");
    e.setRoom("MPA room 1");
    e.setChair("Kit Malthouse");
  }), Timestamp(day)));
  meeting.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initMeetingHeld();
    e.setDate(AsText(date));
    e.setChair("Kit Malthouse");
    auto a = e.initAttendees(2);
    a[0].setName("Kit Malthouse");
    a[0].setAgency("MPA");
    a[1].setName("Borough Commander");
    a[1].setAgency("MPS");
  }), Timestamp(day)));
  parts.push_back(std::move(meeting));
  static const char* kLeads[] = {"MPS", "Council", "TfL", "YJB", "Health"};
  for (int n = 1; n <= kActionsPerMeeting; ++n) {
    const std::string ref = fmt::format("{}-{}-{:05}", code, date.substr(0, 4), (k / 32) * 100 + uint64_t(n));
    StreamAppend action{ActionStream(ref), ExpectedVersion::NoStream(), {}};
    const std::string due = reference::FormatDate(day + std::chrono::days(60 + n));
    action.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
      auto e = b.initActionAgreed();
      e.setReference(AsText(ref));
      e.setMeetingId(AsText(id));
      e.setText("Review night-time economy policing around late licensed premises with partners");
      e.setTheme(schema::Theme::VIOLENT_CRIME);
      e.setLeadAgency(kLeads[n % 5]);
      e.initSupportingAgencies(1).set(0, "Council");
      e.setDueDate(AsText(due));
    }), Timestamp(day)));
    for (int u = 1; u <= kUpdatesPerAction; ++u) {
      const Timestamp on = Timestamp(day + std::chrono::days(10 * u));
      action.events.push_back(Event(EventBody::Make([&](schema::Body::Builder b) {
        if (u == 1) {
          b.initActionStarted();
        } else if (u == 3 && n % 3 == 0) {
          auto e = b.initActionDueDateChanged();
          e.setOldDate(AsText(due));
          e.setNewDate(AsText(reference::FormatDate(day + std::chrono::days(120))));
          e.setReason("Waiting for partner data");
        } else if (u == kUpdatesPerAction && n % 2 == 0) {
          b.initActionCompleted().setEvidence("Delivered and reported to the partnership board");
        } else {
          auto e = b.initActionProgressNoted();
          e.setText("Partners met; data shared; next steps agreed");
          e.setPercentComplete(int8_t(20 * u));
        }
      }), on));
    }
    parts.push_back(std::move(action));
  }
  return parts;
}


}  // namespace

Status FillMeetings(Log& log, uint64_t events, FakeClock* clock, double* seconds) {
  const uint64_t meetings = std::max<uint64_t>(1, events / kEventsPerMeeting);
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex clock_mu;
  *seconds = TimeSeconds([&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (uint64_t k; (k = next++) < meetings && !failed;) {
          if (clock != nullptr) {
            // Recorded a month after the meeting; the log keeps recorded-at from going back.
            const auto day = std::chrono::sys_days(std::chrono::year(2009) / 1 / 1) + std::chrono::days(k / 32 + 30);
            std::lock_guard lock(clock_mu);
            if (clock->Now() < Timestamp(day)) clock->Set(Timestamp(day));
          }
          if (!log.AppendAtomically(Meeting(k)).ok()) failed = true;
        }
      });
    }
    for (auto& th : threads) th.join();
  });
  return failed ? Status::IOError("an append of a generated meeting failed") : Status::Ok();
}

}  // namespace jem::bench
