#include "engine/importer.h"

#include <algorithm>
#include <functional>

#include <yaml-cpp/yaml.h>

#include "engine/command_forms.h"
#include "projections/reference.h"
#include "projections/stream_state.h"
#include "engine/yaml_lines.h"

namespace jem {
namespace {


// A YAML mapping as a source of fields. Errors name the line.
class YamlSource : public FieldSource {
 public:
  explicit YamlSource(YAML::Node map) : map_(std::move(map)) {}

  Status OnlyKeys(std::string_view what, std::span<const std::string_view> known) const override {
    if (!map_.IsMap()) return AtLine(map_, std::string(what) + " must be a mapping of fields");
    for (const auto& kv : map_) {
      if (!kv.first.IsScalar()) return AtLine(kv.first, "a field name must be text");
      const std::string key = kv.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string expected;
      for (auto k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
      return AtLine(kv.first, "unknown field '" + key + "' in " + std::string(what) + " (expected: " + expected + ")");
    }
    return Status::Ok();
  }

  Result<std::string> Text(std::string_view key) const override {
    const YAML::Node n = Get(key);
    if (!n || n.IsNull()) return std::string();
    return Scalar(n, key);
  }

  Result<std::vector<std::string>> List(std::string_view key) const override {
    const YAML::Node n = Get(key);
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (n.IsScalar()) return std::vector<std::string>{n.as<std::string>()};
    if (!n.IsSequence()) return AtLine(n, "'" + std::string(key) + "' must be a list");
    for (const auto& item : n) {
      JEM_ASSIGN_OR_RETURN(auto text, Scalar(item, key));
      out.push_back(std::move(text));
    }
    return out;
  }

  Result<std::optional<int64_t>> Integer(std::string_view key, int64_t min, int64_t max) const override {
    const YAML::Node n = Get(key);
    if (!n || n.IsNull()) return std::optional<int64_t>();
    JEM_ASSIGN_OR_RETURN(auto text, Scalar(n, key));
    const bool negative = text.starts_with('-');
    auto magnitude = ParseWholeNumber(std::string_view(text).substr(negative ? 1 : 0), "'" + std::string(key) + "'",
                                      uint64_t(negative ? -min : max));
    if (!magnitude.ok() || (negative ? -int64_t(*magnitude) < min : int64_t(*magnitude) < min)) {
      return AtLine(n, "'" + std::string(key) + "' must be a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", not '" + text.substr(0, 40) + "'");
    }
    return std::optional<int64_t>(negative ? -int64_t(*magnitude) : int64_t(*magnitude));
  }

  Result<std::vector<std::unique_ptr<FieldSource>>> Objects(std::string_view key) const override {
    const YAML::Node n = Get(key);
    std::vector<std::unique_ptr<FieldSource>> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) return AtLine(n, "'" + std::string(key) + "' must be a list");
    for (const auto& item : n) out.push_back(std::make_unique<YamlSource>(item));
    return out;
  }

  std::string Where(std::string_view key) const override {
    const YAML::Node n = Get(key);
    return "line " + std::to_string(LineOf(n ? n : map_));
  }

  const YAML::Node& node() const { return map_; }

 private:
  YAML::Node Get(std::string_view key) const {
    return map_.IsMap() ? map_[std::string(key)] : YAML::Node();
  }

  static Result<std::string> Scalar(const YAML::Node& n, std::string_view key) {
    if (!n.IsScalar()) return AtLine(n, "'" + std::string(key) + "' must be text");
    std::string text = n.as<std::string>();
    if (text.size() > kMaxFieldBytes) {
      return AtLine(n, "'" + std::string(key) + "' is " + std::to_string(text.size()) + " bytes; at most " +
                       std::to_string(kMaxFieldBytes));
    }
    return text;
  }

  YAML::Node map_;
};

// The fields of the document's blocks beyond what their commands read.
constexpr std::string_view kDocumentKeys[] = {"meeting", "attendees", "decisions", "actions",
                                              "good_practice", "issues", "feedback"};
constexpr std::string_view kMeetingExtra[] = {"id", "held_on", "status", "reason", "chair"};
constexpr std::string_view kUpdatesKey[] = {"updates"};
constexpr std::string_view kUpdateExtra[] = {"do", "on"};

class Parser {
 public:
  Result<std::vector<ImportStep>> Parse(const YAML::Node& doc) {
    const YamlSource root(doc);
    JEM_RETURN_IF_ERROR(root.OnlyKeys("the document", kDocumentKeys));
    if (!doc["meeting"]) return AtLine(doc, "the document needs a 'meeting'");
    JEM_RETURN_IF_ERROR(Meeting(doc["meeting"], doc["attendees"]));
    for (const auto& d : Sequence(doc, "decisions")) {
      if (!d.IsScalar()) return AtLine(d, "each decision must be text");
      YAML::Node fields;
      fields["text"] = d;
      JEM_RETURN_IF_ERROR(Add(RecordDecisionForm(), YamlSource(fields), meeting_id_, "a decision", d));
    }
    for (const auto& a : Sequence(doc, "actions")) {
      JEM_RETURN_IF_ERROR(WithUpdates(a, AgreeActionForm(), "an action", "ref", [](const std::string& name) {
        const ActionVerb* verb = FindActionVerb(name);
        return verb ? &UpdateActionForm(verb->kind) : nullptr;
      }, VerbNames(ActionVerbs())));
    }
    for (const auto& p : Sequence(doc, "good_practice")) {
      JEM_RETURN_IF_ERROR(WithUpdates(p, IdentifyPracticeForm(), "good practice", "id", [](const std::string& name) {
        const PracticeVerb* verb = FindPracticeVerb(name);
        return verb ? &UpdatePracticeForm(verb->kind) : nullptr;
      }, VerbNames(PracticeVerbs())));
    }
    for (const auto& i : Sequence(doc, "issues")) {
      JEM_RETURN_IF_ERROR(WithUpdates(i, RaiseIssueForm(), "a pan-London issue", "id", [](const std::string& name) {
        const IssueVerb* verb = FindIssueVerb(name);
        return verb ? &UpdateIssueForm(verb->kind) : nullptr;
      }, VerbNames(IssueVerbs())));
    }
    for (const auto& f : Sequence(doc, "feedback")) {
      JEM_RETURN_IF_ERROR(Add(GiveFeedbackForm(), YamlSource(f), meeting_id_, "feedback", f));
    }
    if (!bad_sequence_.ok()) return bad_sequence_;
    return std::move(steps_);
  }

 private:
  // The items of list `key` (none if absent); a non-list is reported when parsing ends.
  std::vector<YAML::Node> Sequence(const YAML::Node& doc, const std::string& key) {
    std::vector<YAML::Node> out;
    const YAML::Node n = doc[key];
    if (!n) return out;
    if (!n.IsSequence()) {
      if (bad_sequence_.ok()) bad_sequence_ = AtLine(n, "'" + key + "' must be a list");
      return out;
    }
    for (const auto& item : n) out.push_back(item);
    return out;
  }

  // Reads `form` from `fields` (which may also hold `extra`) as one step of the import.
  Status Add(const Form& form, const YamlSource& fields, const std::string& subject, std::string_view what,
             const YAML::Node& where, std::span<const std::string_view> extra = {},
             std::optional<Timestamp> on = std::nullopt) {
    JEM_ASSIGN_OR_RETURN(auto command, ReadForm(form, fields, subject, what, extra));
    steps_.push_back(ImportStep{Step{std::move(command), on}, LineOf(where)});
    return Status::Ok();
  }

  Status Meeting(const YAML::Node& m, const YAML::Node& attendees) {
    const YamlSource meeting(m);
    std::vector<std::string_view> known = ScheduleMeetingForm().names();
    known.insert(known.end(), std::begin(kMeetingExtra), std::end(kMeetingExtra));
    JEM_RETURN_IF_ERROR(meeting.OnlyKeys("the meeting", known));
    JEM_ASSIGN_OR_RETURN(std::string status, meeting.Text("status"));
    if (status.empty()) status = "held";
    if (status != "held" && status != "scheduled" && status != "cancelled") {
      return AtLine(m["status"], "status '" + status + "' must be held, scheduled or cancelled");
    }
    JEM_ASSIGN_OR_RETURN(meeting_id_, meeting.Text("id"));
    if (meeting_id_.empty()) {  // a new meeting: schedule it first
      JEM_ASSIGN_OR_RETURN(auto schedule, ScheduleMeetingForm().read(meeting, ""));
      const auto& s = std::get<command::ScheduleMeeting>(schedule);
      auto borough = reference::FindBorough(s.borough);
      meeting_id_ = MeetingId(borough.ok() ? borough->code : s.borough, s.date);
      steps_.push_back(ImportStep{Step{std::move(schedule), std::nullopt}, LineOf(m)});
    }
    if (status == "cancelled") {
      JEM_ASSIGN_OR_RETURN(auto reason, meeting.Text("reason"));
      if (reason.empty()) return AtLine(m, "a cancelled meeting needs 'reason'");
      steps_.push_back(ImportStep{Step{command::CancelMeeting{meeting_id_, reason}, std::nullopt}, LineOf(m)});
    } else if (status == "held") {
      if (!attendees || !attendees.IsSequence()) {
        return AtLine(attendees ? attendees : m, "a held meeting needs a list of 'attendees'");
      }
      YAML::Node hold;
      if (m["held_on"]) hold["date"] = m["held_on"];
      if (m["chair"]) hold["chair"] = m["chair"];
      hold["attendees"] = attendees;
      JEM_RETURN_IF_ERROR(Add(HoldMeetingForm(), YamlSource(hold), meeting_id_, "the meeting", m));
    }
    return Status::Ok();
  }

  // An item made by `form` and its list of `updates`, each with 'do' (a verb whose form
  // `form_of` gives), maybe 'on' (the day it happened) and that verb's fields. The item's
  // `id_field` must be set when there are updates, so they can name what they update.
  Status WithUpdates(const YAML::Node& item, const Form& form, const std::string& what, const std::string& id_field,
                     const std::function<const Form*(const std::string&)>& form_of, const std::string& verbs) {
    const YamlSource fields(item);
    JEM_RETURN_IF_ERROR(Add(form, fields, meeting_id_, what, item, kUpdatesKey));
    const auto updates = Sequence(item, "updates");
    if (updates.empty()) return Status::Ok();
    JEM_ASSIGN_OR_RETURN(auto id, fields.Text(id_field));
    if (id.empty()) return AtLine(item, what + " with updates needs its '" + id_field + "', so the updates can name it");
    for (const auto& u : updates) {
      const YamlSource update(u);
      if (!u.IsMap()) return AtLine(u, "an update of " + what + " must be a mapping of fields");
      JEM_ASSIGN_OR_RETURN(auto verb, update.Text("do"));
      const Form* verb_form = form_of(verb);
      if (verb_form == nullptr) {
        return AtLine(u["do"] ? u["do"] : u, "'" + verb + "' is not an update of " + what + "; use one of " + verbs);
      }
      std::optional<Timestamp> on;
      JEM_ASSIGN_OR_RETURN(auto day, update.Text("on"));
      if (!day.empty()) {
        auto parsed = reference::ParseDate(day, "'on'");
        if (!parsed.ok()) return AtLine(u["on"], parsed.status().message());
        on = Timestamp(*parsed);
      }
      JEM_RETURN_IF_ERROR(Add(*verb_form, update, id, "an update of " + what, u, kUpdateExtra, on));
    }
    return Status::Ok();
  }

  std::string meeting_id_;
  std::vector<ImportStep> steps_;
  Status bad_sequence_;
};

}  // namespace

Result<std::vector<ImportStep>> ParseJemDocument(std::string_view text) {
  if (text.size() > kMaxImportBytes) {
    return Status::InvalidArgument("the document is " + std::to_string(text.size()) + " bytes; an import takes at most " +
                                   std::to_string(kMaxImportBytes));
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ", column " +
                                   std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!doc || doc.IsNull()) return Status::InvalidArgument("the document is empty");
  try {
    JEM_ASSIGN_OR_RETURN(auto steps, Parser().Parse(doc));
    if (steps.size() > kMaxImportSteps) {
      return Status::InvalidArgument("the document records " + std::to_string(steps.size()) +
                                     " changes; an import takes at most " + std::to_string(kMaxImportSteps) +
                                     " (split it, a meeting at a time)");
    }
    return steps;
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace jem
