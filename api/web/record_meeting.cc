// The officer's main job, right after a JEM: one form for the meeting's whole outcome
// (which meeting, who attended, decisions, agreed actions, good practice, pan-London issues,
// feedback), recorded all or nothing, as an import is. Repeating parts are rows; "Add
// another" brings one more (a round trip that keeps every value, so it works without
// JavaScript); rows left empty are ignored. A refusal comes back as the GOV.UK error
// summary, each message linked to its field, every value kept.
#include "api/commands.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "engine/access_policy.h"
#include "engine/command_forms.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

struct RowField {
  enum Kind { kInput, kTextArea, kAgency, kPriority, kDate };  // kDate: GOV.UK's date input
  const char* name;  // the command form's field
  const char* label;
  Kind kind;
  const char* hint = "";
  bool list = false;  // several agencies, separated by commas
};

// A repeating part of the form: its rows, each read by `form` (attendees are part of the
// meeting's own step, so have none).
struct Section {
  const char* prefix;  // field ids: "actions-0-due"
  const char* heading;
  const char* item;  // "Action" (Action 1, Add another action)
  std::span<const RowField> fields;
  size_t min_rows;
  const Form* (*form)();
};

constexpr char kAgencies[] = "Separate agencies with commas, for example TfL, Council";
constexpr char kDay[] = "For example, 30 9 2009";
constexpr RowField kAttendee[] = {{"name", "Name", RowField::kInput},
                                  {"agency", "Agency", RowField::kAgency},
                                  {"role", "Role", RowField::kInput, "For example, Chair"}};
constexpr RowField kDecision[] = {{"text", "Decision", RowField::kTextArea}};
constexpr RowField kAction[] = {{"text", "What was agreed", RowField::kTextArea},
                                {"lead", "Lead agency", RowField::kAgency},
                                {"supporting", "Supporting agencies (optional)", RowField::kInput, kAgencies, true},
                                {"due", "Due date", RowField::kDate, kDay},
                                {"priority", "Priority", RowField::kPriority}};
constexpr RowField kPractice[] = {{"title", "Title", RowField::kInput},
                                  {"description", "What the practice is", RowField::kTextArea},
                                  {"partners", "Partner agencies (optional)", RowField::kInput, kAgencies, true},
                                  {"contact", "Who to ask about it (optional)", RowField::kInput}};
constexpr RowField kIssue[] = {{"title", "Title", RowField::kInput},
                               {"description", "The problem across boroughs", RowField::kTextArea},
                               {"lead", "Lead agency", RowField::kAgency}};
constexpr RowField kFeedback[] = {{"from", "From", RowField::kAgency},
                                  {"positive", "What worked", RowField::kTextArea},
                                  {"suggestions", "What could be better", RowField::kTextArea}};

const Section kSections[] = {
    {"attendees", "Who attended", "Attendee", kAttendee, 3, nullptr},
    {"decisions", "Decisions", "Decision", kDecision, 1, [] { return &RecordDecisionForm(); }},
    {"actions", "Agreed actions", "Action", kAction, 2, [] { return &AgreeActionForm(); }},
    {"practice", "Good practice", "Good practice", kPractice, 1, [] { return &IdentifyPracticeForm(); }},
    {"issues", "Pan-London issues", "Issue", kIssue, 1, [] { return &RaiseIssueForm(); }},
    {"feedback", "Feedback on the meeting", "Feedback", kFeedback, 1, [] { return &GiveFeedbackForm(); }},
};
constexpr size_t kMaxRows = 100;  // per part: more than any JEM has

std::string Id(const Section& s, size_t row, std::string_view field) {
  return std::string(s.prefix) + "-" + std::to_string(row) + "-" + std::string(field);
}

std::string Lower(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = char(text[0] - 'A' + 'a');
  return text;
}

// The ids a row's field is sent under: a date's three boxes, else its own.
std::vector<std::string> PartIds(const Section& s, size_t row, const RowField& f) {
  const std::string id = Id(s, row, f.name);
  if (f.kind != RowField::kDate) return {id};
  return {id + "-day", id + "-month", id + "-year"};
}

// "TfL, Council" as a list of agencies.
nlohmann::json SplitList(const std::string& value) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t start = 0; start <= value.size();) {
    const size_t comma = std::min(value.find(',', start), value.size());
    std::string item = value.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) list.push_back(item);
    start = comma + 1;
  }
  return list;
}

// Moves the rows of `s` that were filled in up in `form` so that they are numbered from 0,
// as the page will draw them (a row left empty, or removed, is dropped); how many there are.
size_t RenumberRows(const Section& s, FormState& form) {
  std::vector<std::vector<std::string>> kept;  // each filled row's values, part by part
  for (size_t i = 0; i < kMaxRows; ++i) {
    std::vector<std::string> values;
    bool filled = false;
    for (const RowField& f : s.fields) {
      for (const std::string& part : PartIds(s, i, f)) {
        values.push_back(form.Value(part));
        filled = filled || !values.back().empty();
      }
    }
    if (filled) kept.push_back(std::move(values));
  }
  for (size_t i = 0; i < kMaxRows; ++i) {
    size_t k = 0;
    for (const RowField& f : s.fields) {
      for (const std::string& part : PartIds(s, i, f)) form.Set(part, i < kept.size() ? kept[i][k++] : "");
    }
  }
  return kept.size();
}

// The first `count` rows of `s` (renumbered) as the JSON objects the command forms read. A
// date that is not one is recorded on its field ("Action 2: Due date must include a month")
// and left out.
std::vector<nlohmann::json> ReadRows(const Section& s, size_t count, FormState& form) {
  std::vector<nlohmann::json> rows;
  for (size_t i = 0; i < count; ++i) {
    nlohmann::json row = nlohmann::json::object();
    for (const RowField& f : s.fields) {
      const std::string id = Id(s, i, f.name);
      const std::string value = f.kind == RowField::kDate
                                    ? form.TakeDate(id, f.label, std::string(s.item) + " " + std::to_string(i + 1))
                                    : form.Value(id);
      if (!value.empty()) row[f.name] = f.list ? SplitList(value) : nlohmann::json(value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json RowFieldJson(const FormState& form, const RowField& f, const std::string& id) {
  switch (f.kind) {
    case RowField::kTextArea: return form.TextArea(id, f.label, f.hint);
    case RowField::kDate: return form.DateInput(id, f.label, f.hint);
    case RowField::kAgency: return form.Select(id, f.label, AgencyOptions("Choose an agency"), f.hint);
    case RowField::kPriority:
      return form.Select(id, f.label, {{"", "Medium (the default)"}, {"low", "Low"}, {"medium", "Medium"}, {"high", "High"}});
    case RowField::kInput: break;
  }
  return form.Input(id, f.label, f.hint, f.list ? "" : "govuk-!-width-two-thirds");
}

// A meeting that was not scheduled: what scheduling it takes (ids "meeting-borough" ...).
constexpr char kUnscheduledPrefix[] = "meeting-";

// How the meeting was held, where that differs from its schedule (ids "held-date" ...).
constexpr char kHeldPrefix[] = "held-";
std::vector<PageField> HeldFields() {
  using C = PageField::Control;
  return {DateField("date", "Held on (optional)", "Leave empty if it was held on its scheduled day. For example, 16 6 2009",
                    "day it was held"),
          {"chair", C::kInput, "Chaired by (optional)", "Leave empty if the scheduled chair chaired it",
           "govuk-!-width-two-thirds"}};
}

// The scheduled meetings an officer may record as held.
Options ScheduledMeetings(const Exchange& ex) {
  Options out = {{"", "Choose the meeting"}};
  ex.s.views.Read([&](const ReadModel& m) {
    for (const auto& [id, record] : m.meetings) {
      const MeetingState& s = record.state;
      if (s.status != MeetingState::Status::kScheduled || !access::MaySee(ex.caller, s)) continue;
      out.emplace_back(id, reference::BoroughWords(s.borough) + ", " + reference::WrittenDay(s.date) + " (round " +
                               std::to_string(s.round) + ", " + id + ")");
    }
    return 0;
  });
  out.emplace_back("new", "It was not scheduled: enter it below");
  return out;
}

void ShowForm(Exchange& ex, const FormState& form, std::string_view added, int status) {
  nlohmann::json frame = Frame(ex, "Record a meeting's outcome", "/meetings");
  const nlohmann::json meeting = {form.Select("meeting", "Meeting", ScheduledMeetings(ex))};
  const nlohmann::json unscheduled = form.Draw(ScheduleFields(), kUnscheduledPrefix);
  const nlohmann::json held = form.Draw(HeldFields(), kHeldPrefix);
  nlohmann::json sections = nlohmann::json::array();
  for (const Section& s : kSections) {
    size_t filled = 0;
    for (size_t i = 0; i < kMaxRows; ++i) {
      for (const RowField& f : s.fields) {
        for (const std::string& part : PartIds(s, i, f)) {
          if (!form.Value(part).empty()) filled = i + 1;
        }
      }
    }
    // "Add another" adds a row to those the officer saw; otherwise the filled rows, or the fewest.
    auto shown = ParseWholeNumber(form.Value(std::string(s.prefix) + "-rows"), "rows", kMaxRows);
    const size_t count = std::min(kMaxRows, added == s.prefix ? std::max(filled, shown.ok() ? size_t(*shown) : 0) + 1
                                                              : std::max(filled, s.min_rows));
    nlohmann::json rows = nlohmann::json::array();
    for (size_t i = 0; i < count; ++i) {
      nlohmann::json fields = nlohmann::json::array();
      for (const RowField& f : s.fields) fields.push_back(RowFieldJson(form, f, Id(s, i, f.name)));
      // The row just added takes the focus, so that the officer carries on typing there.
      if (added == s.prefix && i + 1 == count) fields[0]["autofocus"] = true;
      const std::string legend = std::string(s.item) + " " + std::to_string(i + 1);
      // Any row but the last of the fewest a part shows can be removed (a round trip, as adding is).
      rows.push_back({{"legend", legend}, {"legend_lower", Lower(legend)}, {"fields", fields},
                      {"removable", count > s.min_rows}, {"row_id", std::string(s.prefix) + "-" + std::to_string(i)}});
    }
    sections.push_back({{"prefix", s.prefix},
                        {"count", std::to_string(count)},
                        {"heading", s.heading},
                        {"add_label", "Add another " + Lower(s.item)},
                        {"rows", rows}});
  }
  auto key = RandomHex();
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("record_meeting", {{"meeting", meeting}, {"unscheduled", unscheduled}, {"held", held},
                                          {"sections", sections}, {"csrf", ex.csrf}, {"idempotency", *key},
                                          {"unscheduled_open", form.Value("meeting") == "new"}},
                      frame),
           status);
}

// Where a refused step's error is shown: the prefix of its fields, and the field otherwise.
struct Anchor {
  std::string prefix, fallback, what;
};

}  // namespace

void RecordMeetingPage(Exchange& ex) {
  FormState form;
  form.Set("meeting", ex.Query("meeting").substr(0, 20));
  ShowForm(ex, form, "", 200);
}

void RecordMeeting(Exchange& ex) {
  FormState form(ex.req);
  // "Remove" empties its row, which is then dropped as every empty row is.
  const std::string remove = form.Value("remove");
  for (const Section& s : kSections) {
    for (size_t i = 0; i < kMaxRows && !remove.empty(); ++i) {
      if (remove != std::string(s.prefix) + "-" + std::to_string(i)) continue;
      for (const RowField& f : s.fields) {
        for (const std::string& part : PartIds(s, i, f)) form.Set(part, "");
      }
    }
  }
  std::vector<size_t> counts;
  for (const Section& s : kSections) counts.push_back(RenumberRows(s, form));
  const std::string add = form.Value("add");
  if (!add.empty() || !remove.empty()) return ShowForm(ex, form, add, 200);  // nothing is checked yet
  std::vector<std::pair<const Section*, std::vector<nlohmann::json>>> parts;
  for (size_t k = 0; k < std::size(kSections); ++k) parts.emplace_back(&kSections[k], ReadRows(kSections[k], counts[k], form));

  std::vector<Step> steps;
  std::vector<Anchor> anchors;
  std::string meeting_id = form.Value("meeting");
  auto place = [&](const Status& why, const Anchor& at) {
    for (const Status::Problem& p : why.problems()) {
      // The meeting's own step names attendees' fields from the top ("attendees.2.agency"),
      // in messages that say which attendee.
      if (p.field == "attendees") {
        form.AddError("attendees-0-name", p.message);
      } else if (p.field.starts_with("attendees.")) {
        form.AddError(p, "", at.fallback);
      } else {
        form.AddError(p, at.prefix, at.fallback, at.what);
      }
    }
  };
  auto read = [&](const Form& f, const nlohmann::json& fields, const std::string& subject, Anchor anchor) {
    auto command = ReadFields(f, fields, subject, anchor.what);
    if (!command.ok()) return place(command.status(), anchor);
    steps.push_back(Step{std::move(*command), std::nullopt});
    anchors.push_back(std::move(anchor));
  };
  if (meeting_id.empty()) {
    form.AddError("meeting", "Choose the meeting, or 'It was not scheduled' and enter it");
  } else if (meeting_id == "new") {
    const nlohmann::json fields = form.Read(ScheduleFields(), ScheduleMeetingForm(), kUnscheduledPrefix);
    const std::string borough_name = form.Value(std::string(kUnscheduledPrefix) + "borough");
    auto borough = reference::FindBorough(borough_name);
    meeting_id = MeetingId(borough.ok() ? borough->code : borough_name, fields.value("date", ""));
    read(ScheduleMeetingForm(), fields, "", {kUnscheduledPrefix, std::string(kUnscheduledPrefix) + "borough", "The meeting"});
  }
  nlohmann::json hold = form.Read(HeldFields(), HoldMeetingForm(), kHeldPrefix);
  hold["attendees"] = parts[0].second;
  read(HoldMeetingForm(), hold, meeting_id, {kHeldPrefix, "attendees-0-name", "Who attended"});
  for (const auto& [section, rows] : parts) {
    if (section->form == nullptr) continue;
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string prefix = Id(*section, i, "");
      read(*section->form(), rows[i], meeting_id,
           {prefix, prefix + section->fields[0].name, std::string(section->item) + " " + std::to_string(i + 1)});
    }
  }
  if (!form.ok()) {
    // The page's own mistakes (a date's boxes, a number) are shown with the rules' about the
    // rest; a rule's other refusals may only follow from a step left out, so are not.
    std::vector<Refusal> refusals;
    (void)ex.s.engine.Check(FormContext(ex, ""), steps, &refusals);
    for (const Refusal& r : refusals) {
      if (r.why.code() == Status::Code::kInvalidArgument) place(r.why, anchors[r.step]);
    }
    return ShowForm(ex, form, "", 400);
  }

  size_t failed = steps.size();
  std::vector<Refusal> refusals;  // every step whose fields are wrong, each shown on its part
  auto outcome = Append(ex, FormContext(ex, form.Value("idempotency")), steps, &failed, &refusals);
  if (!outcome.ok()) {
    if (refusals.empty()) form.AddError("meeting", outcome.status().message());  // the whole, e.g. its size
    for (const Refusal& r : refusals) place(r.why, anchors[r.step]);
    return ShowForm(ex, form, "", HttpStatus(outcome.status().code()));
  }
  SeeOther(ex.res, "/meetings/" + meeting_id + "?recorded=true");
}

}  // namespace jem::api::web
