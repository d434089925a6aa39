// libFuzzer: a JSON body read as every command form the API takes. Each either refuses
// with a status or yields a command; nothing crashes, hangs or reads out of bounds. A
// command whose texts the engine takes (engine/texts.h) holds no text with a character the
// rule on texts names, wherever in the body it was: so every field a form reads is checked.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/command_forms.h"
#include "engine/fields.h"
#include "engine/texts.h"

namespace {

// Whether every text in `j` is one the rule takes in a text that may span lines.
bool TextsTaken(const nlohmann::json& j) {
  if (j.is_string()) return !jem::text::Problem(j.get_ref<const std::string&>(), jem::text::Lines::kMany);
  if (!j.is_structured()) return true;
  for (const auto& item : j) {
    if (!TextsTaken(item)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto fields = jem::JsonFields(body);
  if (!fields.ok()) return 0;
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  for (const jem::Form* form : jem::EveryForm()) {
    for (const char* subject : {"", "1", "CAM-2009-01", "CAM-20090616"}) {
      auto command = jem::ReadForm(*form, **fields, subject, "the body");
      // With no subject, a form reads every field of the body (a subject stands in for one).
      if (!*subject && command.ok() && jem::CheckTexts(*command).ok() && !TextsTaken(parsed)) std::abort();
    }
  }
  return 0;
}
