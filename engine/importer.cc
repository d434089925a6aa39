#include "engine/importer.h"

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
    const auto updates = Sequence(a, "updates");
    if (!updates.empty() && cmd.reference.empty()) {
      return Reader::At(a, "an action with updates needs its 'ref', so the updates can name it");
    }
    static const std::map<std::string, command::UpdateAction::Kind> kKinds = {
        {"start", command::UpdateAction::Kind::kStart},   {"note", command::UpdateAction::Kind::kNote},
        {"block", command::UpdateAction::Kind::kBlock},   {"unblock", command::UpdateAction::Kind::kUnblock},
        {"complete", command::UpdateAction::Kind::kComplete}, {"drop", command::UpdateAction::Kind::kDrop},
        {"reopen", command::UpdateAction::Kind::kReopen}, {"redate", command::UpdateAction::Kind::kRedate},
        {"reassign", command::UpdateAction::Kind::kReassign}};
    for (const auto& u : updates) {
      JEM_RETURN_IF_ERROR(Reader::OnlyKeys(u, "an action update", {"on", "do", "text", "percent", "due", "to"}));
      std::string kind;
      JEM_ASSIGN(kind, Reader::Text(u, "do", true, "an action update"));
      auto found = kKinds.find(kind);
      if (found == kKinds.end()) {
        return Reader::At(u["do"], "'" + kind + "' is not an action update; use start, note, block, "
                                   "unblock, complete, drop, reopen, redate or reassign");
      }
      command::UpdateAction update;
      update.kind = found->second;
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
      std::optional<Timestamp> on;
      JEM_ASSIGN(on, Reader::On(u));
      Add(update, u, on);
    }
    return Status::Ok();
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
    const auto updates = Sequence(p, "updates");
    if (!updates.empty() && cmd.practice_id.empty()) {
      return Reader::At(p, "good practice with updates needs its 'id', so the updates can name it");
    }
    for (const auto& u : updates) {
      JEM_RETURN_IF_ERROR(Reader::OnlyKeys(u, "a good practice update", {"on", "do", "text"}));
      std::string kind;
      JEM_ASSIGN(kind, Reader::Text(u, "do", true, "a good practice update"));
      command::UpdatePractice update;
      if (kind == "validate") {
        update.kind = command::UpdatePractice::Kind::kValidate;
      } else if (kind == "disseminate") {
        update.kind = command::UpdatePractice::Kind::kDisseminate;
      } else if (kind == "reject") {
        update.kind = command::UpdatePractice::Kind::kReject;
      } else {
        return Reader::At(u["do"], "'" + kind + "' is not a good practice update; use validate, disseminate or reject");
      }
      update.practice_id = cmd.practice_id;
      JEM_ASSIGN(update.text, Reader::Text(u, "text", false, "a good practice update"));
      std::optional<Timestamp> on;
      JEM_ASSIGN(on, Reader::On(u));
      Add(update, u, on);
    }
    return Status::Ok();
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
    const auto updates = Sequence(i, "updates");
    if (!updates.empty() && cmd.issue_id.empty()) {
      return Reader::At(i, "a pan-London issue with updates needs its 'id', so the updates can name it");
    }
    for (const auto& u : updates) {
      JEM_RETURN_IF_ERROR(Reader::OnlyKeys(u, "an issue update", {"on", "do", "text"}));
      std::string kind;
      JEM_ASSIGN(kind, Reader::Text(u, "do", true, "an issue update"));
      if (kind != "update" && kind != "resolve") {
        return Reader::At(u["do"], "'" + kind + "' is not an issue update; use update or resolve");
      }
      command::UpdateIssue update{kind == "resolve" ? command::UpdateIssue::Kind::kResolve
                                                    : command::UpdateIssue::Kind::kUpdate,
                                  cmd.issue_id, ""};
      JEM_ASSIGN(update.text, Reader::Text(u, "text", true, "an issue update"));
      std::optional<Timestamp> on;
      JEM_ASSIGN(on, Reader::On(u));
      Add(update, u, on);
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
