#include "engine/fields.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace jem {

Result<uint64_t> ParseWholeNumber(std::string_view text, std::string_view what, uint64_t max) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (!digits || error != std::errc() || stop != end || value > max) {
    return Status::InvalidArgument(std::string(what) + " must be a whole number from 0 to " + std::to_string(max) +
                                   ", not '" + std::string(text.substr(0, 40)) + "'");
  }
  return value;
}

Status FieldSource::Wrong(std::string_view key, std::string_view message) const {
  return Status::InvalidArgument(Where(key) + ": " + std::string(message)).OnField(std::string(key));
}

namespace {

using Json = nlohmann::json;

// A JSON object; `pointer` is its JSON Pointer in the document ("" for the root).
class JsonSource : public FieldSource {
 public:
  JsonSource(const Json& object, std::string pointer) : object_(object), pointer_(std::move(pointer)) {}

  Status OnlyKeys(std::string_view what, std::span<const std::string_view> known) const override {
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string expected;
      for (auto k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
      return Wrong(key, "unknown field in " + std::string(what) + " (expected: " + expected + ")");
    }
    return Status::Ok();
  }

  Result<std::string> Text(std::string_view key) const override {
    const Json* v = Find(key);
    if (v == nullptr || v->is_null()) return std::string();
    if (!v->is_string()) return Wrong(key, "must be text");
    const auto& text = v->get_ref<const std::string&>();
    if (text.size() > kMaxFieldBytes) {
      return Wrong(key, "is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(kMaxFieldBytes));
    }
    return text;
  }

  Result<std::vector<std::string>> List(std::string_view key) const override {
    const Json* v = Find(key);
    std::vector<std::string> out;
    if (v == nullptr || v->is_null()) return out;
    if (v->is_string()) return std::vector<std::string>{v->get<std::string>()};
    if (!v->is_array()) return Wrong(key, "must be a list of texts");
    for (size_t i = 0; i < v->size(); ++i) {
      JsonSource item(*v, pointer_ + "/" + std::string(key));
      JEM_ASSIGN_OR_RETURN(auto text, item.Text(std::to_string(i)));
      out.push_back(std::move(text));
    }
    return out;
  }

  Result<std::optional<int64_t>> Integer(std::string_view key, int64_t min, int64_t max) const override {
    const Json* v = Find(key);
    if (v == nullptr || v->is_null()) return std::optional<int64_t>();
    const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (v->is_number_unsigned()) {
      const uint64_t n = v->get<uint64_t>();
      if (n <= uint64_t(max) && int64_t(n) >= min) return std::optional<int64_t>(int64_t(n));
    } else if (v->is_number_integer()) {
      const int64_t n = v->get<int64_t>();
      if (n >= min && n <= max) return std::optional<int64_t>(n);
    }
    return Wrong(key, "must be " + range + ", not " + v->dump().substr(0, 40));
  }

  Result<std::vector<std::unique_ptr<FieldSource>>> Objects(std::string_view key) const override {
    const Json* v = Find(key);
    std::vector<std::unique_ptr<FieldSource>> out;
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) return Wrong(key, "must be a list of objects");
    for (size_t i = 0; i < v->size(); ++i) {
      const std::string where = pointer_ + "/" + std::string(key) + "/" + std::to_string(i);
      if (!(*v)[i].is_object()) return Status::InvalidArgument("'" + where + "' must be an object");
      out.push_back(std::make_unique<JsonSource>((*v)[i], where));
    }
    return out;
  }

  std::string Where(std::string_view key) const override { return "'" + pointer_ + "/" + std::string(key) + "'"; }

 private:
  const Json* Find(std::string_view key) const {
    if (object_.is_array()) {  // a list seen as an object by index, for its items
      const size_t i = std::stoul(std::string(key));
      return i < object_.size() ? &object_[i] : nullptr;
    }
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  const Json& object_;
  std::string pointer_;
};

// Owns the parsed document its root source reads.
class JsonDocument : public JsonSource {
 public:
  explicit JsonDocument(std::unique_ptr<Json> doc) : JsonSource(*doc, ""), doc_(std::move(doc)) {}

 private:
  std::unique_ptr<Json> doc_;
};

}  // namespace

Result<std::unique_ptr<FieldSource>> JsonFields(std::string_view json_text) {
  auto doc = std::make_unique<Json>(Json::parse(json_text, nullptr, /*allow_exceptions=*/false));
  if (doc->is_discarded() || !doc->is_object()) return Status::InvalidArgument("the body is not a JSON object");
  return std::unique_ptr<FieldSource>(std::make_unique<JsonDocument>(std::move(doc)));
}

}  // namespace jem
