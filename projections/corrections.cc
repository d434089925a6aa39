#include "projections/corrections.h"

#include <sstream>

#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::corrections {
namespace {

// kLine: one line of text (a name, a title); kLines: text that may span lines.
enum class Type { kLine, kLines, kDate, kTime, kAgency, kAgencies, kTheme, kPriority, kScope };

// A field of record type `R`: how its value is checked and set.
template <typename R>
struct Settable {
  Field field;
  Type type;
  void (*set)(R&, const std::string&);
};

// Values were checked when the correction was made; one a newer build wrote may not parse.
schema::Theme ThemeOf(const std::string& v, schema::Theme now) {
  auto theme = reference::ParseTheme(v);
  return theme.ok() ? *theme : now;
}

std::vector<std::string> AgenciesOf(const std::string& v) {
  std::vector<std::string> out;
  std::stringstream in(v);
  for (std::string item; std::getline(in, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

const Settable<ActionState> kAction[] = {
    {{"text", "what was agreed"}, Type::kLines, [](ActionState& a, const std::string& v) { a.text = v; }},
    {{"lead", "the lead agency"}, Type::kAgency, [](ActionState& a, const std::string& v) { a.lead_agency = v; }},
    {{"supporting", "the supporting agencies, e.g. \"TfL, Council\""}, Type::kAgencies,
     [](ActionState& a, const std::string& v) { a.supporting_agencies = AgenciesOf(v); }},
    {{"due", "the current due date, YYYY-MM-DD"}, Type::kDate, [](ActionState& a, const std::string& v) { a.due = v; }},
    {{"original_due", "the due date agreed at the meeting, YYYY-MM-DD"}, Type::kDate,
     [](ActionState& a, const std::string& v) { a.original_due = v; }},
    {{"theme", "the theme"}, Type::kTheme, [](ActionState& a, const std::string& v) { a.theme = ThemeOf(v, a.theme); }},
    {{"priority", "low, medium or high"}, Type::kPriority,
     [](ActionState& a, const std::string& v) {
       if (auto p = reference::ParsePriority(v); p.ok()) a.priority = *p;
     }},
};

const Settable<MeetingState> kMeeting[] = {
    {{"chair", "who chaired it"}, Type::kLine, [](MeetingState& m, const std::string& v) { m.chair = v; }},
    {{"room", "where it was held"}, Type::kLine, [](MeetingState& m, const std::string& v) { m.room = v; }},
    {{"start_time", "when it started, HH:MM"}, Type::kTime, [](MeetingState& m, const std::string& v) { m.start_time = v; }},
    {{"end_time", "when it ended, HH:MM"}, Type::kTime, [](MeetingState& m, const std::string& v) { m.end_time = v; }},
    {{"held", "the day it was held, YYYY-MM-DD"}, Type::kDate, [](MeetingState& m, const std::string& v) { m.held_date = v; }},
    {{"theme", "the theme"}, Type::kTheme, [](MeetingState& m, const std::string& v) { m.theme = ThemeOf(v, m.theme); }},
};

const Settable<PracticeState> kPractice[] = {
    {{"title", "its title"}, Type::kLine, [](PracticeState& p, const std::string& v) { p.title = v; }},
    {{"description", "what it is"}, Type::kLines, [](PracticeState& p, const std::string& v) { p.description = v; }},
    {{"contact", "who to ask about it"}, Type::kLine, [](PracticeState& p, const std::string& v) { p.contact = v; }},
    {{"borough", "a borough, or pan-London"}, Type::kScope, [](PracticeState& p, const std::string& v) { p.borough = v; }},
    {{"theme", "the theme"}, Type::kTheme, [](PracticeState& p, const std::string& v) { p.theme = ThemeOf(v, p.theme); }},
    {{"partners", "the partner agencies, e.g. \"TfL, Council\""}, Type::kAgencies,
     [](PracticeState& p, const std::string& v) { p.partners = AgenciesOf(v); }},
};

const Settable<IssueState> kIssue[] = {
    {{"title", "its title"}, Type::kLine, [](IssueState& i, const std::string& v) { i.title = v; }},
    {{"description", "what the issue is"}, Type::kLines, [](IssueState& i, const std::string& v) { i.description = v; }},
    {{"lead", "the lead agency"}, Type::kAgency, [](IssueState& i, const std::string& v) { i.lead_agency = v; }},
};

template <typename R, size_t N>
std::vector<Field> Names(const Settable<R> (&table)[N]) {
  std::vector<Field> out;
  for (const auto& s : table) out.push_back(s.field);
  return out;
}

// The type of `field` of a `kind` record, or null.
const Type* TypeOf(std::string_view kind, std::string_view field) {
  auto find = [&](const auto& table) -> const Type* {
    for (const auto& s : table) {
      if (s.field.name == field) return &s.type;
    }
    return nullptr;
  };
  if (kind == "action") return find(kAction);
  if (kind == "meeting") return find(kMeeting);
  if (kind == "practice") return find(kPractice);
  if (kind == "issue") return find(kIssue);
  return nullptr;
}

Result<std::string> Normalise(Type type, std::string_view field, std::string_view value) {
  const std::string what = "the corrected " + std::string(field);
  switch (type) {
    case Type::kLine:
    case Type::kLines:
      if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) return Status::InvalidArgument(what + " is empty");
      if (auto problem = text::Problem(value, type == Type::kLines ? text::Lines::kMany : text::Lines::kOne)) {
        return Status::InvalidArgument(what + " " + *problem);
      }
      return std::string(value);
    case Type::kDate: {
      JEM_ASSIGN_OR_RETURN(auto day, reference::ParseDate(value, what));
      return reference::FormatDate(day);
    }
    case Type::kTime:
      JEM_RETURN_IF_ERROR(reference::ValidateTime(value, what));
      return std::string(value);
    case Type::kAgency: return reference::FindAgency(value);
    case Type::kAgencies: {
      std::string out;
      for (const std::string& a : AgenciesOf(std::string(value))) {
        JEM_ASSIGN_OR_RETURN(auto agency, reference::FindAgency(a));
        out += (out.empty() ? "" : ", ") + agency;
      }
      return out;
    }
    case Type::kTheme: {
      JEM_ASSIGN_OR_RETURN(auto theme, reference::ParseTheme(value));
      return std::string(reference::ThemeName(theme));
    }
    case Type::kPriority: {
      JEM_ASSIGN_OR_RETURN(auto priority, reference::ParsePriority(value));
      return std::string(reference::PriorityName(priority));
    }
    case Type::kScope: return reference::FindScope(value);
  }
  return Status::InvalidArgument(what + " has no known type");
}

template <typename R, size_t N>
void Set(schema::Correction::Reader correction, const Settable<R> (&table)[N], R* record) {
  for (auto f : correction.getFields()) {
    for (const auto& s : table) {
      if (s.field.name == AsView(f.getField())) s.set(*record, FromText(f.getValue()));
    }
  }
}

}  // namespace

std::span<const Field> Fields(std::string_view kind) {
  static const std::vector<Field> kActions = Names(kAction), kMeetings = Names(kMeeting),
                                  kPractices = Names(kPractice), kIssues = Names(kIssue);
  if (kind == "action") return kActions;
  if (kind == "meeting") return kMeetings;
  if (kind == "practice") return kPractices;
  if (kind == "issue") return kIssues;
  return {};
}

Result<std::string> Check(std::string_view kind, std::string_view field, std::string_view value) {
  const Type* type = TypeOf(kind, field);
  if (type == nullptr) {
    std::string known;
    for (const Field& f : Fields(kind)) known += (known.empty() ? "" : ", ") + std::string(f.name);
    if (known.empty()) return Status::InvalidArgument("a " + std::string(kind) + " event has no fields a correction can set");
    return Status::InvalidArgument("a " + std::string(kind) + " has no field '" + std::string(field).substr(0, 40) +
                                   "' a correction can set; use one of " + known);
  }
  return Normalise(*type, field, value);
}

void Apply(schema::Correction::Reader c, ActionState* a) { Set(c, kAction, a); }
void Apply(schema::Correction::Reader c, MeetingState* m) { Set(c, kMeeting, m); }
void Apply(schema::Correction::Reader c, PracticeState* p) { Set(c, kPractice, p); }
void Apply(schema::Correction::Reader c, IssueState* i) { Set(c, kIssue, i); }

}  // namespace jem::corrections
