// Scheduling a JEM from the pages: the borough, round, theme, day, times, room and chair, the
// same fields a meeting recorded without a schedule gives (ScheduleFields).
#include "api/commands.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "engine/command_forms.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

void ShowSchedule(Exchange& ex, const FormState& form, int status) {
  nlohmann::json frame = Frame(ex, "Schedule a meeting", "/meetings");
  auto key = RandomHex();  // the form sent twice schedules once
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("schedule_meeting", {{"fields", form.Draw(ScheduleFields())}, {"csrf", ex.csrf}, {"idempotency", *key}},
                      frame),
           status);
}

}  // namespace

std::vector<PageField> ScheduleFields() {
  using C = PageField::Control;
  return {{"borough", C::kSelect, "Borough", "", "", BoroughOptions("Choose a borough")},
          {"round", C::kInput, "Round", "A number, for example 1", "govuk-input--width-3"},
          {"theme", C::kSelect, "Theme", "", "", ThemeOptions("Choose a theme")},
          DateField("date", "Date", "For example, 24 6 2009", "meeting date"),
          {"start", C::kInput, "Start time", "24-hour, for example 15:00", "govuk-input--width-5"},
          {"end", C::kInput, "End time", "24-hour, for example 17:00", "govuk-input--width-5"},
          {"room", C::kInput, "Room", "", "govuk-!-width-two-thirds"},
          {"chair", C::kInput, "Chair (optional)", "", "govuk-!-width-two-thirds"},
          {"invited", C::kCheckboxes, "Agencies invited (optional)", "Beside the MPA. Select all that apply", "",
           AgencyOptions()}};
}

void SchedulePage(Exchange& ex) { ShowSchedule(ex, FormState(), 200); }

void ScheduleMeetingPage(Exchange& ex) {
  FormState form(ex.req);
  const nlohmann::json fields = form.Read(ScheduleFields(), ScheduleMeetingForm());
  auto command = ReadFields(ScheduleMeetingForm(), fields, "", "the form");
  // The page's own mistakes (a date's boxes) and the rules' are shown together.
  if (command.ok() && !form.ok()) {
    std::vector<Refusal> refusals;
    if (!ex.s.engine.Check(FormContext(ex, ""), {Step{*command, std::nullopt}}, &refusals).ok()) {
      form.AddError(refusals.front().why, "", "borough");
    }
    return ShowSchedule(ex, form, 400);
  }
  if (command.ok()) {
    auto outcome = RunForm(ex, form, std::move(*command));
    if (outcome.ok()) return SeeOther(ex.res, "/meetings/" + outcome->subject + "?changed=scheduled");
    command = outcome.status();
  }
  form.AddError(command.status(), "", "borough");
  ShowSchedule(ex, form, HttpStatus(command.status().code()));
}

}  // namespace jem::api::web
