#include "api/openapi.h"

#include <map>

#include "api/routes.h"
#include "engine/audit/who_saw.h"
#include "engine/reminders/schedule.h"
#include "projections/audit/as_of.h"
#include "projections/audit/history.h"
#include "projections/audit/promises.h"
#include "projections/brief/brief.h"
#include "projections/feed/agency_feed.h"
#include "projections/page.h"
#include "projections/views.h"

namespace jem::api {
namespace {

using Json = nlohmann::ordered_json;

Json Ref(std::string_view schema) { return {{"$ref", "#/components/schemas/" + std::string(schema)}}; }
Json Str() { return {{"type", "string"}}; }
Json Int() { return {{"type", "integer"}}; }
Json Bool() { return {{"type", "boolean"}}; }
// Where the page after (or before) this one starts, to send back as `cursor` (or `ending_before`); null: none.
Json Cursor() {
  return {{"type", {"string", "null"}}, {"maxLength", views::kMaxCursorBytes},
          {"description", "a cursor of another page (null: there is none that way)"}};
}
Json Strings() { return {{"type", "array"}, {"items", Str()}}; }
Json ArrayOf(const Json& items) { return {{"type", "array"}, {"items", items}}; }

// An object with exactly the listed properties, each always present: the contract test
// (tests/contract) then fails on any field an answer has and the document does not name.
Json Object(Json properties) {
  Json required = Json::array();
  for (const auto& [name, schema] : properties.items()) required.push_back(name);
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)},
          {"additionalProperties", false}};
}

Json Field(const FormField& f) {
  Json schema;
  switch (f.type) {
    case FormField::Type::kText: schema = Str(); break;
    case FormField::Type::kList: schema = Strings(); break;
    case FormField::Type::kInteger: schema = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}}; break;
    case FormField::Type::kObjects: {
      Json properties = Json::object();
      for (const FormField& inner : f.fields) properties[std::string(inner.name)] = Field(inner);
      schema = ArrayOf({{"type", "object"}, {"properties", properties}, {"additionalProperties", false}});
      break;
    }
  }
  schema["description"] = f.description;
  return schema;
}

Json FormSchema(const Form& form) {
  Json properties = Json::object();
  for (const FormField& f : form.fields) properties[std::string(f.name)] = Field(f);
  return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
}

Json Event() {
  return {{"type", "object"},
          {"description", "An event as Cap'n Proto JSON (see docs/log-format.md)"},
          {"properties", {{"position", Str()}, {"streamId", Str()}, {"body", {{"type", "object"}}}}},
          {"required", {"position", "streamId", "body"}}};
}

Json Schemas(const RouteTable& table) {
  // The described views' schemas come from their types (projections/described.h), and
  // replace any of the same name written below.
  Json described = Json::object();
  views::AddSchema<views::Board>(described);
  views::AddSchema<views::ActionCounts>(described);
  views::AddSchema<views::CommitteeFigures>(described);
  views::AddSchema<views::SummaryOfAgreedActions>(described);
  views::AddSchema<views::FollowUp>(described);
  views::AddSchema<brief::Brief>(described);
  views::AddSchema<feed::AgencyFeed>(described);
  views::AddSchema<views::GoodPracticeRegister>(described);
  views::AddSchema<views::PanLondonIssues>(described);
  views::AddSchema<views::Coverage>(described);
  views::AddSchema<views::SentMessages>(described);
  views::AddSchema<views::ContactList>(described);
  views::AddSchema<views::TokenList>(described);
  views::AddSchema<audit::PromisesView>(described);
  views::AddSchema<audit::LateRecords>(described);
  views::AddSchema<audit::AccessRecords>(described);
  views::AddSchema<audit::History>(described);
  views::AddSchema<reminders::ReminderPreview>(described);
  Json schemas = {
      {"Error", Object({{"error", {{"type", "object"},
                                   {"properties", {{"code", Str()}, {"message", Str()}, {"current_version", Int()},
                                                  {"field", {{"type", "string"},
                                                            {"description", "the field that is wrong, when known: "
                                                                            "'due', 'attendees.2.agency' (the first, "
                                                                            "when several are)"}}},
                                                  {"errors", {{"type", "array"},
                                                              {"description", "every field that is wrong, each with "
                                                                              "what is wrong with it, all at once"},
                                                              {"items", Object({{"field", Str()}, {"message", Str()}})}}}}},
                                   {"required", {"code", "message"}}}}})},
      {"Outcome", Object({{"subject", Str()}, {"positions", ArrayOf(Int())}, {"replayed", Bool()}})},
      {"IssuedToken", Object({{"subject", Str()}, {"positions", ArrayOf(Int())}, {"replayed", Bool()}, {"token", Str()}})},
      {"Cosigned", Object({{"kept", Int()}})},
      {"Health", Object({{"status", Str()}, {"head_position", Int()}, {"views_position", Int()},
                         {"views_lag", {{"type", "integer"}, {"description", "events appended but not yet in the views; "
                                                                             "over the limit the answer is a 503"}}}})},
      {"ActionHistory", Object({{"reference", Str()}, {"count", Int()}, {"events", ArrayOf(Event())},
                                {"next", Cursor()}, {"previous", Cursor()}})},
      {"EventsPage", Object({{"head", Int()}, {"events", ArrayOf(Object({{"hash", Str()}, {"event", Event()}}))},
                             {"next", {{"type", {"integer", "null"}},
                                       {"description", "the `from` of the page after; null: none yet"}}}})},
      {"CalendarAddress",
       Object({{"subject", Str()}, {"positions", ArrayOf(Int())}, {"replayed", Bool()},
               {"path", {{"type", "string"}, {"description", "the calendar's address on this server: keep it secret"}}},
               {"feed_path", {{"type", "string"}, {"description", "the agency's feed at the same secret (getAgencyFeedBySecret)"}}}})},
  };
  schemas.update(described);
  schemas["ActionView"] = schemas["Action"];  // one action answers with its as_of and basis too (below)
  for (const Route& r : table.routes()) {
    if (r.form) schemas[std::string(r.form->name)] = FormSchema(*r.form);
  }
  // Every view says which state it shows (api/services.h, Exchange::StateAsOf).
  for (const Route& r : table.routes()) {
    if (!r.TakesAsOf() || r.answer.find('/') != std::string::npos) continue;
    Json& view = schemas[r.answer];
    for (const auto& [name, schema] :
         {std::pair{"as_of", Json{{"type", "string"}, {"description", "the day the view is as of, YYYY-MM-DD (London)"}}},
          std::pair{"basis", Json{{"type", "string"}, {"enum", {"recorded", "happened", "today"}},
                                  {"description", "recorded or happened (as of a past day), or today (the live views)"}}}}) {
      if (view["properties"].contains(name)) continue;
      view["properties"][name] = schema;
      view["required"].push_back(name);
    }
  }
  return schemas;
}

Json ErrorAnswer(const std::string& description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
}

Json Parameters(const Route& r) {
  Json out = Json::array();
  for (std::string_view name : r.path_parameters()) {
    const Parameter& p = PathParameter(name);
    out.push_back({{"name", p.name}, {"in", "path"}, {"required", true}, {"description", p.description},
                   {"schema", {{"type", "string"}, {"pattern", p.pattern}}}});
  }
  for (const Parameter& p : r.query) {
    Json schema = {{"type", p.type}};
    if (!p.values.empty()) schema["enum"] = p.values;
    if (p.type == "integer") {
      schema["minimum"] = p.minimum;
      schema["maximum"] = p.maximum;
    }
    out.push_back({{"name", p.name}, {"in", "query"}, {"required", false}, {"description", p.description},
                   {"schema", schema}});
  }
  if (r.operation_id == "streamEvents") {
    out.push_back({{"name", "Last-Event-ID"}, {"in", "header"}, {"required", false},
                   {"description", "resume after this position"}, {"schema", Str()}});
  }
  if (r.form != nullptr) {
    out.push_back({{"name", "Idempotency-Key"}, {"in", "header"}, {"required", false},
                   {"description", "retrying with the same key appends nothing and answers the first outcome"},
                   {"schema", Str()}});
    if (r.subject == "ref") {
      out.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", false},
                     {"description", "the action's ETag as read: a conflict (409) if it has changed since"},
                     {"schema", Str()}});
    }
  }
  return out;
}

Json Operation(const Route& r) {
  Json op = {{"operationId", r.operation_id}, {"summary", r.summary}, {"tags", {r.tag}}};
  if (!r.callers.anyone()) op["description"] = "For " + r.callers.Describe() + ".";
  const Json parameters = Parameters(r);
  if (!parameters.empty()) op["parameters"] = parameters;
  if (r.form != nullptr) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", Ref(r.form->name)}}}}}};
  } else if (!r.body_types.empty()) {
    Json types = Json::object();
    for (size_t at = 0; at < r.body_types.size();) {
      const size_t comma = r.body_types.find(", ", at);
      const std::string type = r.body_types.substr(at, comma - at);
      types[type] = {{"schema", {{"type", type == "application/json" ? "object" : "string"}}}};
      at = comma == std::string::npos ? r.body_types.size() : comma + 2;
    }
    op["requestBody"] = {{"required", true}, {"content", types}};
  }
  Json content;
  if (r.answer.find('/') == std::string::npos) {
    content = {{"application/json", {{"schema", Ref(r.answer)}}}};
    // A view asked for in another format (?format=csv) answers that format's type.
    static const std::map<std::string, std::string> kFormatTypes = {
        {"csv", "text/csv"}, {"md", "text/markdown"}, {"html", "text/html"}};
    for (const Parameter& p : r.query) {
      if (p.name != "format") continue;
      for (const std::string& format : p.values) {
        if (auto type = kFormatTypes.find(format); type != kFormatTypes.end()) content[type->second] = {{"schema", Str()}};
      }
    }
  } else {
    content = {{r.answer, {{"schema", r.answer == "application/json" ? Json{{"type", "object"}} : Str()}}}};
  }
  Json responses = {{std::to_string(r.success), {{"description", "Done"}, {"content", content}}}};
  if ((r.form != nullptr || !r.body_types.empty()) && r.success != 200) {
    // A retry shows what was done, never a secret made the first time (a token).
    responses["200"] = {{"description", "A retry: done already"},
                        {"content", {{"application/json", {{"schema", Ref("Outcome")}}}}}};
  }
  responses["400"] = ErrorAnswer("A malformed request");
  if (!r.callers.anyone()) {
    responses["401"] = ErrorAnswer("No token, or one that is unknown or revoked");
    responses["403"] = ErrorAnswer("The caller's role may not do this");
    responses["429"] = ErrorAnswer("Too many requests with this token");
  }
  if (!r.path_parameters().empty()) responses["404"] = ErrorAnswer("No such thing, or not one the caller may see");
  if (r.form != nullptr || !r.body_types.empty()) {
    responses["409"] = ErrorAnswer("Changed since the caller read it (If-Match)");
    responses["413"] = ErrorAnswer("The body is too large");
    responses["415"] = ErrorAnswer("The body is not of a type this route takes");
    responses["422"] = ErrorAnswer("A rule refused it in the current state");
  }
  if (r.operation_id == "streamEvents") responses["503"] = ErrorAnswer("Too many event streams open");
  responses["default"] = ErrorAnswer("An error");
  op["responses"] = responses;
  op["security"] = r.callers.anyone() ? Json::array() : Json::array({{{"bearer", Json::array()}}});
  return op;
}

}  // namespace

Json OpenApiDocument(const RouteTable& table) {
  Json paths = Json::object();
  for (const Route& r : table.routes()) {
    if (r.page) continue;
    std::string method = r.method;
    for (char& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = Operation(r);
  }
  Json tags = Json::array();
  for (const auto& [name, description] :
       std::initializer_list<std::pair<const char*, const char*>>{
           {"service", "The service itself"},
           {"actions", "Actions agreed at meetings, and their lifecycle"},
           {"meetings", "Meetings, their summaries and follow-up reports"},
           {"registers", "Good practice and pan-London issues"},
           {"rounds", "Reports across a round of JEMs"},
           {"events", "The event log"},
           {"import", "Whole JEMs from documents"},
           {"reminders", "The reminder engine: what it would send and sent, its contacts, calendars of due dates"},
           {"audit", "For auditors: the history of any record, late records, promises against delivery, who saw what"},
           {"proofs", "Signed checkpoints, hash tiles and proofs anyone can check with public tools (docs/audit.md)"},
           {"tokens", "Access tokens (admins)"}}) {
    tags.push_back({{"name", name}, {"description", description}});
  }
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "jem"},
                    {"version", "1"},
                    {"description", "Follow-up of the actions agreed at Joint Engagement Meetings"},
                    {"license", {{"name", "Open Government Licence v3.0"},
                                 {"url", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}}}}},
          {"servers", {{{"url", "/"}}}},
          {"tags", tags},
          {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
                          {"schemas", Schemas(table)}}},
          {"paths", paths}};
}

}  // namespace jem::api
