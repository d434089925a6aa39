#include "projections/reference.h"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

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

std::string BoroughWords(std::string_view code) {
  for (const Borough& b : kBoroughs) {
    if (b.code == code) return std::string(b.name);
  }
  return std::string(code);
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

namespace {

// Each theme once: its name (forms, the CLI, JSON) and its words (pages).
struct ThemeInfo {
  schema::Theme theme;
  std::string_view name, words;
};
constexpr ThemeInfo kThemeInfo[] = {
    {schema::Theme::SERIOUS_YOUTH_VIOLENCE, "serious-youth-violence", "Serious youth violence"},
    {schema::Theme::QUALITY_OF_LIFE, "quality-of-life", "Quality of life"},
    {schema::Theme::VIOLENT_CRIME, "violent-crime", "Violent crime"},
    {schema::Theme::PREVENT, "prevent", "Prevent"},
};

const ThemeInfo* ThemeInfoOf(schema::Theme theme) {
  for (const ThemeInfo& t : kThemeInfo) {
    if (t.theme == theme) return &t;
  }
  return nullptr;
}

}  // namespace

std::string_view ThemeName(schema::Theme theme) {
  const ThemeInfo* t = ThemeInfoOf(theme);
  return t ? t->name : "unknown";
}

std::string_view ThemeWords(schema::Theme theme) {
  const ThemeInfo* t = ThemeInfoOf(theme);
  return t ? t->words : "Unknown";
}

std::string ThemeWordsOf(std::string_view name) {
  auto theme = ParseTheme(name);
  return theme.ok() ? std::string(ThemeWords(*theme)) : std::string(name);
}

std::span<const schema::Theme> Themes() {
  static constexpr auto kThemes = [] {
    std::array<schema::Theme, std::size(kThemeInfo)> themes{};
    for (size_t i = 0; i < themes.size(); ++i) themes[i] = kThemeInfo[i].theme;
    return themes;
  }();
  return kThemes;
}

Result<schema::Theme> ParseTheme(std::string_view name) {
  for (auto t : Themes()) {
    if (Normalise(name) == Normalise(ThemeName(t))) return t;
  }
  return Status::InvalidArgument("'" + std::string(name) + "' is not a theme; use " + std::string(kThemeChoices));
}

std::string_view IdPattern(IdKind kind) {
  switch (kind) {
    case IdKind::kActionReference: return "[A-Z]{3}-[0-9]{4}-[0-9]{2,3}";
    case IdKind::kMeetingId: return "[A-Z]{3}-[0-9]{8}";
    case IdKind::kTokenId: return "[0-9a-f]{8}";
    case IdKind::kUserId: return "[A-Za-z0-9._@-]{1,64}";
    case IdKind::kContactId: return "[a-z0-9][a-z0-9-]{0,62}";
  }
  return "";
}

bool IsId(IdKind kind, std::string_view text) {
  static const auto* kForms = [] {
    auto* forms = new std::array<std::regex, 5>;
    for (auto k : {IdKind::kActionReference, IdKind::kMeetingId, IdKind::kTokenId, IdKind::kUserId, IdKind::kContactId}) {
      (*forms)[size_t(k)] = std::regex(std::string(IdPattern(k)));
    }
    return forms;
  }();
  return text.size() <= 64 && std::regex_match(text.begin(), text.end(), (*kForms)[size_t(kind)]);
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

std::string Sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
  return out;
}

Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view what) {
  // Digits read one by one (sscanf showed in the profile of a rebuild: every due date is parsed).
  auto digits = [&](size_t from, size_t count) {
    int n = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      n = n * 10 + (text[i] - '0');
    }
    return n;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int y = shaped ? digits(0, 4) : -1;
  const int month = shaped ? digits(5, 2) : -1, day = shaped ? digits(8, 2) : -1;
  if (text.empty()) return Status::InvalidArgument("Enter the " + std::string(what));
  const std::string quoted = "'" + std::string(text.substr(0, 40)) + "'";
  if (y < 0 || month < 0 || day < 0) {
    return Status::InvalidArgument(Sentence(what) + " must be a real date written YYYY-MM-DD, not " + quoted);
  }
  const unsigned m = unsigned(month), d = unsigned(day);
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) {
    return Status::InvalidArgument(Sentence(what) + " must be a real date: " + quoted + " is not a day of the calendar");
  }
  return std::chrono::sys_days(ymd);
}

Result<std::string> DateOfParts(std::string_view day, std::string_view month, std::string_view year,
                                std::string_view what) {
  if (day.empty() && month.empty() && year.empty()) return std::string();
  std::string missing;
  for (const auto& [part, name] : {std::pair{day, "day"}, std::pair{month, "month"}, std::pair{year, "year"}}) {
    if (part.empty()) missing += std::string(missing.empty() ? "" : " and ") + name;
  }
  if (!missing.empty()) return Status::InvalidArgument(Sentence(what) + " must include a " + missing);
  auto number = [](std::string_view s, size_t max_digits) {
    return !s.empty() && s.size() <= max_digits && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  auto two = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  const std::string date = std::string(year) + "-" + two(month) + "-" + two(day);
  if (!number(day, 2) || !number(month, 2) || year.size() != 4 || !number(year, 4) || !ParseDate(date, what).ok()) {
    return Status::InvalidArgument(Sentence(what) + " must be a real date");
  }
  return date;
}

std::string FormatDate(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  // Written digit by digit: every event folded formats its day, and snprintf showed in profiles.
  const int y = int(ymd.year());
  if (y < 0 || y > 9999) return std::to_string(y) + "-01-01";
  const unsigned m = unsigned(ymd.month()), d = unsigned(ymd.day());
  std::string out = "0000-00-00";
  out[0] = char('0' + y / 1000);
  out[1] = char('0' + y / 100 % 10);
  out[2] = char('0' + y / 10 % 10);
  out[3] = char('0' + y % 10);
  out[5] = char('0' + m / 10);
  out[6] = char('0' + m % 10);
  out[8] = char('0' + d / 10);
  out[9] = char('0' + d % 10);
  return out;
}

std::string WrittenDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  // The date library's %B names the month in the C locale, English whatever the machine's.
  return std::to_string(unsigned(ymd.day())) + date::format(" %B %Y", day);
}

Status ValidateTime(std::string_view text, std::string_view what) {
  unsigned h = 0, m = 0;
  char extra = 0;
  const std::string s(text);
  if (s.empty()) return Status::InvalidArgument("Enter the " + std::string(what));
  if (s.size() != 5 || std::sscanf(s.c_str(), "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59) {
    return Status::InvalidArgument(Sentence(what) + " must be a time of day written HH:MM (24-hour), not '" +
                                   s.substr(0, 40) + "'");
  }
  return Status::Ok();
}

namespace {

const date::time_zone& London() {
  static const date::time_zone* zone = date::locate_zone("Europe/London");
  return *zone;
}

// London's offset from UTC at `t`. The zone's rules are searched once per period between
// clock changes and thread: folds ask this for every event, almost always in one period.
std::chrono::seconds OffsetAt(Timestamp t) {
  thread_local date::sys_info period{};
  const auto at = std::chrono::time_point_cast<std::chrono::seconds>(t);
  if (at < period.begin || at >= period.end) period = London().get_info(at);
  return period.offset;
}

}  // namespace

std::chrono::sys_days DayOf(Timestamp t) { return std::chrono::floor<std::chrono::days>(t + OffsetAt(t)); }

std::string WrittenDay(std::string_view iso) {
  auto day = ParseDate(iso, "day");
  return day.ok() ? WrittenDate(*day) : std::string(iso);
}

namespace {

// `h`:`m` (24-hour) as GOV.UK writes a time: "10:15am", "9am", "midday", "midnight".
std::string ClockWords(long h, long m) {
  if (m == 0 && (h == 0 || h == 12)) return h == 0 ? "midnight" : "midday";
  std::string clock = std::to_string(h % 12 == 0 ? 12 : h % 12);
  if (m != 0) clock += (m < 10 ? ":0" : ":") + std::to_string(m);
  return clock + (h < 12 ? "am" : "pm");
}

}  // namespace

std::string WrittenInstant(Timestamp t) {
  const auto local = t + OffsetAt(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const auto minutes = std::chrono::floor<std::chrono::minutes>(local - day).count();
  return WrittenDate(day) + " at " + ClockWords(minutes / 60, minutes % 60);
}

std::string WrittenTime(std::string_view hhmm) {
  if (!ValidateTime(hhmm, "time").ok()) return std::string(hhmm);
  return ClockWords((hhmm[0] - '0') * 10 + (hhmm[1] - '0'), (hhmm[3] - '0') * 10 + (hhmm[4] - '0'));
}

std::string WrittenInstantOf(std::string_view formatted) {
  // "YYYY-MM-DDTHH:MM:SS...": the day, then minutes into it (UTC).
  auto day = ParseDate(formatted.substr(0, 10), "day");
  unsigned h = 0, m = 0;
  const std::string rest(formatted.size() >= 16 ? formatted.substr(10, 6) : "");
  char t = 0;
  if (!day.ok() || std::sscanf(rest.c_str(), "%c%2u:%2u", &t, &h, &m) != 3 || t != 'T' || h > 23 || m > 59) {
    return std::string(formatted);
  }
  return WrittenInstant(Timestamp(*day) + std::chrono::hours(h) + std::chrono::minutes(m));
}

Timestamp StartOf(std::chrono::sys_days day) {
  // London's midnight always exists and is never repeated (its clocks change at 01:00 UTC).
  return Timestamp(London().to_sys(date::local_days(day.time_since_epoch())));
}

Timestamp EndOf(std::chrono::sys_days day) { return StartOf(day + std::chrono::days(1)); }

}  // namespace jem::reference
