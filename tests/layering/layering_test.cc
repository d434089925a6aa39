// The layering rule of DESIGN.md, checked on the source tree: a folder includes only from
// its own layer and the layers below it (events < projections < engine < api < tools).
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

const std::vector<std::string> kLayers = {"events", "projections", "engine", "api", "tools"};

int LayerOf(const std::string& top_folder) {
  for (size_t i = 0; i < kLayers.size(); ++i) {
    if (kLayers[i] == top_folder) return int(i);
  }
  return -1;
}

// "path:line includes folder/file.h, a layer above folder" for each include of the source
// tree at `root` that breaks the rule.
std::vector<std::string> LayeringViolations(const fs::path& root) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([a-z_]+)/[^"]+")re");
  std::vector<std::string> found;
  for (const std::string& layer : kLayers) {
    if (!fs::exists(root / layer)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
      const std::string ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cc" && ext != ".capnp")) continue;
      std::ifstream in(entry.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n) {
        std::smatch m;
        if (!std::regex_search(line, m, kInclude)) continue;
        const int to = LayerOf(m[1]);
        if (to > LayerOf(layer) || (to < 0 && m[1] == "tests")) {
          found.push_back(fs::relative(entry.path(), root).string() + ":" + std::to_string(n) + " includes " +
                          m[0].str().substr(m[0].str().find('"')) + ", from above " + layer);
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
  const auto violations = LayeringViolations(root);
  fs::remove_all(root);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].rfind("engine/views/x.cc:3 includes \"api/server.h\"", 0), 0u) << violations[0];
  EXPECT_EQ(violations[1].rfind("events/y.cc:1 includes \"tests/test_util.h\"", 0), 0u) << violations[1];
}

}  // namespace
