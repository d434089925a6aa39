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

namespace jem::api::web {

// One field of a page's form, named once: `name` is the command form's field it fills
// (engine/command_forms.h) and, after the form's prefix, the id of the field on the page; the
// rest is how the page draws it.
struct PageField {
  enum class Control { kInput, kTextArea, kSelect, kDate };
  std::string name;
  Control control = Control::kInput;
  std::string label, hint, width;
  std::vector<std::pair<std::string, std::string>> options = {};  // a select's values and words
};

class FormState {
 public:
  // An empty form: every field at its default.
  FormState() = default;
  // The form `req` sent (its url-encoded body).
  explicit FormState(const httplib::Request& req);

  // The value of field `id`; "" when it was not sent.
  std::string Value(const std::string& id) const;
  void Set(const std::string& id, std::string value) { values_[id] = std::move(value); }

  // Records that field `id` is wrong; the first error of a field is the one shown.
  void AddError(const std::string& id, const std::string& text);
  // Records `status`: on the field it names under `prefix` ("actions-2-" + "due"), else on
  // `fallback`; `what` ("Action 3") starts the message when the error summary would not
  // otherwise say which part of the form it is about.
  void AddError(const Status& status, const std::string& prefix, const std::string& fallback,
                const std::string& what = "");
  bool ok() const { return errors_.empty(); }

  // Fields: {id, label, hint, value, error, describedby, and the kind of control}.
  nlohmann::json Input(const std::string& id, const std::string& label, const std::string& hint = "",
                       const std::string& width = "") const;
  nlohmann::json TextArea(const std::string& id, const std::string& label, const std::string& hint = "") const;
  nlohmann::json Select(const std::string& id, const std::string& label,
                        const std::vector<std::pair<std::string, std::string>>& options,
                        const std::string& hint = "") const;

  // A GOV.UK date input (day, month and year boxes, fields `id`-day, -month, -year).
  nlohmann::json DateInput(const std::string& id, const std::string& legend, const std::string& hint) const;
  // The date a date input was sent with, YYYY-MM-DD; "" when every box was left empty. Boxes
  // that do not make a date are passed on as typed ("31-2-" ...) for the rules to refuse.
  std::string DateValue(const std::string& id) const;

  // `fields` drawn, each with the id `prefix` + its name.
  nlohmann::json Draw(const std::vector<PageField>& fields, const std::string& prefix = "") const;
  // What `fields` were sent with, as `form` reads them: each under its name, a date from its
  // three boxes, a whole number as a number (as typed when it is not one, for the form's
  // reader to refuse); a field left empty is left out, as the reader takes an absent one.
  nlohmann::json Read(const std::vector<PageField>& fields, const Form& form, const std::string& prefix = "") const;

  // Puts the error summary into a page's frame: "Error: " in the title, a link to each field.
  void ShowErrors(nlohmann::json& frame) const;

 private:
  nlohmann::json Field(const std::string& id, const std::string& label, const std::string& hint) const;

  std::map<std::string, std::string> values_;
  std::vector<std::pair<std::string, std::string>> errors_;  // field id, message; in order
};

// "Due date must be ...": a message that starts a sentence.
std::string Sentence(std::string text);

}  // namespace jem::api::web
