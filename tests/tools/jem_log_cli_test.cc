// `jem log status|dump|verify|init`, run as a user would: the real binary, its output and
// its exit code.
#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/events/tamper.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::kJemBinary;
using testing::Shell;


class JemLogCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = testing::OpenOrDie(data_, &clock_);
    ASSERT_TRUE(log->Append("meeting-CAM-2009", ExpectedVersion::NoStream(),
                            testing::Notes({"scheduled", "held"})).ok());
    ASSERT_TRUE(log->Append("action-CAM-2009-03", ExpectedVersion::NoStream(),
                            testing::Notes({"agreed"})).ok());
    head_ = log->head();
  }
  std::string Jem(const std::string& args, int expected_exit = 0) {
    return Shell(kJemBinary + " --data " + data_ + " " + args + " 2>&1", expected_exit);
  }

  testing::TempDir dir_;
  std::string data_ = dir_.Sub("data");
  FakeClock clock_{testing::CamdenJem()};
  Head head_;
};

TEST_F(JemLogCliTest, StatusAsJson) {
  auto status = nlohmann::json::parse(Jem("log status --json"));
  EXPECT_EQ(status["head_position"], 3);
  EXPECT_EQ(status["event_count"], 3);
  EXPECT_EQ(status["head_hash"], ToHex(head_.hash));
  EXPECT_GT(status["bytes"].get<uint64_t>(), 0u);
}

TEST_F(JemLogCliTest, StatusAsText) {
  const std::string out = Jem("log status");
  EXPECT_NE(out.find("head position   3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("head hash       " + ToHex(head_.hash)), std::string::npos) << out;
}

TEST_F(JemLogCliTest, DataDirectoryFromTheEnvironment) {
  auto status = nlohmann::json::parse(Shell("JEM_DATA=" + data_ + " " + kJemBinary + " log status --json"));
  EXPECT_EQ(status["head_position"], 3);
}

TEST_F(JemLogCliTest, DumpAsTableWithFromAndLimit) {
  const std::string out = Jem("log dump --from 2 --limit 1");
  EXPECT_NE(out.find("POSITION  STREAM"), std::string::npos) << out;
  EXPECT_NE(out.find("meeting-CAM-2009"), std::string::npos) << out;
  EXPECT_EQ(out.find("action-CAM-2009-03"), std::string::npos) << out;
  EXPECT_NE(out.find("jsmith:officer"), std::string::npos) << out;
  EXPECT_NE(out.find("2009-06-16T10:00:00.000000Z"), std::string::npos) << out;
}

TEST_F(JemLogCliTest, DumpAsJsonLinesThatTheReferenceToolHashes) {
  const std::string out = Jem("log dump --json");
  std::vector<std::string> lines;
  for (size_t at = 0, nl; (nl = out.find('\n', at)) != std::string::npos; at = nl + 1) {
    lines.push_back(out.substr(at, nl - at));
  }
  ASSERT_EQ(lines.size(), 3u);
  auto third = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(third["position"], "3");
  EXPECT_EQ(third["streamId"], "action-CAM-2009-03");
  EXPECT_EQ(third["body"]["note"]["text"], "agreed");
  // The last line, fed to `capnp convert` and sha256sum, gives the head hash.
  const std::string path = dir_.Sub("last.json");
  std::ofstream(path) << lines[2];
  const std::string hash = Shell("capnp convert json:canonical " + std::string(JEM_SOURCE_DIR) +
                                 "/events/events.capnp Event < " + path + " | sha256sum");
  EXPECT_EQ(hash.substr(0, 64), ToHex(head_.hash));
}

TEST_F(JemLogCliTest, VerifyPassesThenNamesTheAlteredPosition) {
  EXPECT_NE(Jem("log verify").find("ok: 3 events verified"), std::string::npos);
  testing::RewriteEnvelope(data_, 3, [](schema::Event::Builder e) {
    e.getBody().getNote().setText("dropped");
  });
  const std::string out = Jem("log verify", 1);
  EXPECT_NE(out.find("damaged at position 3"), std::string::npos) << out;
}

TEST_F(JemLogCliTest, DumpOfOneStreamPrintsOnlyItsEvents) {
  const std::string out = Jem("log dump --stream meeting-CAM-2009");
  EXPECT_NE(out.find("meeting-CAM-2009"), std::string::npos) << out;
  EXPECT_EQ(out.find("action-CAM-2009-03"), std::string::npos) << out;
  const std::string json = Jem("log dump --stream meeting-CAM-2009 --from 2 --json");
  EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 1) << json;
  EXPECT_EQ(nlohmann::json::parse(json)["streamVersion"], "2");
  EXPECT_NE(Jem("log dump --stream action-CAM-2009-99", 2).find("there is no stream action-CAM-2009-99"),
            std::string::npos);
}

TEST_F(JemLogCliTest, DumpOfADamagedLogPrintsTheIntactEventsThenFails) {
  // Event 2 rewritten well-formed (its hash changes), so event 3 no longer links to it.
  testing::RewriteEnvelope(data_, 2, [](schema::Event::Builder e) { e.getBody().getNote().setText("cancelled"); });
  std::string out = Jem("log dump", 1);
  EXPECT_NE(out.find("damaged at position 3"), std::string::npos) << out;
  EXPECT_EQ(out.find("action-CAM-2009-03"), std::string::npos) << "the damaged event is not printed: " << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4) << "the header, events 1 and 2, the error: " << out;
  out = Jem("log dump --stream action-CAM-2009-03", 1);
  EXPECT_NE(out.find("damaged at position 3"), std::string::npos) << out;
  // Bytes that do not decode at all: the events before them, then the failure.
  testing::EditStoredEvent(data_, 2, [](std::string& value) { value.resize(value.size() / 2); });
  out = Jem("log dump --json", 1);
  EXPECT_NE(out.find("{\"position\":\"1\""), std::string::npos) << out;
  EXPECT_NE(out.find("damaged at position 2"), std::string::npos) << out;
}

TEST_F(JemLogCliTest, MissingLogIsAClearErrorAndCreatesNothing) {
  const std::string missing = dir_.Sub("nowhere");
  const std::string out = Shell(kJemBinary + " --data " + missing + " log status 2>&1", 2);
  EXPECT_EQ(out, "jem: there is no jem log in " + missing +
                     " (it is missing or empty); create one with `jem log init`\n");
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(JemLogCliTest, InitCreatesAnEmptyLogOnce) {
  const std::string fresh = dir_.Sub("fresh");
  auto status = nlohmann::json::parse(Shell(kJemBinary + " --data " + fresh + " log init --json"));
  EXPECT_EQ(status["head_position"], 0);
  EXPECT_EQ(nlohmann::json::parse(Jem("log init --json"))["head_position"], 3);  // untouched
}

TEST_F(JemLogCliTest, BadArgumentsAreRefused) {
  EXPECT_NE(Jem("log dump --from 0", 2).find("--from 0: positions start at 1"), std::string::npos);
  EXPECT_NE(Jem("log dump --limit many", 2).find("--limit"), std::string::npos);
  EXPECT_NE(Jem("log frobnicate", 2).find("frobnicate"), std::string::npos);
}

TEST_F(JemLogCliTest, BusyDirectoryNamesTheProcessHoldingIt) {
  auto log = testing::OpenOrDie(data_, &clock_);
  const std::string out = Jem("log status", 2);
  EXPECT_NE(out.find("is in use by process " + std::to_string(::getpid())), std::string::npos) << out;
}

}  // namespace
}  // namespace jem
