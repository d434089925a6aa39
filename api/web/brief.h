// A JEM's brief as an HTML paper: one document with its own print styles (no script, no
// assets), for the API's ?format=html and the CLI.
#pragma once

#include <string>

#include "projections/brief/brief.h"

namespace jem::api::web {

// The brief as one HTML document, drawn by the brief template of the pages.
std::string BriefHtml(const brief::Brief& brief);

}  // namespace jem::api::web
