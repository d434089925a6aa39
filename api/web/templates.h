// The Mustache templates of api/web/templates/, built into the program (CMake writes
// templates.cc from the files), so that jem serves its pages from any directory.
#pragma once

#include <string_view>

namespace jem::api::web {

// The template api/web/templates/NAME.mustache; asking for one that is not there is a bug,
// and stops the program.
std::string_view Template(std::string_view name);

}  // namespace jem::api::web
