// The event decoder against damaged and hostile bytes: whatever is stored, Decode either
// refuses it with a status or gives an event that every reader can read without failing.
// Inputs the fuzzer (tests/fuzz) found are kept in tests/fuzz/regressions/ and replayed here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "events/event.h"

namespace jem {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const fs::path kFuzz = fs::path(JEM_SOURCE_DIR) / "tests" / "fuzz";

TEST(EventDecodeTest, EverySeedDecodesAndReadsInFull) {
  int seeds = 0;
  for (const auto& entry : fs::directory_iterator(kFuzz / "corpus" / "event_decode")) {
    auto event = RecordedEvent::Decode(1, ReadFile(entry.path()));
    ASSERT_TRUE(event.ok()) << entry.path() << ": " << event.status().ToString();
    EXPECT_EQ(std::string(event->type()), entry.path().stem().string());
    EXPECT_NE(EventToJson(*event).find(std::string(event->stream_id())), std::string::npos);
    ++seeds;
  }
  EXPECT_GE(seeds, 10);
}

TEST(EventDecodeTest, ATextWithoutItsNulIsRefusedAtDecodeNotThrownAtRead) {
  std::string stored = ReadFile(kFuzz / "corpus" / "event_decode" / "meetingScheduled.bin");
  const std::string stream = std::string("meeting-CAM-20090616") + '\0';
  const size_t at = stored.find(stream);
  ASSERT_NE(at, std::string::npos);
  stored[at + stream.size() - 1] = 'X';
  auto event = RecordedEvent::Decode(1, stored);
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.status().code(), Status::Code::kCorruption);
  EXPECT_NE(event.status().message().find("is not a valid envelope"), std::string::npos) << event.status().message();
}

TEST(EventDecodeTest, InputsTheFuzzerFoundAreRefusedOrReadInFull) {
  int found = 0;
  for (const auto& entry : fs::directory_iterator(kFuzz / "regressions" / "event_decode")) {
    auto event = RecordedEvent::Decode(1, ReadFile(entry.path()));
    if (event.ok()) {
      EXPECT_FALSE(EventToJson(*event).empty()) << entry.path();  // a throw here fails the test
    } else {
      EXPECT_EQ(event.status().code(), Status::Code::kCorruption) << entry.path() << ": " << event.status().ToString();
    }
    ++found;
  }
  EXPECT_GE(found, 1);
}

}  // namespace
}  // namespace jem
