// Random runs of commands through the engine, valid or not, for the projections' properties:
// meetings scheduled and held (a third typed up after they were held), rounds planned after
// their meetings, actions agreed and updated (some logged after the fact, with when they
// happened), good practice and issues.
#pragma once

#include <random>

#include "tests/engine/engine_fixture.h"

namespace jem::testing {

// Issues random commands, valid or not, the way busy officers and partners would.
class RandomJems {
 public:
  explicit RandomJems(uint32_t seed) : rng_(seed) {}

  // One random command; refusals are part of the game (they must append nothing).
  void Step(Engine& engine, FakeClock& clock) {
    using Kind = command::UpdateAction::Kind;
    clock.Advance(std::chrono::hours(1 + rng_() % 30));
    const std::string today = reference::FormatDate(reference::DayOf(clock.Now()));
    CommandContext context;
    context.caller = Officer();
    const int choice = int(rng_() % 100);
    if (choice < 8 || meetings_.empty()) {
      const auto& b = reference::Boroughs()[rng_() % 32];
      // A third of meetings are typed up after they were held, up to 60 days later.
      const std::string date = rng_() % 3 == 0 ? DayAfter(clock, -int(1 + rng_() % 60)) : today;
      command::ScheduleMeeting s{std::string(b.code), 1 + uint32_t(rng_() % 2), "violent-crime", date, "10:00",
                                 "12:00", "MPA room 1", "Kit Malthouse"};
      if (engine.Execute(context, s).ok()) meetings_.push_back(MeetingId(b.code, date));
    } else if (choice < 16) {
      // Held on the day it was scheduled for, or today.
      (void)engine.Execute(context, command::HoldMeeting{Pick(meetings_), rng_() % 2 ? "" : today, "",
                                                         {{"Kit Malthouse", "MPA", "Chair"}, {"BC", "MPS", "BOCU"}}});
    } else if (choice < 35) {
      static const char* kAgencies[] = {"MPS", "Council", "TfL", "BTP", "YJB"};
      command::AgreeAction a{Pick(meetings_), "", "Action " + std::to_string(rng_() % 1000), "",
                             kAgencies[rng_() % 5], {}, DayAfter(clock, int(rng_() % 120)), ""};
      auto r = engine.Execute(context, a);
      if (r.ok()) actions_.push_back(r->subject);
    } else if (choice < 90 && !actions_.empty()) {
      static const Kind kKinds[] = {Kind::kStart, Kind::kNote, Kind::kBlock, Kind::kUnblock, Kind::kComplete,
                                    Kind::kDrop, Kind::kReopen, Kind::kRedate, Kind::kReassign};
      command::UpdateAction u;
      u.kind = kKinds[rng_() % 9];
      u.reference = Pick(actions_);
      u.text = "update " + std::to_string(rng_() % 1000);
      u.new_due_date = DayAfter(clock, int(rng_() % 90));
      u.new_lead_agency = "TfL";
      if (rng_() % 4 == 0) context.caller = Partner("TfL");
      // Some updates are logged after the fact: they happened up to 40 days before.
      if (rng_() % 3 == 0) context.occurred_at = clock.Now() - std::chrono::days(rng_() % 40);
      (void)engine.Execute(context, u);
    } else if (choice < 95) {
      (void)engine.Execute(context, command::IdentifyPractice{Pick(meetings_), "", "Practice", "", "", {}, "text", ""});
    } else if (choice < 99) {
      (void)engine.Execute(context, command::RaiseIssue{Pick(meetings_), "", "Issue", "text", "YJB"});
    } else {
      // Rounds are planned late too: after some of their meetings were held.
      (void)engine.Execute(context, command::PlanRound{1 + uint32_t(rng_() % 2), "Round", {"violent-crime"},
                                                       "2009-01-01", "2011-12-31"});
    }
  }

 private:
  const std::string& Pick(const std::vector<std::string>& v) { return v[rng_() % v.size()]; }
  static std::string DayAfter(FakeClock& clock, int days) {
    return reference::FormatDate(reference::DayOf(clock.Now()) + std::chrono::days(days));
  }

  std::mt19937 rng_;
  std::vector<std::string> meetings_, actions_;
};

}  // namespace jem::testing
