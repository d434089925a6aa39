// A log, a fake clock and an engine, with a held Camden JEM ready to take actions.
#pragma once

#include <cstring>

#include "engine/engine.h"
#include "projections/reference.h"
#include "projections/stream_state.h"
#include "tests/test_util.h"

namespace jem::testing {

// A day written YYYY-MM-DD (a test's own literal: it must parse).
inline std::chrono::sys_days D(const char* day) { return *reference::ParseDate(day, "day"); }

inline Caller Officer() { return *ParseCaller("jsmith:officer"); }
inline Caller Partner(const std::string& agency) { return *ParseCaller("asmith:partner:" + agency); }
inline Caller Auditor() { return *ParseCaller("kaudit:auditor"); }

class EngineTest : public ::testing::Test {
 protected:
  // Today is 10 January 2010, after round 1's meetings of 2009.
  FakeClock clock_{std::chrono::sys_days(std::chrono::year(2010) / 1 / 10) + std::chrono::hours(9)};
  TempDir dir_;
  std::unique_ptr<Log> log_ = OpenOrDie(dir_.path(), &clock_);
  Engine engine_{*log_, clock_};

  Result<Outcome> Run(const AnyCommand& command, Caller caller = Officer()) {
    CommandContext context;
    context.caller = std::move(caller);
    auto outcome = engine_.Execute(context, command);
    Ran();
    return outcome;
  }
  // Called after each Run: a fixture with readers of the log beside the engine waits for them.
  virtual void Ran() {}

  static command::ScheduleMeeting CamdenSlot() {
    return command::ScheduleMeeting{"Camden", 1, "serious-youth-violence", "2009-06-16",
                                    "15:00", "17:00", "MPA room 1", "Kit Malthouse"};
  }

  static command::HoldMeeting CamdenHeld() {
    return command::HoldMeeting{"CAM-20090616", "", "",
                                {{"Kit Malthouse", "MPA", "Chair"},
                                 {"Borough Commander", "MPS", "BOCU commander"},
                                 {"Council Leader", "Council", "Leader of the Council"},
                                 {"TfL representative", "TfL", "Community safety"}}};
  }

  // Schedules and holds the Camden JEM of 16 June 2009.
  void HoldCamden() {
    ASSERT_TRUE(Run(CamdenSlot()).ok());
    auto held = Run(CamdenHeld());
    ASSERT_TRUE(held.ok()) << held.status().ToString();
  }

  command::AgreeAction CamdenAction(const std::string& lead = "MPS") {
    return command::AgreeAction{"CAM-20090616", "", "Map school-route hotspots with TfL", "", lead,
                                {"Council"}, "2009-09-30", "high"};
  }

  // Agrees an action at the held Camden JEM and returns its reference.
  std::string Agree(const std::string& lead = "MPS") {
    auto r = Run(CamdenAction(lead));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->subject : "";
  }

  Result<Outcome> Update(command::UpdateAction::Kind kind, const std::string& ref,
                         const std::string& text, Caller caller = Officer()) {
    return Run(UpdateOf(kind, ref, text), std::move(caller));
  }

  // The current state of an action, folded from the log.
  ActionState Action(const std::string& ref) {
    ActionState state;
    auto events = log_->ReadStream(ActionStream(ref), 1, 1000);
    EXPECT_TRUE(events.ok());
    for (auto& e : *events) state.Apply(e.envelope().getBody(), e.occurred_at());
    return state;
  }

  // `command` must be refused with `code`, a message holding `fragment`, and nothing appended.
  void ExpectRefused(const AnyCommand& command, Status::Code code, const std::string& fragment,
                     Caller caller = Officer()) {
    const Head before = log_->head();
    auto r = Run(command, std::move(caller));
    ASSERT_FALSE(r.ok()) << "expected a refusal mentioning: " << fragment;
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
    EXPECT_EQ(log_->head().position, before.position) << "a refused command appended events";
  }

  command::UpdateAction UpdateOf(command::UpdateAction::Kind kind, const std::string& ref,
                                 const std::string& text) {
    command::UpdateAction u;
    u.kind = kind;
    u.reference = ref;
    u.text = text;
    return u;
  }
};

}  // namespace jem::testing
