#include "engine/importer.h"

#include <algorithm>
#include <functional>
#include <set>

#include <yaml-cpp/yaml.h>

#include "projections/reference.h"
#include "projections/stream_state.h"

namespace jem {
namespace {

// Reads one document, tracking lines for errors. Every field access goes through here so
// a typo'd or mistyped field is reported with its line, never thrown past the importer.
class Reader {
 public:
  static int Line(const YAML::Node& n) { return n.Mark().line + 1; }

  static Status At(const YAML::Node& n, const std::string& message) {
    return Status::InvalidArgument("line " + std::to_string(Line(n)) + ": " + message);
  }

  // Refuses keys of `map` not in `known`, naming the one found and the ones expected.
  static Status OnlyKeys(const YAML::Node& map, std::string_view what, const std::set<std::string>& known) {
    if (!map.IsMap()) return At(map, std::string(what) + " must be a mapping of fields");
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (!known.count(key)) {
        std::string expected;
        for (const auto& k : known) expected += (expected.empty() ? "" : ", ") + k;
        return At(kv.first, "unknown field '" + key + "' in " + std::string(what) + " (expected: " + expected + ")");
      }
    }
    return Status::Ok();
  }

  static Result<std::string> Text(const YAML::Node& map, const std::string& key, bool required,
                                  std::string_view what) {
    const YAML::Node n = map[key];
    if (!n) {
      if (required) return At(map, std::string(what) + " needs '" + key + "'");
      return std::string();
    }
    if (!n.IsScalar()) return At(n, "'" + key + "' must be text");
    return n.as<std::string>();
  }

  static Result<std::vector<std::string>> List(const YAML::Node& map, const std::string& key) {
    std::vector<std::string> out;
    const YAML::Node n = map[key];
    if (!n) return out;
    if (n.IsScalar()) return std::vector<std::string>{n.as<std::string>()};
    if (!n.IsSequence()) return At(n, "'" + key + "' must be a list");
    for (const auto& item : n) {
      if (!item.IsScalar()) return At(item, "each of '" + key + "' must be text");
      out.push_back(item.as<std::string>());
    }
    return out;
  }

  static Result<std::optional<Timestamp>> On(const YAML::Node& map) {
    auto text = Text(map, "on", false, "");
    if (!text.ok()) return text.status();
    if (text->empty()) return std::optional<Timestamp>();
    auto day = reference::ParseDate(*text, "'on'");
    if (!day.ok()) return At(map["on"], day.status().message());
    return std::optional<Timestamp>(Timestamp(*day));
  }
};

#define JEM_ASSIGN(lhs, expr)                 \
  do {                                        \
    auto jem_value_ = (expr);                 \
    if (!jem_value_.ok()) return jem_value_.status(); \
    lhs = std::move(jem_value_.value());      \
  } while (0)

class Parser {
 public:
  Result<std::vector<ImportStep>> Parse(const YAML::Node& doc) {
    JEM_RETURN_IF_ERROR(Reader::OnlyKeys(doc, "the document",
                                        {"meeting", "attendees", "decisions", "actions",
                                         "good_practice", "issues", "feedback"}));
    if (!doc["meeting"]) return Reader::At(doc, "the document needs a 'meeting'");
    JEM_RETURN_IF_ERROR(Meeting(doc["meeting"], doc["attendees"]));
    for (const auto& d : Sequence(doc, "decisions")) {
      if (!d.IsScalar()) return Reader::At(d, "each decision must be text");
      Add(command::RecordDecision{meeting_id_, d.as<std::string>()}, d);
    }
    for (const auto& a : Sequence(doc, "actions")) JEM_RETURN_IF_ERROR(Action(a));
    for (const auto& p : Sequence(doc, "good_practice")) JEM_RETURN_IF_ERROR(Practice(p));
    for (const auto& i : Sequence(doc, "issues")) JEM_RETURN_IF_ERROR(Issue(i));
    for (const auto& f : Sequence(doc, "feedback")) {
      JEM_RETURN_IF_ERROR(Reader::OnlyKeys(f, "feedback", {"from", "positive", "suggestions"}));
      command::GiveFeedback cmd{meeting_id_, "", "", ""};
      JEM_ASSIGN(cmd.from_agency, Reader::Text(f, "from", true, "feedback"));
      JEM_ASSIGN(cmd.positive, Reader::Text(f, "positive", false, "feedback"));
      JEM_ASSIGN(cmd.suggestions, Reader::Text(f, "suggestions", false, "feedback"));
      Add(cmd, f);
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
      if (bad_sequence_.ok()) bad_sequence_ = Reader::At(n, "'" + key + "' must be a list");
      return out;
    }
    for (const auto& item : n) out.push_back(item);
    return out;
  }

  void Add(AnyCommand command, const YAML::Node& node, std::optional<Timestamp> on = std::nullopt) {
    steps_.push_back(ImportStep{Step{std::move(command), on}, Reader::Line(node)});
  }

  Status Meeting(const YAML::Node& m, const YAML::Node& attendees) {
    JEM_RETURN_IF_ERROR(Reader::OnlyKeys(m, "the meeting",
                                        {"id", "borough", "round", "theme", "date", "start", "end",
                                         "room", "chair", "held_on", "status", "reason"}));
    std::string status;
    JEM_ASSIGN(status, Reader::Text(m, "status", false, "the meeting"));
    if (status.empty()) status = "held";
    if (status != "held" && status != "scheduled" && status != "cancelled") {
      return Reader::At(m["status"], "status '" + status + "' must be held, scheduled or cancelled");
    }
    JEM_ASSIGN(meeting_id_, Reader::Text(m, "id", false, "the meeting"));
    if (meeting_id_.empty()) {  // a new meeting: schedule it first
      command::ScheduleMeeting s;
      JEM_ASSIGN(s.borough, Reader::Text(m, "borough", true, "the meeting"));
      std::string round;
      JEM_ASSIGN(round, Reader::Text(m, "round", true, "the meeting"));
      try {
        s.round = m["round"].as<uint32_t>();
      } catch (const YAML::Exception&) {
        return Reader::At(m["round"], "round '" + round + "' must be a number");
      }
      JEM_ASSIGN(s.theme, Reader::Text(m, "theme", true, "the meeting"));
      JEM_ASSIGN(s.date, Reader::Text(m, "date", true, "the meeting"));
      JEM_ASSIGN(s.start_time, Reader::Text(m, "start", true, "the meeting"));
      JEM_ASSIGN(s.end_time, Reader::Text(m, "end", true, "the meeting"));
      JEM_ASSIGN(s.room, Reader::Text(m, "room", true, "the meeting"));
      JEM_ASSIGN(s.chair, Reader::Text(m, "chair", false, "the meeting"));
      auto borough = reference::FindBorough(s.borough);
      meeting_id_ = MeetingId(borough.ok() ? borough->code : s.borough, s.date);
      Add(s, m);
    }
    if (status == "cancelled") {
      command::CancelMeeting c{meeting_id_, ""};
      JEM_ASSIGN(c.reason, Reader::Text(m, "reason", true, "a cancelled meeting"));
      Add(c, m);
    } else if (status == "held") {
      command::HoldMeeting h{meeting_id_, "", "", {}};
      JEM_ASSIGN(h.date, Reader::Text(m, "held_on", false, "the meeting"));
      JEM_ASSIGN(h.chair, Reader::Text(m, "chair", false, "the meeting"));
      if (!attendees || !attendees.IsSequence()) {
        return Reader::At(attendees ? attendees : m, "a held meeting needs a list of 'attendees'");
      }
      for (const auto& a : attendees) {
        JEM_RETURN_IF_ERROR(Reader::OnlyKeys(a, "an attendee", {"name", "agency", "role"}));
        command::Attendee who;
        JEM_ASSIGN(who.name, Reader::Text(a, "name", true, "an attendee"));
        JEM_ASSIGN(who.agency, Reader::Text(a, "agency", true, "an attendee"));
        JEM_ASSIGN(who.role, Reader::Text(a, "role", false, "an attendee"));
        h.attendees.push_back(who);
      }
      Add(h, m);
    }
    return Status::Ok();
  }

  Status Action(const YAML::Node& a) {
    JEM_RETURN_IF_ERROR(Reader::OnlyKeys(a, "an action", {"ref", "text", "lead", "supporting", "due",
                                                         "priority", "theme", "updates"}));
    command::AgreeAction cmd;
    cmd.meeting_id = meeting_id_;
    JEM_ASSIGN(cmd.reference, Reader::Text(a, "ref", false, "an action"));
    JEM_ASSIGN(cmd.text, Reader::Text(a, "text", true, "an action"));
    JEM_ASSIGN(cmd.lead_agency, Reader::Text(a, "lead", true, "an action"));
    JEM_ASSIGN(cmd.supporting_agencies, Reader::List(a, "supporting"));
    JEM_ASSIGN(cmd.due_date, Reader::Text(a, "due", true, "an action"));
    JEM_ASSIGN(cmd.priority, Reader::Text(a, "priority", false, "an action"));
    JEM_ASSIGN(cmd.theme, Reader::Text(a, "theme", false, "an action"));
    Add(cmd, a);
    using Kind = command::UpdateAction::Kind;
    return Updates<Kind>(
        a, cmd.reference, "ref", "an action",
        {{"start", Kind::kStart}, {"note", Kind::kNote}, {"block", Kind::kBlock},
         {"unblock", Kind::kUnblock}, {"complete", Kind::kComplete}, {"drop", Kind::kDrop},
         {"reopen", Kind::kReopen}, {"redate", Kind::kRedate}, {"reassign", Kind::kReassign}},
        {"text", "percent", "due", "to"}, [&](const YAML::Node& u, Kind kind) -> Result<AnyCommand> {
          command::UpdateAction update;
          update.kind = kind;
          update.reference = cmd.reference;
          JEM_ASSIGN(update.text, Reader::Text(u, "text", false, "an action update"));
          JEM_ASSIGN(update.new_due_date, Reader::Text(u, "due", false, "an action update"));
          JEM_ASSIGN(update.new_lead_agency, Reader::Text(u, "to", false, "an action update"));
          if (u["percent"]) {
            try {
              update.percent_complete = u["percent"].as<int>();
            } catch (const YAML::Exception&) {
              return Reader::At(u["percent"], "'percent' must be a whole number");
            }
          }
          return AnyCommand(update);
        });
  }

  Status Practice(const YAML::Node& p) {
    JEM_RETURN_IF_ERROR(Reader::OnlyKeys(p, "good practice", {"id", "title", "borough", "theme", "partners",
                                                             "description", "contact", "updates"}));
    command::IdentifyPractice cmd;
    cmd.meeting_id = meeting_id_;
    JEM_ASSIGN(cmd.practice_id, Reader::Text(p, "id", false, "good practice"));
    JEM_ASSIGN(cmd.title, Reader::Text(p, "title", true, "good practice"));
    JEM_ASSIGN(cmd.borough, Reader::Text(p, "borough", false, "good practice"));
    JEM_ASSIGN(cmd.theme, Reader::Text(p, "theme", false, "good practice"));
    JEM_ASSIGN(cmd.partners, Reader::List(p, "partners"));
    JEM_ASSIGN(cmd.description, Reader::Text(p, "description", true, "good practice"));
    JEM_ASSIGN(cmd.contact, Reader::Text(p, "contact", false, "good practice"));
    Add(cmd, p);
    using Kind = command::UpdatePractice::Kind;
    return Updates<Kind>(
        p, cmd.practice_id, "id", "good practice",
        {{"validate", Kind::kValidate}, {"disseminate", Kind::kDisseminate}, {"reject", Kind::kReject}},
        {"text"}, [&](const YAML::Node& u, Kind kind) -> Result<AnyCommand> {
          command::UpdatePractice update{kind, cmd.practice_id, ""};
          JEM_ASSIGN(update.text, Reader::Text(u, "text", false, "a good practice update"));
          return AnyCommand(update);
        });
  }

  Status Issue(const YAML::Node& i) {
    JEM_RETURN_IF_ERROR(Reader::OnlyKeys(i, "a pan-London issue", {"id", "title", "description", "lead", "updates"}));
    command::RaiseIssue cmd;
    cmd.meeting_id = meeting_id_;
    JEM_ASSIGN(cmd.issue_id, Reader::Text(i, "id", false, "a pan-London issue"));
    JEM_ASSIGN(cmd.title, Reader::Text(i, "title", true, "a pan-London issue"));
    JEM_ASSIGN(cmd.description, Reader::Text(i, "description", false, "a pan-London issue"));
    JEM_ASSIGN(cmd.lead_agency, Reader::Text(i, "lead", true, "a pan-London issue"));
    Add(cmd, i);
    using Kind = command::UpdateIssue::Kind;
    return Updates<Kind>(i, cmd.issue_id, "id", "a pan-London issue",
                         {{"update", Kind::kUpdate}, {"resolve", Kind::kResolve}}, {"text"},
                         [&](const YAML::Node& u, Kind kind) -> Result<AnyCommand> {
                           command::UpdateIssue update{kind, cmd.issue_id, ""};
                           JEM_ASSIGN(update.text, Reader::Text(u, "text", true, "an issue update"));
                           return AnyCommand(update);
                         });
  }

  // Reads `item`'s list of updates: each has 'do' (a key of `kinds`), may have 'on' (the day
  // it happened) and the `fields` given; `make` turns one into a command. `id` (the item's
  // field `id_field`) must be set when there are updates, so they can name what they update.
  template <typename Kind>
  Status Updates(const YAML::Node& item, const std::string& id, const std::string& id_field,
                 const std::string& what,
                 const std::vector<std::pair<std::string, Kind>>& kinds, std::set<std::string> fields,
                 const std::function<Result<AnyCommand>(const YAML::Node&, Kind)>& make) {
    const auto updates = Sequence(item, "updates");
    if (updates.empty()) return Status::Ok();
    if (id.empty()) {
      return Reader::At(item, what + " with updates needs its '" + id_field + "', so the updates can name it");
    }
    fields.insert({"on", "do"});
    std::string names;
    for (const auto& [name, kind] : kinds) names += (names.empty() ? "" : ", ") + name;
    for (const auto& u : updates) {
      JEM_RETURN_IF_ERROR(Reader::OnlyKeys(u, "an update of " + what, fields));
      std::string name;
      JEM_ASSIGN(name, Reader::Text(u, "do", true, "an update of " + what));
      auto found = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == name; });
      if (found == kinds.end()) {
        return Reader::At(u["do"], "'" + name + "' is not an update of " + what + "; use one of " + names);
      }
      auto command = make(u, found->second);
      if (!command.ok()) return command.status();
      std::optional<Timestamp> on;
      JEM_ASSIGN(on, Reader::On(u));
      Add(*command, u, on);
    }
    return Status::Ok();
  }

  std::string meeting_id_;
  std::vector<ImportStep> steps_;
  Status bad_sequence_;
};

}  // namespace

Result<std::vector<ImportStep>> ParseJemDocument(std::string_view text) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ", column " +
                                   std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!doc || doc.IsNull()) return Status::InvalidArgument("the document is empty");
  try {
    return Parser().Parse(doc);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace jem
