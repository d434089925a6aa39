// Types that describe their own fields. A view's row or page is a plain struct with one list,
// `kFields`, of its members with the names they have in JSON; from that list alone come its
// JSON (ToJson) and its JSON Schema in the OpenAPI document (AddSchema). Pages and the CLI
// read the members; only the API's answers and the pages' templates see JSON.
// Adding a field to a view is one member and its line in kFields.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace jem::views {

using Json = nlohmann::ordered_json;

// One member of T, named as JSON names it. `words`: the only values a string may take.
template <class T, class M>
struct Field {
  std::string_view name;
  M T::*member;
  std::string_view description = {};
  std::span<const std::string_view> words = {};
};
// Field{"name", &T::member[, "description"[, words]]} (clang before 17 deduces no aggregate).
template <class T, class M>
Field(std::string_view, M T::*) -> Field<T, M>;
template <class T, class M>
Field(std::string_view, M T::*, std::string_view) -> Field<T, M>;
template <class T, class M>
Field(std::string_view, M T::*, std::string_view, std::span<const std::string_view>) -> Field<T, M>;

// A described type: `static constexpr std::string_view kName` (its schema's name) and
// `static constexpr auto kFields = std::tuple{Field{...}, ...}`. A type that extends another
// lists the other's fields first: std::tuple_cat(Base::kFields, std::tuple{...}).
template <class T>
concept Described = requires {
  T::kName;
  T::kFields;
};

// An optional member that the JSON leaves out when it has no value (instead of writing null),
// for answers whose readers have always tested for the key; its schema does not require it.
template <class M>
struct Omittable : std::optional<M> {
  using std::optional<M>::optional;
  using std::optional<M>::operator=;
};

namespace described {
template <class M> struct IsOptional : std::false_type {};
template <class M> struct IsOptional<std::optional<M>> : std::true_type {};
template <class M> struct IsVector : std::false_type {};
template <class M> struct IsVector<std::vector<M>> : std::true_type {};
template <class M> struct IsMap : std::false_type {};
template <class M> struct IsMap<std::map<std::string, M>> : std::true_type {};
template <class M> struct IsOmittable : std::false_type {};
template <class M> struct IsOmittable<Omittable<M>> : std::true_type {};
}  // namespace described

// The JSON of a value: a described type as an object of its fields in their order, an
// optional as null or its value, a vector as an array, a map by name as an object.
template <class M>
Json ToJson(const M& value) {
  if constexpr (Described<M>) {
    Json out = Json::object();
    auto add = [&](const auto& field) {
      const auto& member = value.*(field.member);
      if constexpr (described::IsOmittable<std::remove_cvref_t<decltype(member)>>::value) {
        if (member) out[std::string(field.name)] = ToJson(*member);
      } else {
        out[std::string(field.name)] = ToJson(member);
      }
    };
    std::apply([&](const auto&... f) { (add(f), ...); }, M::kFields);
    return out;
  } else if constexpr (described::IsOptional<M>::value || described::IsOmittable<M>::value) {
    return value ? ToJson(*value) : Json(nullptr);
  } else if constexpr (described::IsVector<M>::value) {
    Json out = Json::array();
    for (const auto& v : value) out.push_back(ToJson(v));
    return out;
  } else {
    return Json(value);
  }
}

// The JSON Schema of a value of type M. A described type is a $ref to its own schema, which
// is added to `schemas` (once): an object whose every field is required and which has no
// other, so that a validator fails an answer with a field its schema does not name.
template <class M>
Json SchemaOf(Json& schemas);

// Adds T's schema (and those of the types it holds) to `schemas`, under T::kName. Every
// field is required but an Omittable one.
template <Described T>
void AddSchema(Json& schemas) {
  if (schemas.contains(std::string(T::kName))) return;
  schemas[std::string(T::kName)] = nullptr;  // placeholder: a type that holds itself stops here
  Json properties = Json::object(), required = Json::array();
  std::apply(
      [&](const auto&... f) {
        auto add = [&](const auto& field) {
          using M = std::remove_cvref_t<decltype(std::declval<const T&>().*(field.member))>;
          Json schema;
          if constexpr (described::IsOmittable<M>::value) {
            schema = SchemaOf<typename M::value_type>(schemas);
          } else {
            schema = SchemaOf<M>(schemas);
            required.push_back(std::string(field.name));
          }
          if (!field.words.empty()) schema["enum"] = Json(std::vector<std::string>(field.words.begin(), field.words.end()));
          if (!field.description.empty()) {
            schema = schema.contains("$ref") ? Json{{"allOf", {schema}}} : schema;
            schema["description"] = std::string(field.description);
          }
          properties[std::string(field.name)] = std::move(schema);
        };
        (add(f), ...);
      },
      T::kFields);
  schemas[std::string(T::kName)] = {{"type", "object"},
                                    {"properties", std::move(properties)},
                                    {"required", std::move(required)},
                                    {"additionalProperties", false}};
}

template <class M>
Json SchemaOf(Json& schemas) {
  if constexpr (Described<M>) {
    AddSchema<M>(schemas);
    return {{"$ref", "#/components/schemas/" + std::string(M::kName)}};
  } else if constexpr (described::IsOptional<M>::value) {
    return {{"anyOf", {{{"type", "null"}}, SchemaOf<typename M::value_type>(schemas)}}};
  } else if constexpr (described::IsVector<M>::value) {
    return {{"type", "array"}, {"items", SchemaOf<typename M::value_type>(schemas)}};
  } else if constexpr (described::IsMap<M>::value) {
    return {{"type", "object"}, {"additionalProperties", SchemaOf<typename M::mapped_type>(schemas)}};
  } else if constexpr (std::is_same_v<M, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_integral_v<M>) {
    return {{"type", "integer"}};
  } else if constexpr (std::is_floating_point_v<M>) {
    return {{"type", "number"}};
  } else if constexpr (std::is_same_v<M, Json>) {
    return Json::object();  // any JSON value
  } else {
    static_assert(std::is_same_v<M, std::string>, "a described field is a string, number, bool, JSON, optional, vector or described type");
    return {{"type", "string"}};
  }
}

}  // namespace jem::views
