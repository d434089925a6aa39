// Forms on the pages: the values a form was sent with, what is wrong with them, and each
// field as the _field template draws it (GOV.UK label, hint, error message, input). A field's
// id is also its name, so that an error found anywhere can point at its field.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "engine/command_forms.h"
#include "events/status.h"
#include "projections/reference.h"

namespace jem::api::web {

// One field of a page's form, named once: `name` is the command form's field it fills
// (engine/command_forms.h) and, after the form's prefix, the id of the field on the page; the
// rest is how the page draws it.
struct PageField {
  enum class Control { kInput, kTextArea, kSelect, kDate, kCheckboxes };
  std::string name;
  Control control = Control::kInput;
  std::string label, hint, width;
  std::vector<std::pair<std::string, std::string>> options = {};  // a select's or checkboxes' values and words
  std::string what = "date";  // a date input: what its messages call it ("due date")
};

// A GOV.UK date input; `what` names it in its messages ("due date").
PageField DateField(std::string name, std::string label, std::string hint, std::string what);
// The ids field `f` is sent under after `prefix`: a date's three boxes, else its own.
std::vector<std::string> SentIds(const PageField& f, const std::string& prefix = "");
// A field's label as a check-your-answers key: "Held on (optional)" is "Held on".
std::string AnswerKey(std::string label);

class FormState {
 public:
  // An empty form: every field at its default.
  FormState() = default;
  // The form `req` sent (its url-encoded body). A field sent more than once (checkboxes) has
  // its values joined by ", ", in the order they came: "MPS, TfL".
  explicit FormState(const httplib::Request& req);

  // The value of field `id`; "" when it was not sent.
  std::string Value(const std::string& id) const;
  void Set(const std::string& id, std::string value) { values_[id] = std::move(value); }
  // The values of a field sent more than once (checkboxes), in order; none when it was not sent.
  std::vector<std::string> Values(const std::string& id) const;

  // Records that field `id` is wrong; a field's first error is the one kept and shown.
  void AddError(const std::string& id, const std::string& text);
  // Records each of `status`'s problems: on the field it names under `prefix` ("actions-2-" +
  // "due"), else on `fallback`; `what` ("Action 3") starts the message when the error summary
  // would not otherwise say which part of the form it is about.
  void AddError(const Status& status, const std::string& prefix, const std::string& fallback,
                const std::string& what = "");
  // Records one problem, as AddError(status, ...) records each.
  void AddError(Status::Problem problem, const std::string& prefix, const std::string& fallback,
                const std::string& what = "");
  bool ok() const { return errors_.empty(); }
  // Gives field `id` the focus when the form is drawn (a date's day box, a list's first box):
  // where a "Change" on a check-your-answers page leads.
  void Focus(std::string id) { focus_ = std::move(id); }
  // The ids of the wrong fields whose ids start with `prefix` (one form of a page's several).
  std::vector<std::string> ErrorsUnder(std::string_view prefix) const;

  // Fields: {id, label, hint, value, error, describedby, and the kind of control}.
  nlohmann::json Input(const std::string& id, const std::string& label, const std::string& hint = "",
                       const std::string& width = "") const;
  nlohmann::json TextArea(const std::string& id, const std::string& label, const std::string& hint = "") const;
  nlohmann::json Select(const std::string& id, const std::string& label,
                        const std::vector<std::pair<std::string, std::string>>& options,
                        const std::string& hint = "") const;

  // GOV.UK checkboxes, one per option, all sent as field `id` (the first box's id is `id`, so
  // that an error links to it); those named in the field's value are ticked.
  nlohmann::json Checkboxes(const std::string& id, const std::string& legend,
                            const std::vector<std::pair<std::string, std::string>>& options,
                            const std::string& hint) const;

  // A GOV.UK date input (day, month and year boxes, fields `id`-day, -month, -year).
  nlohmann::json DateInput(const std::string& id, const std::string& legend, const std::string& hint) const;
  // The date a date input was sent with, YYYY-MM-DD; "" when every box was left empty; else
  // what is wrong, in GOV.UK's words ("Due date must include a month", "... must be a real
  // date"; `what` is "due date").
  Result<std::string> DateValue(const std::string& id, std::string_view what) const;
  // DateValue, a wrong date recorded on `id` (after `part`: "Action 2") and taken as "".
  std::string TakeDate(const std::string& id, std::string_view what, const std::string& part = "");

  // `fields` drawn, each with the id `prefix` + its name.
  nlohmann::json Draw(const std::vector<PageField>& fields, const std::string& prefix = "") const;
  // What `fields` were sent with, as `form` reads them: each under its name, a date from its
  // three boxes (TakeDate), checkboxes as the list of those ticked, a whole number as a number
  // (as typed when it is not one, for the form's reader to refuse); a field left empty is
  // left out, as the reader takes an absent one.
  nlohmann::json Read(const std::vector<PageField>& fields, const Form& form, const std::string& prefix = "");

  // What field `f` (after `prefix`) was sent with, in words for a check-your-answers page: a
  // date written "30 September 2009", a select's choice by its words; "" when left empty.
  std::string Answer(const PageField& f, const std::string& prefix = "") const;

  // Puts the error summary into a page's frame: "Error: " in the title, a link to each field.
  void ShowErrors(nlohmann::json& frame) const;

 private:
  nlohmann::json Field(const std::string& id, const std::string& label, const std::string& hint) const;

  std::map<std::string, std::string> values_;
  std::vector<std::pair<std::string, std::string>> errors_;  // field id, message; in order
  std::string focus_;
};

// Messages and words start a sentence on the pages ("Due date must be ...", "Open").
using reference::Sentence;

}  // namespace jem::api::web
