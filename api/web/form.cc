#include "api/web/form.h"

#include <algorithm>
#include <tuple>

namespace jem::api::web {

std::vector<std::string> FormState::ErrorsUnder(std::string_view prefix) const {
  std::vector<std::string> ids;
  for (const auto& [id, text] : errors_) {
    if (id.starts_with(prefix)) ids.push_back(id);
  }
  return ids;
}

PageField DateField(std::string name, std::string label, std::string hint, std::string what) {
  PageField f{std::move(name), PageField::Control::kDate, std::move(label), std::move(hint)};
  f.what = std::move(what);
  return f;
}

std::vector<std::string> SentIds(const PageField& f, const std::string& prefix) {
  const std::string id = prefix + f.name;
  if (f.control != PageField::Control::kDate) return {id};
  return {id + "-day", id + "-month", id + "-year"};
}

std::string AnswerKey(std::string label) {
  if (label.ends_with(" (optional)")) label.resize(label.size() - std::string_view(" (optional)").size());
  return label;
}

FormState::FormState(const httplib::Request& req) {
  for (const auto& [name, value] : req.params) {
    auto [it, first] = values_.emplace(name, value);
    if (!first && !value.empty()) it->second += (it->second.empty() ? "" : ", ") + value;
  }
}

std::string FormState::Value(const std::string& id) const {
  auto it = values_.find(id);
  return it == values_.end() ? "" : it->second;
}

std::vector<std::string> FormState::Values(const std::string& id) const {
  std::vector<std::string> out;
  const std::string value = Value(id);
  for (size_t start = 0; start < value.size();) {
    const size_t comma = std::min(value.find(", ", start), value.size());
    out.push_back(value.substr(start, comma - start));
    start = comma + 2;
  }
  return out;
}

void FormState::AddError(const std::string& id, const std::string& text) {
  // One message per field, as GOV.UK shows them: the first is the one to act on.
  if (std::any_of(errors_.begin(), errors_.end(), [&](const auto& e) { return e.first == id; })) return;
  errors_.emplace_back(id, Sentence(text));
}

void FormState::AddError(Status::Problem problem, const std::string& prefix, const std::string& fallback,
                         const std::string& what) {
  std::replace(problem.field.begin(), problem.field.end(), '.', '-');  // attendees.2.agency -> attendees-2-agency
  AddError(problem.field.empty() ? fallback : prefix + problem.field,
           what.empty() ? problem.message : what + ": " + problem.message);
}

void FormState::AddError(const Status& status, const std::string& prefix, const std::string& fallback,
                         const std::string& what) {
  for (Status::Problem& p : status.problems()) AddError(std::move(p), prefix, fallback, what);
}

nlohmann::json FormState::Field(const std::string& id, const std::string& label, const std::string& hint) const {
  auto error = std::find_if(errors_.begin(), errors_.end(), [&](const auto& e) { return e.first == id; });
  std::string describedby = hint.empty() ? "" : id + "-hint";
  if (error != errors_.end()) describedby += (describedby.empty() ? "" : " ") + id + "-error";
  // Every key is set, so that a missing one is not looked up in the enclosing data.
  return {{"id", id},
          {"label", label},
          {"hint", hint.empty() ? nlohmann::json(false) : nlohmann::json(hint)},
          {"error", error == errors_.end() ? nlohmann::json(false) : nlohmann::json(error->second)},
          {"describedby", describedby.empty() ? nlohmann::json(false) : nlohmann::json(describedby)},
          {"value", Value(id)},
          {"input", false},
          {"textarea", false},
          {"select", false},
          {"date", false},
          {"checkboxes", false},
          {"autofocus", !focus_.empty() && id == focus_},
          {"width", ""},
          {"options", nlohmann::json::array()}};
}

nlohmann::json FormState::Input(const std::string& id, const std::string& label, const std::string& hint,
                                const std::string& width) const {
  nlohmann::json f = Field(id, label, hint);
  f["input"] = true;
  f["width"] = width;
  return f;
}

nlohmann::json FormState::TextArea(const std::string& id, const std::string& label, const std::string& hint) const {
  nlohmann::json f = Field(id, label, hint);
  f["textarea"] = true;
  return f;
}

nlohmann::json FormState::Select(const std::string& id, const std::string& label,
                                 const std::vector<std::pair<std::string, std::string>>& options,
                                 const std::string& hint) const {
  nlohmann::json f = Field(id, label, hint);
  f["select"] = true;
  const std::string chosen = Value(id);
  for (const auto& [value, text] : options) {
    f["options"].push_back({{"value", value}, {"text", text}, {"selected", value == chosen}});
  }
  return f;
}

nlohmann::json FormState::Checkboxes(const std::string& id, const std::string& legend,
                                     const std::vector<std::pair<std::string, std::string>>& options,
                                     const std::string& hint) const {
  nlohmann::json f = Field(id, legend, hint);
  f["checkboxes"] = true;
  const std::vector<std::string> ticked = Values(id);
  for (size_t i = 0; i < options.size(); ++i) {
    const auto& [option, text] = options[i];
    f["options"].push_back({{"id", i == 0 ? id : id + "-" + std::to_string(i + 1)},
                            {"name", id},
                            {"value", option},
                            {"text", text},
                            {"selected", std::find(ticked.begin(), ticked.end(), option) != ticked.end()},
                            {"autofocus", i == 0 && f["autofocus"] == true}});
  }
  return f;
}

nlohmann::json FormState::DateInput(const std::string& id, const std::string& legend, const std::string& hint) const {
  nlohmann::json f = Field(id, legend, hint);
  f["date"] = true;
  const bool wrong = f["error"] != false;
  f["parts"] = nlohmann::json::array();
  for (const auto& [part, label, width] : {std::tuple{"day", "Day", "govuk-input--width-2"},
                                           std::tuple{"month", "Month", "govuk-input--width-2"},
                                           std::tuple{"year", "Year", "govuk-input--width-4"}}) {
    const std::string part_id = id + "-" + part;
    f["parts"].push_back({{"id", part_id}, {"label", label}, {"width", width}, {"value", Value(part_id)},
                          {"error", wrong}, {"autofocus", f["autofocus"] == true && f["parts"].empty()}});
  }
  return f;
}

Result<std::string> FormState::DateValue(const std::string& id, std::string_view what) const {
  return reference::DateOfParts(Value(id + "-day"), Value(id + "-month"), Value(id + "-year"), what);
}

std::string FormState::TakeDate(const std::string& id, std::string_view what, const std::string& part) {
  auto date = DateValue(id, what);
  if (date.ok()) return *date;
  AddError(id, part.empty() ? date.status().message() : part + ": " + date.status().message());
  return "";
}

std::string FormState::Answer(const PageField& f, const std::string& prefix) const {
  const std::string id = prefix + f.name;
  switch (f.control) {
    case PageField::Control::kDate: {
      auto date = DateValue(id, f.what);
      return date.ok() && !date->empty() ? reference::WrittenDay(*date) : "";
    }
    case PageField::Control::kSelect:
      for (const auto& [value, text] : f.options) {
        if (value == Value(id) && !value.empty()) return text;
      }
      return Value(id);
    case PageField::Control::kInput:
    case PageField::Control::kTextArea:
    case PageField::Control::kCheckboxes: break;
  }
  return Value(id);
}

void FormState::ShowErrors(nlohmann::json& frame) const {
  if (errors_.empty()) return;
  frame["error_count"] = true;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, text] : errors_) list.push_back({{"href", "#" + id}, {"text", text}});
  frame["errors"] = list;
}

nlohmann::json FormState::Draw(const std::vector<PageField>& fields, const std::string& prefix) const {
  nlohmann::json out = nlohmann::json::array();
  for (const PageField& f : fields) {
    const std::string id = prefix + f.name;
    switch (f.control) {
      case PageField::Control::kInput: out.push_back(Input(id, f.label, f.hint, f.width)); break;
      case PageField::Control::kTextArea: out.push_back(TextArea(id, f.label, f.hint)); break;
      case PageField::Control::kSelect: out.push_back(Select(id, f.label, f.options, f.hint)); break;
      case PageField::Control::kDate: out.push_back(DateInput(id, f.label, f.hint)); break;
      case PageField::Control::kCheckboxes: out.push_back(Checkboxes(id, f.label, f.options, f.hint)); break;
    }
  }
  return out;
}

nlohmann::json FormState::Read(const std::vector<PageField>& fields, const Form& form, const std::string& prefix) {
  nlohmann::json out = nlohmann::json::object();
  for (const PageField& f : fields) {
    const std::string id = prefix + f.name;
    const std::string value = f.control == PageField::Control::kDate ? TakeDate(id, f.what) : Value(id);
    if (value.empty()) continue;
    auto declared = std::find_if(form.fields.begin(), form.fields.end(), [&](const FormField& d) { return d.name == f.name; });
    if (f.control == PageField::Control::kCheckboxes) {
      out[f.name] = Values(id);
    } else if (declared != form.fields.end() && declared->type == FormField::Type::kInteger) {
      auto n = ParseWholeNumber(value, f.name, uint64_t(declared->max));
      out[f.name] = n.ok() ? nlohmann::json(*n) : nlohmann::json(value);
    } else {
      out[f.name] = value;
    }
  }
  return out;
}

}  // namespace jem::api::web
