// Where commands come from: named fields in a JSON body, a YAML import, or (next) an HTML
// form. One interface over every source, so that each command is read from fields in one
// place (engine/command_forms.h) and every error says where the wrong field is.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/status.h"

namespace jem {

// The longest text one field may hold, in bytes: a long note fits; a pasted file does not.
inline constexpr size_t kMaxFieldBytes = 20000;

// Parses a whole number written in decimal digits only: no sign, space, fraction or
// exponent, at most `max`. `what` names it in the error ("'from'", "If-Match").
Result<uint64_t> ParseWholeNumber(std::string_view text, std::string_view what, uint64_t max);

class FieldSource {
 public:
  virtual ~FieldSource() = default;

  // Refuses any field not named in `known` (a misspelt field must not be dropped silently);
  // `what` names the object ("an action").
  virtual Status OnlyKeys(std::string_view what, std::span<const std::string_view> known) const = 0;

  // The text of `key`; "" when absent or null. InvalidArgument when it is not text or is
  // longer than kMaxFieldBytes.
  virtual Result<std::string> Text(std::string_view key) const = 0;

  // A list of texts (one text counts as a list of one); empty when absent.
  virtual Result<std::vector<std::string>> List(std::string_view key) const = 0;

  // A whole number from `min` to `max`, or nullopt when absent. Refused, never wrapped:
  // 4294967346, -1, 1.5, "1abc".
  virtual Result<std::optional<int64_t>> Integer(std::string_view key, int64_t min, int64_t max) const = 0;

  // The objects of list `key` (attendees), each a source of its own; empty when absent.
  virtual Result<std::vector<std::unique_ptr<FieldSource>>> Objects(std::string_view key) const = 0;

  // Where `key` is, for messages: "'/attendees/0/name'", "line 12".
  virtual std::string Where(std::string_view key) const = 0;

  // InvalidArgument "<where>: <message>".
  Status Wrong(std::string_view key, std::string_view message) const;
};

// A JSON object, e.g. a request body. `pointer` is where the object is ("" for the root).
// Fails unless `json_text` is one JSON object.
Result<std::unique_ptr<FieldSource>> JsonFields(std::string_view json_text);

}  // namespace jem
