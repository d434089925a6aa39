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

// The scope of good practice: a borough's code, or "pan-London", from what a user wrote.
Result<std::string> FindScope(std::string_view borough_or_pan_london);

// The partner agencies that can own actions, by their canonical short names.
std::span<const std::string_view> Agencies();

// The canonical name of an agency given in any case ("tfl" -> "TfL"), or an error naming
// the known ones.
Result<std::string> FindAgency(std::string_view name);

// "serious-youth-violence", "quality-of-life", "violent-crime", "prevent".
std::string_view ThemeName(schema::Theme theme);
// Every theme, in the order forms list them.
std::span<const schema::Theme> Themes();
Result<schema::Theme> ParseTheme(std::string_view name);

// "low", "medium", "high".
std::string_view PriorityName(schema::Priority priority);
Result<schema::Priority> ParsePriority(std::string_view name);

// Dates are ISO "YYYY-MM-DD"; `what` names the field in the error ("due date").
Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view what);
std::string FormatDate(std::chrono::sys_days day);
// Times of day are "HH:MM", 24-hour.
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
