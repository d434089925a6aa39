// Helpers shared by jem's tests: scratch directories, a fixed fake clock, sample events.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "events/log.h"

namespace jem::testing {

// The jem program the tests run, as built beside them.
inline const std::string kJemBinary = std::string(JEM_BINARY_DIR) + "/tools/jem";

// A fresh directory under $TMPDIR, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jem-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  // A path inside the directory that does not exist yet.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// 16 June 2009, 10:00 UTC: the Camden JEM of round 1.
inline Timestamp CamdenJem() {
  using namespace std::chrono;
  return sys_days(year(2009) / June / 16) + hours(10);
}

inline NewEvent Note(const std::string& text, EventId id = NewEventId()) {
  return NewEvent{id, Actor{"jsmith", "officer"}, {}, {}, EventBody::Note(text)};
}

// A batch of the given events (NewEvent moves, so an initializer list cannot hold them).
template <typename... Events>
std::vector<NewEvent> Batch(Events&&... events) {
  std::vector<NewEvent> out;
  (out.push_back(std::forward<Events>(events)), ...);
  return out;
}

inline std::vector<NewEvent> Notes(std::initializer_list<std::string> texts) {
  std::vector<NewEvent> out;
  for (const auto& t : texts) out.push_back(Note(t));
  return out;
}

// Opens a log in `dir` on `clock`, failing the test if it cannot.
inline std::unique_ptr<Log> OpenOrDie(const std::string& dir, Clock* clock,
                                      LogOptions options = {}) {
  options.clock = clock;
  auto log = Log::Open(dir, options);
  EXPECT_TRUE(log.ok()) << log.status().ToString();
  return log.ok() ? std::move(log.value()) : nullptr;
}

// Runs `command` with /bin/sh and returns its standard output. Fails the test unless it
// exits with `expected_exit`.
inline std::string Shell(const std::string& command, int expected_exit = 0) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  EXPECT_NE(p, nullptr) << command;
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = ::pclose(p);
  EXPECT_TRUE(WIFEXITED(status)) << command;
  EXPECT_EQ(WEXITSTATUS(status), expected_exit) << command << "\n" << out;
  return out;
}

// The text of a note event.
inline std::string NoteText(const RecordedEvent& e) {
  return e.envelope().getBody().getNote().getText().cStr();
}

// `result` must be an error whose message holds `fragment`; `input` is what was given.
template <typename T>
void ExpectErrorHolding(const Result<T>& result, std::string_view fragment, std::string_view input) {
  ASSERT_FALSE(result.ok()) << "accepted: " << input;
  EXPECT_NE(result.status().message().find(fragment), std::string::npos) << result.status().ToString();
}

}  // namespace jem::testing
