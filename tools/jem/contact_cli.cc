// `jem contact add|change|remove`: the reminder engine's contact directory, kept by officers
// (`jem contact list` is with the other views).
#include "engine/command_forms.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

// Binds the options of a contact to `c`.
void AddContactOptions(CLI::App& verb, command::SetContact& c) {
  verb.add_option("--kind", c.kind, "agency, chair, officer or secretary")->required();
  verb.add_option("--name", c.name, "the person's or team's name; a chair's as meetings name them")->required();
  verb.add_option("--email", c.email, "where reminders are sent")->required();
  verb.add_option("--agency", c.agency, "agency contacts: the agency whose actions they are chased for");
  verb.add_option("--borough", c.borough, "agency contacts: only this borough's actions (default: all)");
  verb.add_option("--user", c.user_id, "officer contacts: the user id they log meetings as");
}

}  // namespace

void AddContactCommands(CLI::App& app, Globals& g) {
  auto* contact = app.add_subcommand("contact", "who the reminder engine chases: add, change, remove, list");
  RequireVerb(*contact);

  auto add = std::make_shared<command::SetContact>();
  auto* a = AddCommandVerb(*contact, g, "add", "add a contact", [add]() -> Result<AnyCommand> {
    command::SetContact c = *add;
    c.must_be_new = true;
    return AnyCommand(c);
  });
  a->add_option("id", add->contact_id, "its id, such as tfl-camden: lower-case letters, digits and -")->required();
  AddContactOptions(*a, *add);

  auto change = std::make_shared<command::SetContact>();
  auto* c = AddCommandVerb(*contact, g, "change", "change a contact: give it whole, as it now is",
                           [change]() -> Result<AnyCommand> { return AnyCommand(*change); });
  c->add_option("id", change->contact_id, "the contact's id")->required();
  AddContactOptions(*c, *change);

  auto remove = std::make_shared<command::RemoveContact>();
  auto* r = AddCommandVerb(*contact, g, "remove", "remove a contact: nothing more is sent to it",
                           [remove]() -> Result<AnyCommand> { return AnyCommand(*remove); });
  r->add_option("id", remove->contact_id, "the contact's id")->required();
  r->add_option("--reason", remove->reason, "why")->required();
}

}  // namespace jem::cli
