// Static files for the pages, all from this origin: GOV.UK Frontend's compiled styles,
// scripts, fonts and images (copied from npm's govuk-frontend into the build by CMake)
// and jem's own small additions (api/web/assets/).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

#include "api/answer.h"
#include "api/web/handlers.h"
#include "events/event.h"

namespace jem::api::web {
namespace {

// The types of the files jem ships (nothing else is in the directory).
const std::map<std::string, std::string, std::less<>> kTypes = {
    {".css", "text/css"},        {".js", "text/javascript"},  {".mjs", "text/javascript"},
    {".woff2", "font/woff2"},    {".woff", "font/woff"},      {".svg", "image/svg+xml"},
    {".png", "image/png"},       {".ico", "image/x-icon"},    {".json", "application/manifest+json"},
};

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

const std::string& AssetsVersion(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::string> versions;  // one directory per server: a few entries at most
  const std::lock_guard lock(mu);
  auto [it, added] = versions.try_emplace(dir);
  if (!added) return it->second;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto e = std::filesystem::recursive_directory_iterator(dir, ec); !ec && e != std::filesystem::end(e); e.increment(ec)) {
    if (e->is_regular_file()) files.push_back(e->path().lexically_relative(dir).string());
  }
  std::sort(files.begin(), files.end());
  std::string all;  // each file's name and bytes, in order: any change to either changes the digest
  for (const std::string& f : files) all += f + '\0' + ReadWhole(dir + "/" + f) + '\0';
  const Hash digest = Sha256({reinterpret_cast<const uint8_t*>(all.data()), all.size()});
  it->second = ToHex(digest).substr(0, 16);
  return it->second;
}

void Asset(Exchange& ex) {
  // The route's patterns allow one plain file name per segment: no "..", no hidden files.
  const std::string sub = ex.req.path.substr(std::string_view("/assets/").size());
  const auto dot = sub.rfind('.');
  auto type = dot == std::string::npos ? kTypes.end() : kTypes.find(std::string_view(sub).substr(dot));
  std::ifstream in(ex.s.assets_dir + "/" + sub, std::ios::binary);
  if (type == kTypes.end() || !in) return SendError(ex.res, 404, "there is no such file");
  std::string body{std::istreambuf_iterator<char>(in), {}};
  // Fonts carry a hash in their names, and the pages ask for the rest with the digest of
  // every file (?v=): either never changes under its address, so is kept for a year. Asked
  // for otherwise (an old page's digest, none), it is checked again each time.
  const bool fingerprinted = sub.starts_with("fonts/") || ex.Query("v") == AssetsVersion(ex.s.assets_dir);
  ex.res.set_header("Cache-Control", fingerprinted ? "public, max-age=31536000, immutable" : "no-cache");
  ex.res.set_content(std::move(body), type->second);
}

}  // namespace jem::api::web
