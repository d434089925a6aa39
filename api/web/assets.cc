// Static files for the pages, all from this origin: GOV.UK Frontend's compiled styles,
// scripts, fonts and images (copied from npm's govuk-frontend into the build by CMake)
// and jem's own small additions (api/web/assets/).
#include <fstream>
#include <iterator>
#include <map>

#include "api/answer.h"
#include "api/web/handlers.h"

namespace jem::api::web {
namespace {

// The types of the files jem ships (nothing else is in the directory).
const std::map<std::string, std::string, std::less<>> kTypes = {
    {".css", "text/css"},        {".js", "text/javascript"},  {".mjs", "text/javascript"},
    {".woff2", "font/woff2"},    {".woff", "font/woff"},      {".svg", "image/svg+xml"},
    {".png", "image/png"},       {".ico", "image/x-icon"},    {".json", "application/manifest+json"},
};

}  // namespace

void Asset(Exchange& ex) {
  // The route's patterns allow one plain file name per segment: no "..", no hidden files.
  const std::string sub = ex.req.path.substr(std::string_view("/assets/").size());
  const auto dot = sub.rfind('.');
  auto type = dot == std::string::npos ? kTypes.end() : kTypes.find(std::string_view(sub).substr(dot));
  std::ifstream in(ex.s.assets_dir + "/" + sub, std::ios::binary);
  if (type == kTypes.end() || !in) return SendError(ex.res, 404, "there is no such file");
  std::string body{std::istreambuf_iterator<char>(in), {}};
  // Fonts carry a hash in their names; the rest may change with a release of jem.
  ex.res.set_header("Cache-Control", sub.starts_with("fonts/") ? "public, max-age=31536000, immutable"
                                                                : "public, max-age=3600");
  ex.res.set_content(std::move(body), type->second);
}

}  // namespace jem::api::web
