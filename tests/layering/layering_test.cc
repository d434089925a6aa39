// The layering rule of DESIGN.md, checked on the source tree: a folder includes only from
// its own floor and the floors below it (events < projections < engine < api < api/web <
// api/server < tools). The API's own floors: its core (answers, services, the JSON routes),
// the pages above it, and the route table and server above both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kLayers = {"events", "projections", "engine", "api", "api/web", "api/server", "tools"};

// The floor of a path in the tree ("api/web/live.cc" -> that of api/web): its longest
// floor folder; -1 for none (tests/, a library's header).
int LayerOf(const std::string& path) {
  int found = -1;
  size_t longest = 0;
  for (size_t i = 0; i < kLayers.size(); ++i) {
    const std::string& folder = kLayers[i];
    if (path.rfind(folder + "/", 0) == 0 && folder.size() > longest) {
      found = int(i);
      longest = folder.size();
    }
  }
  return found;
}

// "path:line includes folder/file.h, from above FLOOR" for each include of the source
// tree at `root` that breaks the rule.
std::vector<std::string> LayeringViolations(const fs::path& root) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"(([a-z_]+)/[^"]+)")re");
  std::vector<std::string> found;
  for (const std::string& layer : kLayers) {
    if (layer.find('/') != std::string::npos || !fs::exists(root / layer)) continue;  // walked with its top folder
    for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
      const std::string ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cc" && ext != ".capnp")) continue;
      std::ifstream in(entry.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n) {
        std::smatch m;
        if (!std::regex_search(line, m, kInclude)) continue;
        const int to = LayerOf(m[1]);
        const int from = LayerOf(fs::relative(entry.path(), root).string());
        if (to > from || (to < 0 && m[2] == "tests")) {
          found.push_back(fs::relative(entry.path(), root).string() + ":" + std::to_string(n) + " includes " +
                          m[0].str().substr(m[0].str().find('"')) + ", from above " + kLayers[size_t(from)]);
        }
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

TEST(LayeringTest, EveryFolderIncludesOnlyItsOwnLayerAndThoseBelow) {
  const auto violations = LayeringViolations(JEM_SOURCE_DIR);
  std::string report;
  for (const auto& v : violations) report += v + "\n";
  EXPECT_TRUE(violations.empty()) << report;
}

TEST(LayeringTest, TheCheckFindsAnIncludeFromAbove) {
  const fs::path root = fs::temp_directory_path() / ("jem-layering-" + std::to_string(::getpid()));
  fs::create_directories(root / "events");
  fs::create_directories(root / "engine" / "views");
  std::ofstream(root / "events" / "log.h") << "#include \"events/status.h\"\n#include <string>\n";
  std::ofstream(root / "engine" / "views" / "x.cc") << "// fine\n#include \"projections/a.h\"\n  # include \"api/server.h\"\n";
  std::ofstream(root / "events" / "y.cc") << "#include \"tests/test_util.h\"\n";
  // The API's floors: its core, the pages above it, the route table and server above both.
  fs::create_directories(root / "api" / "web");
  fs::create_directories(root / "api" / "server");
  std::ofstream(root / "api" / "a.cc") << "#include \"api/answer.h\"\n#include \"api/web/pages.h\"\n";
  std::ofstream(root / "api" / "web" / "b.cc") << "#include \"api/answer.h\"\n#include \"api/server/routes.h\"\n";
  std::ofstream(root / "api" / "server" / "c.cc") << "#include \"api/web/handlers.h\"\n#include \"api/answer.h\"\n";
  const auto violations = LayeringViolations(root);
  fs::remove_all(root);
  ASSERT_EQ(violations.size(), 4u);
  EXPECT_EQ(violations[0].rfind("api/a.cc:2 includes \"api/web/pages.h\", from above api", 0), 0u) << violations[0];
  EXPECT_EQ(violations[1].rfind("api/web/b.cc:2 includes \"api/server/routes.h\", from above api/web", 0), 0u)
      << violations[1];
  EXPECT_EQ(violations[2].rfind("engine/views/x.cc:3 includes \"api/server.h\"", 0), 0u) << violations[2];
  EXPECT_EQ(violations[3].rfind("events/y.cc:1 includes \"tests/test_util.h\"", 0), 0u) << violations[3];
}

}  // namespace
