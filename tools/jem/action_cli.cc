// `jem action ...`: agree an action at a held JEM, then every step of its lifecycle.
#include "engine/access_policy.h"
#include "engine/verbs.h"
#include "projections/reference.h"
#include "tools/jem/command_cli.h"
#include "tools/jem/reading.h"

namespace jem::cli {
namespace {

using Kind = command::UpdateAction::Kind;

// An action as the reader may see it.
Result<nlohmann::ordered_json> ActionRecordOf(const ReadModel& m, const Caller& reader, const std::string& ref) {
  JEM_ASSIGN_OR_RETURN(const ActionRecord* record, access::FindAction(reader, m, ref));
  const ActionState& a = record->state;
  return nlohmann::ordered_json{{"reference", a.reference}, {"meeting", a.meeting_id}, {"text", a.text},
                                {"theme", reference::ThemeName(a.theme)}, {"lead", a.lead_agency},
                                {"supporting", a.supporting_agencies}, {"priority", reference::PriorityName(a.priority)},
                                {"status", StatusName(a.status)}, {"blocked", a.blocked ? a.block_reason : "no"},
                                {"original_due", a.original_due}, {"due", a.due},
                                {"last_update", FormatTimestamp(a.last_update)}, {"steps", record->history.size()}};
}

}  // namespace

void AddActionCommands(CLI::App& app, Globals& g) {
  auto* action = app.add_subcommand("action", "actions agreed at JEMs: agree, start, note, block, "
                                              "unblock, complete, drop, reopen, redate, reassign, show");
  RequireVerb(*action);

  auto agree = std::make_shared<command::AgreeAction>();
  auto* a = AddCommandVerb(*action, g, "agree", "record an action agreed at a held JEM",
                           [agree]() -> Result<AnyCommand> { return AnyCommand(*agree); });
  a->add_option("--meeting", agree->meeting_id, "meeting id, e.g. CAM-20090616")->required();
  a->add_option("--text", agree->text, "what was agreed")->required();
  a->add_option("--lead", agree->lead_agency, "lead agency (MPS, Council, TfL, ...)")->required();
  a->add_option("--support", agree->supporting_agencies, "a supporting agency; repeat for more");
  a->add_option("--due", agree->due_date, "due date, YYYY-MM-DD")->required();
  a->add_option("--priority", agree->priority, "low, medium (default) or high");
  a->add_option("--theme", agree->theme, "default: the meeting's theme");
  a->add_option("--ref", agree->reference, "reference such as CAM-2009-03 (default: the next free)");

  for (const ActionVerb& verb : ActionVerbs()) {
    auto update = std::make_shared<command::UpdateAction>();
    update->kind = verb.kind;
    auto percent = std::make_shared<int>(-1);
    auto* v = AddCommandVerb(*action, g, std::string(verb.name), std::string(verb.help),
                             [update, percent]() -> Result<AnyCommand> {
                               command::UpdateAction cmd = *update;
                               if (*percent != -1) cmd.percent_complete = *percent;
                               return AnyCommand(cmd);
                             });
    v->add_option("action", update->reference, "action reference, e.g. CAM-2009-03")->required();
    auto* text = v->add_option(std::string(verb.text_option), update->text, std::string(verb.text_help));
    if (!verb.text_missing.empty()) text->required();
    if (verb.kind == Kind::kNote) v->add_option("--percent", *percent, "percent complete, 0-100");
    if (verb.kind == Kind::kRedate) v->add_option("--due", update->new_due_date, "new due date")->required();
    if (verb.kind == Kind::kReassign) v->add_option("--to", update->new_lead_agency, "new lead agency")->required();
  }

  AddShowVerb(*action, g, "action reference", ActionRecordOf);
}

}  // namespace jem::cli
