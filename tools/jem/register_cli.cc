// `jem practice ...`, `jem issue ...`, `jem feedback`, `jem correct`, `jem round plan`: the
// registers of good practice and pan-London issues, partners' feedback, corrections of the
// record, and rounds of JEMs.
#include "engine/verbs.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

// Adds a verb whose command is `*cmd` as the options leave it.
template <typename Command>
CLI::App* Verb(CLI::App& group, Globals& g, const std::string& name, const std::string& help,
               std::shared_ptr<Command> cmd) {
  return AddCommandVerb(group, g, name, help, [cmd]() -> Result<AnyCommand> { return AnyCommand(*cmd); });
}

}  // namespace

void AddRegisterCommands(CLI::App& app, Globals& g) {
  auto* practice = app.add_subcommand("practice", "good practice: identify, validate, disseminate, reject");
  RequireVerb(*practice);
  auto identify = std::make_shared<command::IdentifyPractice>();
  auto* i = Verb(*practice, g, "identify", "record good practice identified at a held JEM", identify);
  i->add_option("--meeting", identify->meeting_id, "meeting id")->required();
  i->add_option("--title", identify->title, "a short title")->required();
  i->add_option("--description", identify->description, "what the practice is")->required();
  i->add_option("--borough", identify->borough, "a borough, or pan-London (default: the meeting's)");
  i->add_option("--theme", identify->theme, "default: the meeting's theme");
  i->add_option("--partner", identify->partners, "a partner agency involved; repeat for more");
  i->add_option("--contact", identify->contact, "who to ask about it");
  i->add_option("--id", identify->practice_id, "id such as CAM-2009-01 (default: the next free)");
  for (const PracticeVerb& verb : PracticeVerbs()) {
    auto update = std::make_shared<command::UpdatePractice>();
    update->kind = verb.kind;
    auto* v = Verb(*practice, g, std::string(verb.name), std::string(verb.help), update);
    v->add_option("practice", update->practice_id, "good practice id")->required();
    auto* text = v->add_option(std::string(verb.text_option), update->text, std::string(verb.text_help));
    if (!verb.text_missing.empty()) text->required();
  }

  auto* issue = app.add_subcommand("issue", "pan-London issues: raise, update, resolve");
  RequireVerb(*issue);
  auto raise = std::make_shared<command::RaiseIssue>();
  auto* r = Verb(*issue, g, "raise", "record a pan-London issue raised at a held JEM", raise);
  r->add_option("--meeting", raise->meeting_id, "meeting id")->required();
  r->add_option("--title", raise->title, "a short title")->required();
  r->add_option("--description", raise->description, "the problem across boroughs");
  r->add_option("--lead", raise->lead_agency, "lead agency")->required();
  r->add_option("--id", raise->issue_id, "id such as CAM-2009-01 (default: the next free)");
  for (const IssueVerb& verb : IssueVerbs()) {
    auto update = std::make_shared<command::UpdateIssue>();
    update->kind = verb.kind;
    auto* v = Verb(*issue, g, std::string(verb.name), std::string(verb.help), update);
    v->add_option("issue", update->issue_id, "issue id")->required();
    v->add_option(std::string(verb.text_option), update->text, std::string(verb.text_help))->required();
  }

  auto feedback = std::make_shared<command::GiveFeedback>();
  auto* f = Verb(app, g, "feedback", "record a participant's feedback on a held JEM", feedback);
  f->add_option("--meeting", feedback->meeting_id, "meeting id")->required();
  f->add_option("--from", feedback->from_agency, "the agency giving it (default: the partner's own)");
  f->add_option("--positive", feedback->positive, "what worked");
  f->add_option("--suggestions", feedback->suggestions, "what could be better");

  auto correct = std::make_shared<command::CorrectEvent>();
  auto* k = Verb(app, g, "correct", "record that an earlier event was wrong (events are never edited)", correct);
  k->add_option("position", correct->position, "position of the wrong event (see jem log dump)")->required();
  k->add_option("--reason", correct->reason, "what was wrong with it")->required();
  k->add_option_function<std::vector<std::string>>(
       "--set",
       [correct](const std::vector<std::string>& sets) {
         for (const std::string& set : sets) {
           const size_t eq = set.find('=');
           if (eq == std::string::npos || eq == 0) {
             throw CLI::ValidationError("--set", "'" + set + "' is not FIELD=VALUE, e.g. due=2009-11-30");
           }
           correct->fields.emplace_back(set.substr(0, eq), set.substr(eq + 1));
         }
       },
                "FIELD=VALUE: the right value of a field of its record, e.g. due=2009-11-30 (repeat for more; "
                "action: text, lead, supporting, due, original_due, theme, priority; meeting: chair, room, "
                "start_time, end_time, held, theme; practice: title, description, contact, borough, theme, "
                "partners; issue: title, description, lead)");

  auto* round = app.add_subcommand("round", "rounds of JEMs: plan");
  RequireVerb(*round);
  auto plan = std::make_shared<command::PlanRound>();
  auto* p = Verb(*round, g, "plan", "plan a round of JEMs across the boroughs", plan);
  p->add_option("number", plan->number, "round number")->required();
  p->add_option("--title", plan->title, "e.g. 'Violent crime'")->required();
  p->add_option("--theme", plan->themes, "a theme; repeat for more")->required();
  p->add_option("--start", plan->start_date, "YYYY-MM-DD")->required();
  p->add_option("--end", plan->end_date, "YYYY-MM-DD")->required();
}

}  // namespace jem::cli
