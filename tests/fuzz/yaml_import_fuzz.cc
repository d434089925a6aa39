// libFuzzer: any document given to `jem import` or POST /api/v1/import. Parsing either
// refuses with a status (and a line) or yields a bounded list of steps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > jem::kMaxImportBytes) return 0;  // refused before parsing, by size
  auto steps = jem::ParseJemDocument(std::string_view(reinterpret_cast<const char*>(data), size));
  if (steps.ok() && steps->size() > jem::kMaxImportSteps) std::abort();  // the bound must hold
  return 0;
}
