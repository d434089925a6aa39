#include "projections/reference.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace jem::reference {
namespace {

constexpr std::array<Borough, 32> kBoroughs = {{
    {"BAR", "Barking and Dagenham"}, {"BRN", "Barnet"},          {"BEX", "Bexley"},
    {"BRE", "Brent"},                {"BRO", "Bromley"},         {"CAM", "Camden"},
    {"CRO", "Croydon"},              {"EAL", "Ealing"},          {"ENF", "Enfield"},
    {"GRE", "Greenwich"},            {"HAC", "Hackney"},         {"HAM", "Hammersmith and Fulham"},
    {"HRY", "Haringey"},             {"HRW", "Harrow"},          {"HAV", "Havering"},
    {"HIL", "Hillingdon"},           {"HNS", "Hounslow"},        {"ISL", "Islington"},
    {"KEN", "Kensington and Chelsea"}, {"KIN", "Kingston upon Thames"}, {"LBH", "Lambeth"},
    {"LEW", "Lewisham"},             {"MRT", "Merton"},          {"NWM", "Newham"},
    {"RED", "Redbridge"},            {"RIC", "Richmond upon Thames"}, {"SWK", "Southwark"},
    {"STN", "Sutton"},               {"TOW", "Tower Hamlets"},   {"WFT", "Waltham Forest"},
    {"WND", "Wandsworth"},           {"WSM", "Westminster"},
}};

constexpr std::array<std::string_view, 12> kAgencies = {
    "MPA",        // the police authority, which runs the JEMs
    "MPS",        // the borough's police command
    "Council",    // the borough council
    "TfL",        // Transport for London
    "BTP",        // British Transport Police
    "YJB",        // Youth Justice Board
    "LCJB",       // London Criminal Justice Board
    "Health",     // NHS
    "Probation",  // London Probation
    "GLA",        // Greater London Authority
    "LFB",        // London Fire Brigade
    "Voluntary",  // voluntary sector partners
};

std::string Normalise(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      out += "and";
    } else if (s[i] == '-' || s[i] == '_') {
      out += ' ';
    } else {
      out += char(std::tolower(static_cast<unsigned char>(s[i])));
    }
  }
  // Collapse runs of spaces so "Barking  &  Dagenham" matches.
  out.erase(std::unique(out.begin(), out.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
            out.end());
  return out;
}

}  // namespace

std::span<const Borough> Boroughs() { return kBoroughs; }

Result<Borough> FindBorough(std::string_view code_or_name) {
  const std::string wanted = Normalise(code_or_name);
  for (const Borough& b : kBoroughs) {
    if (wanted == Normalise(b.code) || wanted == Normalise(b.name)) return b;
  }
  if (wanted == Normalise(kPanLondon)) {
    return Status::InvalidArgument("pan-London is not a borough here; give one of the 32 boroughs");
  }
  std::string codes;
  for (const Borough& b : kBoroughs) codes += (codes.empty() ? "" : ", ") + std::string(b.code);
  return Status::InvalidArgument("'" + std::string(code_or_name) +
                                 "' is not a London borough; give a name or one of the codes " + codes);
}

Result<std::string> FindScope(std::string_view text) {
  if (text == kPanLondon) return std::string(kPanLondon);
  auto b = FindBorough(text);
  if (!b.ok()) return Status::InvalidArgument(b.status().message() + ", or pan-London");
  return std::string(b->code);
}

std::span<const std::string_view> Agencies() { return kAgencies; }

Result<std::string> FindAgency(std::string_view name) {
  const std::string wanted = Normalise(name);
  for (std::string_view a : kAgencies) {
    if (wanted == Normalise(a)) return std::string(a);
  }
  std::string known;
  for (std::string_view a : kAgencies) known += (known.empty() ? "" : ", ") + std::string(a);
  return Status::InvalidArgument("'" + std::string(name) + "' is not a known agency; use one of " + known);
}

std::string_view ThemeName(schema::Theme theme) {
  switch (theme) {
    case schema::Theme::SERIOUS_YOUTH_VIOLENCE: return "serious-youth-violence";
    case schema::Theme::QUALITY_OF_LIFE: return "quality-of-life";
    case schema::Theme::VIOLENT_CRIME: return "violent-crime";
    case schema::Theme::PREVENT: return "prevent";
  }
  return "unknown";
}

std::span<const schema::Theme> Themes() {
  static constexpr schema::Theme kThemes[] = {schema::Theme::SERIOUS_YOUTH_VIOLENCE, schema::Theme::QUALITY_OF_LIFE,
                                              schema::Theme::VIOLENT_CRIME, schema::Theme::PREVENT};
  return kThemes;
}

Result<schema::Theme> ParseTheme(std::string_view name) {
  for (auto t : Themes()) {
    if (Normalise(name) == Normalise(ThemeName(t))) return t;
  }
  return Status::InvalidArgument("'" + std::string(name) + "' is not a theme; use serious-youth-violence, " +
                                 "quality-of-life, violent-crime or prevent");
}

std::string_view PriorityName(schema::Priority priority) {
  switch (priority) {
    case schema::Priority::LOW: return "low";
    case schema::Priority::MEDIUM: return "medium";
    case schema::Priority::HIGH: return "high";
  }
  return "unknown";
}

Result<schema::Priority> ParsePriority(std::string_view name) {
  for (auto p : {schema::Priority::LOW, schema::Priority::MEDIUM, schema::Priority::HIGH}) {
    if (Normalise(name) == PriorityName(p)) return p;
  }
  return Status::InvalidArgument("'" + std::string(name) + "' is not a priority; use low, medium or high");
}

Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view what) {
  int y = 0;
  unsigned m = 0, d = 0;
  char extra = 0;
  const std::string s(text);
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &extra) != 3) {
    return Status::InvalidArgument(std::string(what) + " '" + s.substr(0, 40) + "' is not a date; write YYYY-MM-DD");
  }
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) {
    return Status::InvalidArgument(std::string(what) + " '" + s + "' is not a day of the calendar");
  }
  return std::chrono::sys_days(ymd);
}

std::string FormatDate(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

Status ValidateTime(std::string_view text, std::string_view what) {
  unsigned h = 0, m = 0;
  char extra = 0;
  const std::string s(text);
  if (s.size() != 5 || std::sscanf(s.c_str(), "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59) {
    return Status::InvalidArgument(std::string(what) + " '" + s + "' is not a time of day; write HH:MM");
  }
  return Status::Ok();
}

std::chrono::sys_days DayOf(Timestamp t) { return std::chrono::floor<std::chrono::days>(t); }

}  // namespace jem::reference
