#include "engine/reminders/policy.h"

#include <fstream>
#include <sstream>

#include <date/tz.h>
#include <yaml-cpp/yaml.h>

#include "engine/fields.h"
#include "projections/reference.h"
#include "engine/yaml_lines.h"

namespace jem::reminders {
namespace {

Result<int> Number(const YAML::Node& n, const std::string& key, int min, int max) {
  auto value = n.IsScalar() ? ParseWholeNumber(n.Scalar(), "'" + key + "'", uint64_t(max)) : Result<uint64_t>(Status::InvalidArgument(""));
  if (!value.ok() || int(*value) < min) {
    return AtLine(n, "'" + key + "' must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return int(*value);
}

}  // namespace

Result<Policy> ParsePolicy(std::string_view yaml) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  Policy p;
  if (!doc || doc.IsNull()) return p;
  if (!doc.IsMap()) return AtLine(doc, "a reminder policy is a mapping of settings");
  for (const auto& kv : doc) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "due_soon_days") {
      JEM_ASSIGN_OR_RETURN(p.due_soon_days, Number(v, key, 1, 90));
    } else if (key == "overdue_every_days") {
      JEM_ASSIGN_OR_RETURN(p.overdue_every_days, Number(v, key, 1, 365));
    } else if (key == "escalate_after_overdue") {
      JEM_ASSIGN_OR_RETURN(p.escalate_after_overdue, Number(v, key, 0, 100));
    } else if (key == "secretary_after_days") {
      JEM_ASSIGN_OR_RETURN(p.secretary_after_days, Number(v, key, 1, 3650));
    } else if (key == "follow_up_notice_days") {
      JEM_ASSIGN_OR_RETURN(p.follow_up_notice_days, Number(v, key, 1, 180));
    } else if (key == "send_at") {
      const std::string at = v.IsScalar() ? v.Scalar() : "";
      if (!reference::ValidateTime(at, "send_at").ok()) return AtLine(v, "'send_at' must be a time HH:MM, not '" + at.substr(0, 20) + "'");
      p.send_minutes = std::stoi(at.substr(0, 2)) * 60 + std::stoi(at.substr(3, 2));
    } else if (key == "time_zone") {
      p.time_zone = v.IsScalar() ? v.Scalar() : "";
    } else if (key == "bank_holidays") {
      if (!v.IsSequence()) return AtLine(v, "'bank_holidays' must be a list of days, YYYY-MM-DD");
      for (const auto& d : v) {
        auto day = reference::ParseDate(d.IsScalar() ? d.Scalar() : "", "a bank holiday");
        if (!day.ok()) return AtLine(d, day.status().message());
        p.bank_holidays.insert(*day);
      }
    } else {
      return AtLine(kv.first, "unknown setting '" + key + "' (expected: due_soon_days, overdue_every_days, "
                          "escalate_after_overdue, secretary_after_days, follow_up_notice_days, send_at, "
                          "time_zone, bank_holidays)");
    }
  }
  if (!SendCalendar::Of(p).ok()) return AtLine(doc["time_zone"], "'" + p.time_zone + "' is not a time zone (e.g. Europe/London)");
  return p;
}

Result<std::string> ReadConfigFile(const std::string& path, std::string_view what) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + std::string(what) + " " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<Policy> ReadPolicyFile(const std::string& path) {
  if (path.empty()) return Policy{};
  JEM_ASSIGN_OR_RETURN(auto text, ReadConfigFile(path, "the reminder policy"));
  auto policy = ParsePolicy(text);
  if (!policy.ok()) return policy.status().WithContext(path);
  return policy;
}

Result<SendCalendar> SendCalendar::Of(const Policy& policy) {
  try {
    return SendCalendar(policy, date::locate_zone(policy.time_zone));
  } catch (const std::exception& e) {
    return Status::InvalidArgument("time zone '" + policy.time_zone + "': " + e.what());
  }
}

bool SendCalendar::IsWorkingDay(Day day) const {
  const std::chrono::weekday w{day};
  return w != std::chrono::Saturday && w != std::chrono::Sunday && !policy_.bank_holidays.contains(day);
}

Day SendCalendar::PreviousWorkingDay(Day day) const {
  do day -= std::chrono::days(1);
  while (!IsWorkingDay(day));
  return day;
}

Timestamp SendCalendar::SendTime(Day day) const {
  const auto* zone = static_cast<const date::time_zone*>(zone_);
  const date::local_seconds local{std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()) +
                                  std::chrono::minutes(policy_.send_minutes)};
  // A local time skipped or repeated by a change of clocks is taken at its earliest instant.
  return std::chrono::time_point_cast<std::chrono::microseconds>(zone->to_sys(local, date::choose::earliest));
}

Day SendCalendar::LocalDay(Timestamp t) const {
  const auto* zone = static_cast<const date::time_zone*>(zone_);
  const auto local = zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return Day{std::chrono::floor<std::chrono::days>(local.time_since_epoch())};
}

}  // namespace jem::reminders
