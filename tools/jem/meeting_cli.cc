// `jem meeting ...`: schedule, reschedule, cancel, hold, record decisions, show.

#include <iostream>

#include "engine/access_policy.h"
#include "engine/publication.h"
#include "projections/reference.h"
#include "tools/jem/command_cli.h"
#include "tools/jem/reading.h"

namespace jem::cli {
namespace {

// "Name|Agency|Role" -> an attendee.
Result<command::Attendee> ParseAttendee(const std::string& text) {
  const size_t a = text.find('|');
  const size_t b = a == std::string::npos ? a : text.find('|', a + 1);
  if (b == std::string::npos) {
    return Status::InvalidArgument("--attendee '" + text + "': write NAME|AGENCY|ROLE, e.g. " +
                                   "'Kit Malthouse|MPA|Chair'");
  }
  return command::Attendee{text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

// A meeting as the reader may see it.
Result<nlohmann::ordered_json> MeetingRecordOf(const ReadModel& model, const Caller& reader, const std::string& id) {
  JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(reader, model, id));
  auto found = part.meetings.find(id);
  if (found == part.meetings.end() || found->second.state.status == MeetingState::Status::kNone) {
    return Status::NotFound("there is no meeting " + id);
  }
  const MeetingState& m = found->second.state;
  nlohmann::ordered_json attendees = nlohmann::json::array();
  for (const auto& a : m.attendees) attendees.push_back(a.name + " (" + a.agency + ", " + a.role + ")");
  return nlohmann::ordered_json{{"id", m.id}, {"borough", m.borough}, {"round", m.round},
                                {"theme", reference::ThemeName(m.theme)}, {"status", StatusName(m.status)},
                                {"date", m.date}, {"time", m.start_time + "-" + m.end_time}, {"room", m.room},
                                {"chair", m.chair}, {"held", m.held_date}, {"follow_up_due", m.FollowUpDue()},
                                {"attendees", attendees}, {"decisions", m.decisions},
                                {"actions", found->second.actions}};
}

}  // namespace

void AddMeetingCommands(CLI::App& app, Globals& g) {
  auto* meeting = app.add_subcommand("meeting", "JEMs: schedule, reschedule, cancel, hold, decision, show");
  RequireVerb(*meeting);

  auto schedule = std::make_shared<command::ScheduleMeeting>();
  auto* s = AddCommandVerb(*meeting, g, "schedule", "schedule a JEM for a borough",
                           [schedule]() -> Result<AnyCommand> { return AnyCommand(*schedule); });
  s->add_option("--borough", schedule->borough, "borough name or code (Camden, CAM)")->required();
  s->add_option("--round", schedule->round, "round number")->required();
  s->add_option("--theme", schedule->theme, std::string(reference::kThemeChoices))->required();
  s->add_option("--date", schedule->date, "YYYY-MM-DD")->required();
  s->add_option("--start", schedule->start_time, "HH:MM")->required();
  s->add_option("--end", schedule->end_time, "HH:MM")->required();
  s->add_option("--room", schedule->room, "e.g. 'MPA room 1'")->required();
  s->add_option("--chair", schedule->chair, "who chairs it");
  s->add_option("--invited", schedule->invited, "an agency invited, beside the MPA (give it once per agency)");

  auto reschedule = std::make_shared<command::RescheduleMeeting>();
  auto* r = AddCommandVerb(*meeting, g, "reschedule", "move a scheduled JEM to another slot",
                           [reschedule]() -> Result<AnyCommand> { return AnyCommand(*reschedule); });
  r->add_option("meeting", reschedule->meeting_id, "meeting id, e.g. CAM-20090616")->required();
  r->add_option("--date", reschedule->date, "new date, YYYY-MM-DD");
  r->add_option("--start", reschedule->start_time, "new start, HH:MM");
  r->add_option("--end", reschedule->end_time, "new end, HH:MM");
  r->add_option("--room", reschedule->room, "new room");
  r->add_option("--reason", reschedule->reason, "why it moves")->required();

  auto cancel = std::make_shared<command::CancelMeeting>();
  auto* c = AddCommandVerb(*meeting, g, "cancel", "cancel a scheduled JEM",
                           [cancel]() -> Result<AnyCommand> { return AnyCommand(*cancel); });
  c->add_option("meeting", cancel->meeting_id, "meeting id")->required();
  c->add_option("--reason", cancel->reason, "why it is cancelled")->required();

  auto hold = std::make_shared<command::HoldMeeting>();
  auto attendees = std::make_shared<std::vector<std::string>>();
  auto* h = AddCommandVerb(*meeting, g, "hold", "record that a JEM was held, and who attended",
                           [hold, attendees]() -> Result<AnyCommand> {
                             command::HoldMeeting cmd = *hold;
                             for (const auto& a : *attendees) {
                               JEM_ASSIGN_OR_RETURN(auto attendee, ParseAttendee(a));
                               cmd.attendees.push_back(attendee);
                             }
                             return AnyCommand(cmd);
                           });
  h->add_option("meeting", hold->meeting_id, "meeting id")->required();
  h->add_option("--date", hold->date, "the day it was held (default: the scheduled day)");
  h->add_option("--chair", hold->chair, "who chaired it (default: the scheduled chair)");
  h->add_option("--attendee", *attendees, "NAME|AGENCY|ROLE, once per attendee")->required();

  auto decision = std::make_shared<command::RecordDecision>();
  auto* d = AddCommandVerb(*meeting, g, "decision", "record something a held JEM decided",
                           [decision]() -> Result<AnyCommand> { return AnyCommand(*decision); });
  d->add_option("meeting", decision->meeting_id, "meeting id")->required();
  d->add_option("--text", decision->text, "the decision, in words")->required();

  AddShowVerb(*meeting, g, "meeting id", MeetingRecordOf);

  // Publishing hashes the report first, so it reads the log, then records the publication.
  struct Publish {
    std::string meeting, as_of, summary, as;
    bool json = false;
  };
  auto publish = std::make_shared<Publish>();
  auto* p = meeting->add_subcommand(
      "publish-follow-up", "publish a held JEM's six-month follow-up report, recording its SHA-256; ends its reminders");
  p->add_option("meeting", publish->meeting, "meeting id")->required();
  p->add_option("--as-of", publish->as_of, "the report as recorded by the end of this day (default: today)");
  p->add_option("--summary", publish->summary, "a line on what the committee was told");
  p->add_option("--as", publish->as, "who is publishing: USER:officer")->envname("JEM_AS")->required();
  p->add_flag("--json", publish->json, "print the outcome as JSON");
  p->callback([&g, publish] {
    auto day = publish->as_of.empty() ? Result<std::chrono::sys_days>(reference::DayOf(RealClock().Now()))
                                      : reference::ParseDate(publish->as_of, "--as-of");
    if (!day.ok()) return void(g.exit_code = Fail(day.status()));
    Result<Publication> publication = Status::IOError("the log did not open");
    if (auto log = OpenLog(g, false)) publication = FollowUpPublication(*log, publish->meeting, *day, publish->summary);
    if (!publication.ok()) return void(g.exit_code = Fail(publication.status()));
    size_t failed = 0;
    auto outcome = ExecuteSteps(g, publish->as, "", {Step{publication->command, std::nullopt}}, &failed);
    if (!outcome.ok()) return void(g.exit_code = Fail(outcome.status()));
    g.exit_code = PrintOutcome(*outcome, publish->json);
    if (!publish->json) {
      std::cout << "published the report as of " << publication->command.as_of << ", SHA-256 "
                << ToHex(publication->command.report_sha256) << "\n";
    }
  });
}

}  // namespace jem::cli
