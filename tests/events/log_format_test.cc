// Verifiable without jem: the reference `capnp` tool and `sha256sum` reproduce every hash
// from a JSON rendering of the events, using only the published schema.
#include <fstream>

#include "tests/test_util.h"

namespace jem {
namespace {

using testing::Shell;

const std::string kSchema = std::string(JEM_SOURCE_DIR) + "/events/events.capnp";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void Spit(const std::string& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

class LogFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = testing::OpenOrDie(dir_.Sub("log"), &clock_);
    ASSERT_TRUE(log->Append("meeting-CAM-2009", ExpectedVersion::NoStream(),
                            testing::Notes({"JEM held at Camden Town Hall", "café on £5 ✓"})).ok());
    std::vector<NewEvent> correction;
    auto first = log->ReadAll(1, 1);
    ASSERT_TRUE(first.ok());
    const EventId wrong = (*first)[0].id();
    correction.push_back(NewEvent{NewEventId(), Actor{"auditor-1", "auditor"}, wrong, NewEventId(),
                                  EventBody::Make([&](schema::Body::Builder b) {
                                    auto c = b.initCorrection();
                                    c.setCorrectedPosition(1);
                                    c.setCorrectedEventId(capnp::Data::Reader(wrong.data, 16));
                                    c.setReason("the meeting was at the Crowndale Centre");
                                  })});
    ASSERT_TRUE(log->Append("meeting-CAM-2009", ExpectedVersion::Exactly(2), std::move(correction)).ok());
    auto all = log->ReadAll(1, 10);
    ASSERT_TRUE(all.ok());
    events_ = std::move(all.value());
    head_ = log->head();
  }

  // The auditor's path: canonical bytes -> JSON -> canonical bytes -> sha256sum.
  std::string HashViaReferenceTools(const std::string& json_path) {
    std::string out = Shell("capnp convert json:canonical " + kSchema + " Event < " + json_path +
                          " | sha256sum");
    return out.substr(0, 64);
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::CamdenJem()};
  std::vector<RecordedEvent> events_;
  Head head_;
};

TEST_F(LogFormatTest, ReferenceToolsRecomputeEveryHashAndLink) {
  ASSERT_EQ(events_.size(), 3u);
  std::string previous = ToHex(Hash{});
  for (const RecordedEvent& e : events_) {
    const std::string stored = dir_.Sub("event-" + std::to_string(e.position()));
    Spit(stored + ".bin", {reinterpret_cast<const char*>(e.bytes().data()), e.bytes().size()});
    Shell("capnp convert canonical:json " + kSchema + " Event < " + stored + ".bin > " + stored + ".json");
    const std::string json = Slurp(stored + ".json");
    EXPECT_NE(json.find("\"previousHash\": \"" + previous + "\""), std::string::npos) << json;

    const std::string hash = HashViaReferenceTools(stored + ".json");
    EXPECT_EQ(hash, ToHex(e.hash())) << "at position " << e.position();
    previous = hash;
  }
  EXPECT_EQ(previous, ToHex(head_.hash));
}

TEST_F(LogFormatTest, JemsOwnJsonIsWhatTheReferenceToolReads) {
  for (const RecordedEvent& e : events_) {
    const std::string path = dir_.Sub("jem-" + std::to_string(e.position()) + ".json");
    Spit(path, EventToJson(e));
    EXPECT_EQ(HashViaReferenceTools(path), ToHex(e.hash())) << EventToJson(e);
  }
}

TEST_F(LogFormatTest, OneChangedCharacterChangesTheHash) {
  const RecordedEvent& e = events_[0];
  std::string json = EventToJson(e);
  const auto at = json.find("Camden");
  ASSERT_NE(at, std::string::npos);
  json[at] = 'K';
  const std::string path = dir_.Sub("altered.json");
  Spit(path, json);
  EXPECT_NE(HashViaReferenceTools(path), ToHex(e.hash()));
}

}  // namespace
}  // namespace jem
