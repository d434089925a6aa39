# Writes OUT: a C++ file whose Template(name) returns each TEMPLATES file's text. Run by
# CMake at configure time; editing a template configures again (CMAKE_CONFIGURE_DEPENDS).
set(body "// Written by api/web/embed_templates.cmake from api/web/templates/. Do not edit.\n")
string(APPEND body "#include \"api/web/templates.h\"\n\n#include <cstdlib>\n#include <cstdio>\n#include <string>\n\n")
string(APPEND body "namespace jem::api::web {\n\nstd::string_view Template(std::string_view name) {\n")
foreach(file ${TEMPLATES})
  get_filename_component(name ${file} NAME_WE)
  file(READ ${file} text)
  string(APPEND body "  if (name == \"${name}\") return R\"jem_template(${text})jem_template\";\n")
endforeach()
string(APPEND body "  std::fprintf(stderr, \"jem: no template %s\\n\", std::string(name).c_str());\n  std::abort();\n}\n\n}  // namespace jem::api::web\n")
file(WRITE ${OUT} "${body}")
