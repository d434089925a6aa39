// libFuzzer: a JSON body read as every command form the API takes. Each either refuses
// with a status or yields a command; nothing crashes, hangs or reads out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/command_forms.h"
#include "engine/fields.h"
#include "engine/verbs.h"

namespace {

std::vector<const jem::Form*> EveryForm() {
  using namespace jem;
  std::vector<const Form*> forms = {&ScheduleMeetingForm(), &RescheduleMeetingForm(), &CancelMeetingForm(),
                                    &HoldMeetingForm(),     &RecordDecisionForm(),    &GiveFeedbackForm(),
                                    &AgreeActionForm(),     &IdentifyPracticeForm(),  &RaiseIssueForm(),
                                    &IssueTokenForm(),      &RevokeTokenForm()};
  for (const auto& v : ActionVerbs()) forms.push_back(&UpdateActionForm(v.kind));
  for (const auto& v : PracticeVerbs()) forms.push_back(&UpdatePracticeForm(v.kind));
  for (const auto& v : IssueVerbs()) forms.push_back(&UpdateIssueForm(v.kind));
  return forms;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<const jem::Form*> forms = EveryForm();
  auto fields = jem::JsonFields(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!fields.ok()) return 0;
  for (const jem::Form* form : forms) {
    for (const char* subject : {"", "CAM-2009-01", "CAM-20090616"}) {
      (void)jem::ReadForm(*form, **fields, subject, "the body");
    }
  }
  return 0;
}
