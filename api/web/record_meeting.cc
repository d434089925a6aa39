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
  enum Kind { kInput, kTextArea, kAgency, kAgencies, kPriority, kDate };  // kAgencies: checkboxes, a list
  const char* name;  // the command form's field
  const char* label;
  Kind kind;
  const char* hint = "";
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
  bool one_card;  // checked as one card, a line per row (attendees), not a card per row (actions)
};

constexpr char kSelectAll[] = "Select all that apply";
constexpr char kDay[] = "For example, 30 9 2009";
constexpr RowField kAttendee[] = {{"name", "Name", RowField::kInput},
                                  {"agency", "Agency", RowField::kAgency},
                                  {"role", "Role", RowField::kInput, "For example, Chair"}};
constexpr RowField kDecision[] = {{"text", "Decision", RowField::kTextArea}};
constexpr RowField kAction[] = {{"text", "What was agreed", RowField::kTextArea},
                                {"lead", "Lead agency", RowField::kAgency},
                                {"supporting", "Supporting agencies (optional)", RowField::kAgencies, kSelectAll},
                                {"due", "Due date", RowField::kDate, kDay},
                                {"priority", "Priority", RowField::kPriority}};
constexpr RowField kPractice[] = {{"title", "Title", RowField::kInput},
                                  {"description", "What the practice is", RowField::kTextArea},
                                  {"partners", "Partner agencies (optional)", RowField::kAgencies, kSelectAll},
                                  {"contact", "Who to ask about it (optional)", RowField::kInput}};
constexpr RowField kIssue[] = {{"title", "Title", RowField::kInput},
                               {"description", "The problem across boroughs", RowField::kTextArea},
                               {"lead", "Lead agency", RowField::kAgency}};
constexpr RowField kFeedback[] = {{"from", "From", RowField::kAgency},
                                  {"positive", "What worked", RowField::kTextArea},
                                  {"suggestions", "What could be better", RowField::kTextArea}};

const Section kSections[] = {
    {"attendees", "Who attended", "Attendee", kAttendee, 3, nullptr, true},
    {"decisions", "Decisions", "Decision", kDecision, 1, [] { return &RecordDecisionForm(); }, true},
    {"actions", "Agreed actions", "Action", kAction, 2, [] { return &AgreeActionForm(); }, false},
    {"practice", "Good practice", "Good practice", kPractice, 1, [] { return &IdentifyPracticeForm(); }, false},
    {"issues", "Pan-London issues", "Issue", kIssue, 1, [] { return &RaiseIssueForm(); }, false},
    {"feedback", "Feedback on the meeting", "Feedback", kFeedback, 1, [] { return &GiveFeedbackForm(); }, false},
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
      if (!value.empty()) row[f.name] = f.kind == RowField::kAgencies ? nlohmann::json(form.Values(id)) : nlohmann::json(value);
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
    case RowField::kAgencies: return form.Checkboxes(id, f.label, AgencyOptions(), f.hint);
    case RowField::kPriority:
      return form.Select(id, f.label, {{"", "Medium (the default)"}, {"low", "Low"}, {"medium", "Medium"}, {"high", "High"}});
    case RowField::kInput: break;
  }
  return form.Input(id, f.label, f.hint, "govuk-!-width-two-thirds");
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

// What row field `f` was sent with, in words for the check-your-answers page; "" when empty.
std::string RowAnswer(const FormState& form, const RowField& f, const std::string& id) {
  switch (f.kind) {
    case RowField::kDate: {
      auto date = form.DateValue(id, f.label);
      return date.ok() && !date->empty() ? reference::WrittenDay(*date) : "";
    }
    case RowField::kPriority: return Sentence(form.Value(id).empty() ? "medium" : form.Value(id));
    case RowField::kInput:
    case RowField::kTextArea:
    case RowField::kAgency:
    case RowField::kAgencies: break;
  }
  return form.Value(id);
}

// A line of a check-your-answers card: what was answered, and the field "Change" leads to.
nlohmann::json AnswerRow(const std::string& key, const std::string& value, const std::string& field,
                         const std::string& card) {
  return {{"key", key},
          {"value", value.empty() ? "None" : value},
          {"field", field},
          {"what", Lower(key) + (card.empty() || card == key ? "" : " of " + Lower(card))}};
}

// Every id the form may hold a value under, given each part's filled rows.
std::vector<std::string> FormIds(const std::vector<size_t>& counts) {
  std::vector<std::string> ids = {"meeting"};
  for (const auto& [fields, prefix] : {std::pair{ScheduleFields(), kUnscheduledPrefix}, std::pair{HeldFields(), kHeldPrefix}}) {
    for (const PageField& f : fields) {
      for (std::string& id : SentIds(f, prefix)) ids.push_back(std::move(id));
    }
  }
  for (size_t k = 0; k < std::size(kSections); ++k) {
    for (size_t i = 0; i < counts[k]; ++i) {
      for (const RowField& f : kSections[k].fields) {
        for (std::string& id : PartIds(kSections[k], i, f)) ids.push_back(std::move(id));
      }
    }
  }
  return ids;
}

// The whole form as GOV.UK's check-your-answers page: a card per part (or per action, good
// practice ...), each answer with a "Change" that sends every value back to the form, focused
// on that field; every value held in hidden fields, so nothing is kept on the server.
void ShowAnswers(Exchange& ex, const FormState& form, const std::vector<size_t>& counts) {
  nlohmann::json frame = Frame(ex, "Check your answers before recording the meeting", "/meetings");
  nlohmann::json parts = nlohmann::json::array();
  nlohmann::json meeting = nlohmann::json::array();
  auto page_rows = [&](const std::vector<PageField>& fields, const std::string& prefix) {
    for (const PageField& f : fields) {
      meeting.push_back(AnswerRow(AnswerKey(f.label), form.Answer(f, prefix), prefix + f.name, ""));
    }
  };
  if (form.Value("meeting") == "new") {
    page_rows(ScheduleFields(), kUnscheduledPrefix);
  } else {
    std::string chosen = form.Value("meeting");
    for (const auto& [id, words] : ScheduledMeetings(ex)) {
      if (id == chosen) chosen = words;
    }
    meeting.push_back(AnswerRow("Meeting", chosen, "meeting", ""));
  }
  page_rows(HeldFields(), kHeldPrefix);
  // A part's answers are a list under its heading; an action's or a practice's, a card each.
  parts.push_back({{"heading", "The meeting"}, {"list", {{"rows", meeting}}}, {"cards", nlohmann::json::array()}});
  for (size_t k = 0; k < std::size(kSections); ++k) {
    const Section& s = kSections[k];
    nlohmann::json cards = nlohmann::json::array();
    nlohmann::json lines = nlohmann::json::array();  // a one-card part's
    for (size_t i = 0; i < counts[k]; ++i) {
      const std::string title = std::string(s.item) + " " + std::to_string(i + 1);
      nlohmann::json rows = nlohmann::json::array();
      std::string line;
      for (const RowField& f : s.fields) {
        const std::string answer = RowAnswer(form, f, Id(s, i, f.name));
        rows.push_back(AnswerRow(AnswerKey(f.label), answer, Id(s, i, f.name), title));
        if (!answer.empty()) line += (line.empty() ? "" : ", ") + answer;
      }
      if (s.one_card) {
        lines.push_back(AnswerRow(title, line, Id(s, i, s.fields[0].name), ""));
      } else {
        cards.push_back({{"title", title}, {"rows", rows}});
      }
    }
    if (counts[k] == 0) lines.push_back(AnswerRow(s.heading, "", Id(s, 0, s.fields[0].name), ""));
    parts.push_back({{"heading", s.heading},
                     {"list", lines.empty() ? nlohmann::json(false) : nlohmann::json{{"rows", lines}}},
                     {"cards", cards}});
  }
  nlohmann::json hidden = nlohmann::json::array();
  std::vector<std::string> ids = FormIds(counts);
  ids.push_back("idempotency");
  for (const std::string& id : ids) {
    if (!form.Value(id).empty()) hidden.push_back({{"name", id}, {"value", form.Value(id)}});
  }
  SendPage(ex.res, RenderPage("check_meeting", {{"parts", parts}, {"hidden", hidden}, {"csrf", ex.csrf}}, frame), 200);
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
  // "Change" on the check-your-answers page: the form again, every value kept, at that field
  // (an id that is no field's focuses nothing).
  if (const std::string change = form.Value("change"); !change.empty()) {
    form.Focus(change);
    return ShowForm(ex, form, "", 200);
  }
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

  // A refusal of the whole: every step whose fields are wrong, each shown on its part.
  auto refused = [&](const Status& why, const std::vector<Refusal>& refusals) {
    if (refusals.empty()) form.AddError("meeting", why.message());  // the whole, e.g. its size
    for (const Refusal& r : refusals) place(r.why, anchors[r.step]);
    ShowForm(ex, form, "", HttpStatus(why.code()));
  };
  std::vector<Refusal> refusals;
  // Nothing is recorded before the officer has checked the answers the rules accept.
  if (form.Value("confirmed") != "yes") {
    const Status checked = ex.s.engine.Check(FormContext(ex, ""), steps, &refusals);
    return checked.ok() ? ShowAnswers(ex, form, counts) : refused(checked, refusals);
  }
  size_t failed = steps.size();
  auto outcome = Append(ex, FormContext(ex, form.Value("idempotency")), steps, &failed, &refusals);
  if (!outcome.ok()) return refused(outcome.status(), refusals);
  SeeOther(ex.res, "/meetings/" + meeting_id + "?recorded=true");
}

}  // namespace jem::api::web
