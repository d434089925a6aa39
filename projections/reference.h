// Reference data of the JEM domain: the 32 boroughs, the partner agencies, themes,
// priorities, and the date and time formats events use. Shared by the rules (engine/) and
// the views (projections/).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "events/events.capnp.h"
#include "events/clock.h"
#include "events/status.h"

namespace jem::reference {

struct Borough {
  std::string_view code;  // three letters, used in meeting ids and references: CAM
  std::string_view name;  // Camden
};

// London's 32 boroughs (the City of London is policed separately and has no JEM).
std::span<const Borough> Boroughs();

// The scope of issues and good practice that cross boroughs. Not a borough.
inline constexpr std::string_view kPanLondon = "pan-London";

// The borough with this code or name (any case; "&" for "and"), or an error listing codes.
Result<Borough> FindBorough(std::string_view code_or_name);

// A borough as people read it: "Brent" for its code "BRE"; any other text (a scope such as
// "pan-London") as it is.
std::string BoroughWords(std::string_view code);

// The scope of good practice: a borough's code, or "pan-London", from what a user wrote.
Result<std::string> FindScope(std::string_view borough_or_pan_london);

// The partner agencies that can own actions, by their canonical short names.
std::span<const std::string_view> Agencies();

// The canonical name of an agency given in any case ("tfl" -> "TfL"), or an error naming
// the known ones.
Result<std::string> FindAgency(std::string_view name);

// "serious-youth-violence", "quality-of-life", "violent-crime", "prevent".
std::string_view ThemeName(schema::Theme theme);
// A theme as people read it: "Serious youth violence", "Quality of life", "Violent crime", "Prevent".
std::string_view ThemeWords(schema::Theme theme);
// The words of the theme named `name` (ThemeName), or `name` itself when it names none.
std::string ThemeWordsOf(std::string_view name);
// Every theme, in the order forms list them.
std::span<const schema::Theme> Themes();
Result<schema::Theme> ParseTheme(std::string_view name);
// The themes' names as a form, the CLI and errors list them (a constant, for the forms'
// constant tables; tests/projections/reference_test.cc checks it against Themes()).
inline constexpr std::string_view kThemeChoices = "serious-youth-violence, quality-of-life, violent-crime or prevent";

// "low", "medium", "high".
std::string_view PriorityName(schema::Priority priority);
Result<schema::Priority> ParsePriority(std::string_view name);

// The form of each kind of id a person or a program gives: the rules check it and the
// routes' path parameters declare it, from here.
enum class IdKind {
  kActionReference,  // CAM-2009-03: a borough's code, the year agreed, a number (also practice and issues)
  kMeetingId,        // CAM-20090616: a borough's code and the day
  kTokenId,          // 8 hex digits
  kUserId,           // who holds a token or is an officer contact: letters, digits, . _ @ -
  kContactId,        // tfl-camden: lower case, digits and -
};
// The pattern of `kind` (ECMAScript, unanchored: a route anchors it).
std::string_view IdPattern(IdKind kind);
// Whether all of `text` is of `kind`'s form.
bool IsId(IdKind kind, std::string_view text);

// `text` as a sentence begins: "due date" -> "Due date".
std::string Sentence(std::string_view text);

// Dates are ISO "YYYY-MM-DD"; `what` names the field in the error ("due date"): "Enter the
// due date", "Due date must be a real date ...".
Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view what);
// A date typed as GOV.UK's date input takes it, in three boxes: YYYY-MM-DD, "" when every box
// is empty, else what is wrong in GOV.UK's words ("Due date must include a month", "... must
// be a real date"; `what` is "due date").
Result<std::string> DateOfParts(std::string_view day, std::string_view month, std::string_view year,
                                std::string_view what);
std::string FormatDate(std::chrono::sys_days day);
// A day as people write it, in GOV.UK's style: "3 December 2026".
std::string WrittenDate(std::chrono::sys_days day);
// A day written YYYY-MM-DD as WrittenDate writes it ("3 December 2026"); the text itself
// when it is not a day (an empty one, or a placeholder).
std::string WrittenDay(std::string_view iso);
// An instant in London time, as GOV.UK writes one: "3 December 2026 at 10:15am", "... at
// 9am", "... at midday", "... at midnight".
std::string WrittenInstant(Timestamp t);
// A time of day written "HH:MM" (24-hour) as GOV.UK writes one: "10:15am", "3pm", "midday";
// the text itself when it is not one.
std::string WrittenTime(std::string_view hhmm);
// The same for an instant written as FormatTimestamp writes it ("2026-12-03T10:15:00.000000Z");
// the text itself when it is not one.
std::string WrittenInstantOf(std::string_view formatted);
// Times of day are "HH:MM", 24-hour; errors as ParseDate's.
Status ValidateTime(std::string_view text, std::string_view what);

// The London calendar day of an instant: Greenwich Mean Time in winter, British Summer Time
// in summer (an event at 23:30 UTC on a summer evening is on the next London day).
std::chrono::sys_days DayOf(Timestamp t);

// The instant London's day `day` begins (its midnight, GMT or BST): a day's events are those
// from StartOf(day) to StartOf(day + 1).
Timestamp StartOf(std::chrono::sys_days day);

// The instant London's day `day` ends: StartOf(day + 1).
Timestamp EndOf(std::chrono::sys_days day);

}  // namespace jem::reference
