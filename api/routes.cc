#include "api/routes.h"

#include <map>
#include <regex>

#include "projections/reference.h"

namespace jem::api {

// A path parameter's pattern, compiled once.
struct RouteTable::Pattern {
  std::regex regex;
};

namespace {

using reference::IdKind;
using reference::IdPattern;

// A pattern a whole path segment must match: the id's form, anchored.
std::string Whole(IdKind kind) { return "^" + std::string(IdPattern(kind)) + "$"; }

const std::map<std::string, Parameter, std::less<>>& PathParameters() {
  static const std::map<std::string, Parameter, std::less<>> kParams = {
      {"ref", {.name = "ref", .description = "an action's reference, e.g. CAM-2009-03",
               .pattern = Whole(IdKind::kActionReference)}},
      {"meeting", {.name = "meeting", .description = "a meeting's id: borough code and day, e.g. CAM-20090616",
               .pattern = Whole(IdKind::kMeetingId)}},
      {"id", {.name = "id", .description = "an id such as CAM-2009-01",
               .pattern = Whole(IdKind::kActionReference)}},
      {"position", {.name = "position", .description = "an event's position in the log",
               .pattern = "^[1-9][0-9]{0,17}$"}},
      {"kind", {.name = "kind", .description = "a kind of record: action, meeting, practice or issue",
               .pattern = "^(action|meeting|practice|issue)$"}},
      {"record", {.name = "record", .description = "an action's, good practice's or issue's id (CAM-2009-03), or a "
                                                   "meeting's (CAM-20090616)",
               .pattern = "^(" + std::string(IdPattern(IdKind::kActionReference)) + "|" +
                          std::string(IdPattern(IdKind::kMeetingId)) + ")$"}},
      {"n", {.name = "n", .description = "a round's number",
               .pattern = "^[0-9]{1,9}$"}},
      {"token", {.name = "token", .description = "a token's id (8 hex digits)",
               .pattern = Whole(IdKind::kTokenId)}},
      {"contact", {.name = "contact", .description = "a contact's id, e.g. tfl-camden",
               .pattern = Whole(IdKind::kContactId)}},
      {"agency", {.name = "agency", .description = "an agency, e.g. TfL",
               .pattern = "^[A-Za-z]{2,16}$"}},
      {"feed", {.name = "feed", .description = "a calendar's secret address: 32 hex digits (128 random bits) and .ics",
               .pattern = "^[0-9a-f]{32}\\.ics$"}},
      {"sheet", {.name = "sheet", .description = "an agency's secret feed address: its calendar's 32 hex digits",
               .pattern = "^[0-9a-f]{32}$"}},
      {"tile", {.name = "tile",
               .description = "a tile's level and index, the index in three-digit groups, x before all but the "
                              "last; .p/W for a partial tile of W hashes (C2SP tlog-tiles), e.g. 0/x001/234.p/5",
               .pattern = "^[0-7]/(x[0-9]{3}/)*[0-9]{3}(\\.p/[1-9][0-9]{0,2})?$", .rest = true}},
      {"old", {.name = "old", .description = "the size of the older tree, in events", .pattern = "^[1-9][0-9]{0,17}$"}},
      {"new", {.name = "new", .description = "the size of the newer tree, in events", .pattern = "^[1-9][0-9]{0,17}$"}},
      {"asset", {.name = "asset", .description = "a file of the pages: a plain name, no path",
               .pattern = "^[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+$"}},
  };
  return kParams;
}

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  size_t start = 1;
  for (;;) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

// Each path parameter's compiled pattern.
const std::map<std::string, RouteTable::Pattern, std::less<>>& Patterns() {
  static const auto* kPatterns = [] {
    auto* out = new std::map<std::string, RouteTable::Pattern, std::less<>>;
    for (const auto& [name, p] : PathParameters()) out->emplace(name, RouteTable::Pattern{std::regex(p.pattern)});
    return out;
  }();
  return *kPatterns;
}

}  // namespace

std::string Callers::Describe() const {
  std::vector<std::string> names;
  for (Role r : {Role::kOfficer, Role::kPartner, Role::kAuditor, Role::kAdmin}) {
    if (Allows(r)) names.push_back(std::string(RoleName(r)) + "s");
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return out;
}

std::vector<std::string_view> Route::path_parameters() const {
  std::vector<std::string_view> out;
  for (std::string_view part : Split(path)) {
    if (part.starts_with('{')) out.push_back(part.substr(1, part.size() - 2));
  }
  return out;
}

bool Route::Takes(std::string_view parameter) const {
  return std::any_of(query.begin(), query.end(), [&](const Parameter& p) { return p.name == parameter; });
}

bool Route::TakesAsOf() const { return Takes("as_of"); }

const Parameter& PathParameter(std::string_view name) { return PathParameters().find(name)->second; }

RouteTable::RouteTable(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const Route& route : routes_) {
    Compiled c{&route, {}};
    for (std::string_view part : Split(route.path)) {
      if (part.starts_with('{')) {
        const std::string name(part.substr(1, part.size() - 2));
        c.segments.push_back({"", name, &Patterns().find(name)->second, PathParameter(name).rest});
      } else {
        c.segments.push_back({std::string(part), "", nullptr});
      }
    }
    compiled_.push_back(std::move(c));
  }
}

Match RouteTable::Find(std::string_view method, std::string_view path) const {
  if (method == "HEAD") method = "GET";  // answered as GET, without the body
  const std::vector<std::string_view> parts = Split(path);
  Match match;
  for (const Compiled& c : compiled_) {
    const bool rest = c.segments.back().rest;
    if (rest ? parts.size() < c.segments.size() : c.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool fits = true;
    const Parameter* misfit = nullptr;
    for (size_t i = 0; fits && i < c.segments.size(); ++i) {
      const Segment& s = c.segments[i];
      std::string_view part = parts[i];
      if (s.rest) part = path.substr(size_t(parts[i].data() - path.data()));
      if (s.pattern == nullptr) {
        fits = s.literal == part;
      } else if (part.size() <= 64 && std::regex_match(part.begin(), part.end(), s.pattern->regex)) {
        params.emplace_back(s.name, std::string(part));
      } else if (s.rest) {
        fits = false;  // a tile path that does not parse is a tile not there (C2SP tlog-tiles: 404)
      } else if (misfit == nullptr) {
        misfit = &PathParameter(s.name);  // the literal segments may still all match
      }
    }
    if (!fits) continue;
    if (misfit != nullptr) {
      if (match.misfit == nullptr) match.misfit = misfit;
      continue;
    }
    if (c.route->method == method) {
      match.route = c.route;
      match.params = std::move(params);
      match.allowed.clear();
      return match;
    }
    match.allowed.push_back(c.route->method);
    if (c.route->method == "GET") match.allowed.push_back("HEAD");
  }
  return match;
}

}  // namespace jem::api
