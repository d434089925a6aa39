// Routes: each declared once — method, path, who may call it, its parameters, request and
// answer, summary — with its handler; and the table a request finds its route in. The one
// table of jem's routes is api/server/routes.h, above the handlers it lists; dispatch, the
// OpenAPI document, metrics labels and the pages' links all read it (Services::routes), so
// they cannot drift.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/caller.h"
#include "engine/command_forms.h"

namespace jem::api {

struct Exchange;

// Who may call a route: a set of roles; none means anyone, without a token.
class Callers {
 public:
  constexpr Callers() = default;
  constexpr Callers(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  constexpr bool anyone() const { return bits_ == 0; }
  constexpr bool Allows(Role r) const { return (bits_ & Bit(r)) != 0; }
  // "officers and auditors".
  std::string Describe() const;

 private:
  static constexpr uint8_t Bit(Role r) { return uint8_t(1u << unsigned(r)); }
  uint8_t bits_ = 0;
};

// A parameter in the path ({ref}) or the query (?from=).
struct Parameter {
  std::string name;
  std::string description;
  std::string pattern;                 // path parameters: what a segment must match
  std::string type = "string";         // JSON Schema type: string, integer, boolean
  std::vector<std::string> values;     // the values a query parameter takes, when listed
  int64_t minimum = 0, maximum = 0;    // integers
  bool rest = false;                   // a path's last parameter that takes the rest of it, slashes and all
};

struct Route {
  std::string method;        // "GET" or "POST"
  std::string path;          // OpenAPI template: "/api/v1/actions/{ref}"
  std::string operation_id;  // "getAction"
  std::string summary;
  std::string tag;           // the resource: "actions", "meetings", ...
  Callers callers;
  std::vector<Parameter> query;
  const Form* form = nullptr;          // a command's body: the fields of its form
  std::string subject;                 // the path parameter a command acts on ("ref"), if any
  std::string body_types;              // a body that is not a form: "application/yaml, application/json"
  std::string answer;                  // the answer's schema (components/schemas), or its content type
  int success = 200;
  void (*handle)(Exchange&) = nullptr;
  // A web page (api/web/): signed in with a session cookie, not a token; refusals are pages;
  // not part of the OpenAPI document.
  bool page = false;
  // What a GET of this route reads, for the access records: "action", "meeting" or "round"
  // (the one its path names), or "" for none. Set by the route table from the path.
  std::string_view reads;

  std::vector<std::string_view> path_parameters() const;
  // Whether the route takes query parameter `parameter`.
  bool Takes(std::string_view parameter) const;
  // Whether the route answers as of a past day (?as_of=&basis=).
  bool TakesAsOf() const;
};

// The path parameters' definitions ({ref}, {meeting}, ...): pattern and description.
const Parameter& PathParameter(std::string_view name);

// What a request's method and path come to: the route and its path parameters; or, when
// the path is known but not for this method, the methods it takes (for 405 and Allow).
struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;  // set when route is null but the path exists
  // When no route matches but one would, save for a path parameter that does not fit its
  // pattern (/api/v1/proofs/inclusion/0): that parameter, for a 400 that names it.
  const Parameter* misfit = nullptr;
};

// Routes and how a request finds its own: each route's path compiled once.
class RouteTable {
 public:
  explicit RouteTable(std::vector<Route> routes);
  RouteTable(const RouteTable&) = delete;
  RouteTable& operator=(const RouteTable&) = delete;

  // Every route, in the order the OpenAPI document lists them.
  std::span<const Route> routes() const { return routes_; }
  // What `method` `path` comes to; HEAD is answered as GET.
  Match Find(std::string_view method, std::string_view path) const;

  struct Pattern;  // a path parameter's compiled pattern

 private:
  struct Segment {
    std::string literal;              // empty for a parameter
    std::string name;                 // the parameter's name
    const Pattern* pattern = nullptr;
    bool rest = false;                // the last: takes the rest of the path
  };
  struct Compiled {
    const Route* route;
    std::vector<Segment> segments;
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;  // points into routes_, which never changes
};

}  // namespace jem::api
