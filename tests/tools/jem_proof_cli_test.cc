// `jem audit keygen|checkpoint|prove|consistency|verify` on a real data directory (sample
// JEMs), checked by Go's reference packages (tests/tools/go_verifier), and the tampering an
// auditor would try through RocksDB, each named at its position by `jem log verify` and by
// `jem audit verify --against` a checkpoint kept outside the log.
#include <filesystem>
#include <fstream>
#include <thread>

#include "events/base64.h"
#include "tests/events/tamper.h"
#include "tests/test_util.h"

namespace jem {
namespace {

using testing::kJemBinary;

namespace fs = std::filesystem;
using testing::Shell;

const std::string kGo = std::string(JEM_BINARY_DIR) + "/jem-go-verifier";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A data directory holding three sample JEMs, signed after each, and the log's keys. Built
// once for the suite; each test works on its own copy.
class JemProofCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    const std::string data = dir_->Sub("data");
    Shell(kJemBinary + " --data " + data + " log init");
    Shell(kJemBinary + " audit keygen --name jem.example/log --out " + dir_->Sub("log.key"));
    int n = 0;
    for (const char* sample : {"round1-2009-06-16-cam", "round1-2009-06-24-hrw", "round1-2009-06-29-lew"}) {
      Shell(kJemBinary + " --data " + data + " import " + JEM_SOURCE_DIR + "/samples/" + sample +
            ".yaml --as auditor-test:officer");
      if (n == 0) {
        // A text with what trips up streaming converters: braces, a hash, slashes, quotes.
        Shell(kJemBinary + " --data " + data + " action note CAM-2009-02 --text '{ unbalanced # not a comment " +
              "// a/b/c \"quoted\" \\ }}' --as auditor-test:officer");
      }
      WriteText(dir_->Sub("checkpoint" + std::to_string(++n)),
                Shell(kJemBinary + " --data " + data + " audit checkpoint --key " + dir_->Sub("log.key")));
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override { fs::copy(dir_->Sub("data"), data_, fs::copy_options::recursive); }

  std::string Jem(const std::string& args, int expected_exit = 0) {
    return Shell(kJemBinary + " --data " + data_ + " " + args + " 2>&1", expected_exit);
  }
  std::string Go(const std::string& args, int expected_exit = 0) {
    return Shell(kGo + " " + args + " 2>&1", expected_exit);
  }
  static std::string Kept(const std::string& name) { return dir_->Sub(name); }
  uint64_t SizeOf(const std::string& checkpoint_file) {
    const std::string text = ReadText(checkpoint_file);
    const size_t line = text.find('\n') + 1;
    return std::stoull(text.substr(line, text.find('\n', line) - line));
  }
  // The stored bytes of the event at `position`, written to a file for the Go verifier.
  std::string EventFile(uint64_t position) {
    auto raw = storage::RawLogDb::Open(data_, /*read_only=*/true);
    EXPECT_TRUE(raw.ok());
    const std::string path = scratch_.Sub("event" + std::to_string(position));
    WriteText(path, testing::StoredEvent(**raw, position));
    return path;
  }
  // `jem log verify`, `jem audit verify --against` the last kept checkpoint, and the export
  // verifier on the log's export all fail, naming `position`; the second also says
  // `against_fragment`.
  void ExpectNamed(uint64_t position, const std::string& against_fragment) {
    const std::string plain = Jem("log verify", 1);
    EXPECT_NE(plain.find("damaged at position " + std::to_string(position) + ":"), std::string::npos) << plain;
    const std::string against =
        Jem("audit verify --against " + Kept("checkpoint3") + " --verifier " + Kept("log.key.pub"), 1);
    EXPECT_NE(against.find("damaged at position " + std::to_string(position) + ":"), std::string::npos) << against;
    EXPECT_NE(against.find(against_fragment), std::string::npos) << against;
    const std::string exported = VerifyExport(1);
    EXPECT_NE(exported.find("BAD: position " + std::to_string(position) + ":"), std::string::npos) << exported;
  }
  // The export of the log, checked by tools/verify-export.py against the last kept checkpoint.
  std::string VerifyExport(int expected_exit) {
    // A damaged log's export holds the intact events, then jem exits 2 naming the damage.
    Shell(kJemBinary + " --data " + data_ + " audit export > " + scratch_.Sub("export.jsonl") + " 2>/dev/null || true");
    return Shell(std::string(JEM_SOURCE_DIR) + "/tools/verify-export.py " + scratch_.Sub("export.jsonl") +
                     " --schema " + JEM_SOURCE_DIR + "/events/events.capnp --checkpoint " + Kept("checkpoint3") +
                     " --key " + Kept("log.key.pub"),
                 expected_exit);
  }

  static testing::TempDir* dir_;
  testing::TempDir scratch_;
  std::string data_ = scratch_.Sub("data");
};

testing::TempDir* JemProofCliTest::dir_ = nullptr;

TEST_F(JemProofCliTest, GosNotePackageOpensTheCheckpointsWithThePrintedKey) {
  for (const char* name : {"checkpoint1", "checkpoint2", "checkpoint3"}) {
    const std::string out = Go("checkpoint " + Kept("log.key.pub") + " " + Kept(name));
    EXPECT_NE(out.find("ok: jem.example/log " + std::to_string(SizeOf(Kept(name)))), std::string::npos) << out;
  }
  // The key file keygen wrote is private to its owner.
  EXPECT_EQ(fs::status(Kept("log.key")).permissions() & fs::perms::group_all, fs::perms::none);
}

TEST_F(JemProofCliTest, GosTlogPackageChecksInclusionProofsOfEveryPosition) {
  const uint64_t size = SizeOf(Kept("checkpoint3"));
  for (uint64_t position = 1; position <= size; position += 7) {
    WriteText(scratch_.Sub("proof"), Jem("audit prove " + std::to_string(position)));
    const std::string out = Go("inclusion " + Kept("log.key.pub") + " " + scratch_.Sub("proof") + " " +
                               EventFile(position));
    EXPECT_NE(out.find("ok: event " + std::to_string(position) + " is in the tree of " + std::to_string(size)),
              std::string::npos) << out;
    // The proof is of that event only.
    Go("inclusion " + Kept("log.key.pub") + " " + scratch_.Sub("proof") + " " + EventFile(position % size + 1), 1);
  }
  // Against an earlier checkpoint, for an event it covers.
  WriteText(scratch_.Sub("proof"), Jem("audit prove 3 --checkpoint " + Kept("checkpoint1")));
  Go("inclusion " + Kept("log.key.pub") + " " + scratch_.Sub("proof") + " " + EventFile(3));
}

TEST_F(JemProofCliTest, GosTlogPackageChecksConsistencyProofsAndCatchesAnyAlteredHash) {
  const std::string proof_file = scratch_.Sub("consistency");
  const std::string proof = Jem("audit consistency " + Kept("checkpoint1") + " " + Kept("checkpoint3"));
  WriteText(proof_file, proof);
  const std::string args = Kept("log.key.pub") + " " + Kept("checkpoint1") + " " + Kept("checkpoint3") + " ";
  EXPECT_NE(Go("consistency " + args + proof_file).find("ok: the tree of"), std::string::npos);
  // Any one hash of the proof altered (GHSA-672p-m5jq-mrh8's class), or dropped: refused.
  size_t line = proof.find('\n') + 1;
  for (int altered = 0; line < proof.size(); ++altered, line = proof.find('\n', line) + 1) {
    std::string bad = proof;
    bad[line + 5] = bad[line + 5] == 'A' ? 'B' : 'A';
    WriteText(proof_file, bad);
    Go("consistency " + args + proof_file, 1);
    std::string shorter = proof;
    shorter.erase(line, proof.find('\n', line) + 1 - line);
    WriteText(proof_file, shorter);
    Go("consistency " + args + proof_file, 1);
  }
}

TEST_F(JemProofCliTest, AVerifierPinsTheLogsKeyAndOrigin) {
  // A checkpoint of the same log signed by another key of the same name, and one of another
  // origin signed by its own key: neither opens against the pinned key, in Go or in jem.
  Shell(kJemBinary + " audit keygen --name jem.example/log --out " + scratch_.Sub("impostor.key"));
  Shell(kJemBinary + " audit keygen --name other.example/log --out " + scratch_.Sub("other.key"));
  for (const char* key : {"impostor.key", "other.key"}) {
    fs::copy(Kept("data"), scratch_.Sub(std::string("data-") + key), fs::copy_options::recursive);
    const std::string note = Shell(kJemBinary + " --data " + scratch_.Sub(std::string("data-") + key) +
                                   " audit checkpoint --key " + scratch_.Sub(key));
    WriteText(scratch_.Sub("foreign"), note);
    Go("checkpoint " + Kept("log.key.pub") + " " + scratch_.Sub("foreign"), 1);
    const std::string out =
        Jem("audit verify --against " + scratch_.Sub("foreign") + " --verifier " + Kept("log.key.pub"), 2);
    EXPECT_NE(out.find(key == std::string("impostor.key") ? "no signature by jem.example/log+"
                                                          : "of the log 'other.example/log'"),
              std::string::npos) << out;
  }
}

TEST_F(JemProofCliTest, BadInputIsRefusedWithTheReason) {
  EXPECT_NE(Jem("audit prove 0", 2).find("position 0 is not in the checkpoint"), std::string::npos);
  EXPECT_NE(Jem("audit prove 100000", 2).find("prove it against a later checkpoint"), std::string::npos);
  EXPECT_NE(Jem("audit consistency " + Kept("checkpoint3") + " " + Kept("checkpoint1"), 2)
                .find("from a smaller tree to a larger one"), std::string::npos);
  EXPECT_NE(Jem("audit verify --against " + Kept("checkpoint1") + " --verifier " + Kept("log.key"), 2)
                .find("this is a private key"), std::string::npos);
  EXPECT_NE(Jem("audit prove 1 --checkpoint " + Kept("log.key.pub"), 2).find("no blank line"), std::string::npos);
  EXPECT_NE(Jem("audit keygen --name 'a b' --out " + scratch_.Sub("k"), 2).find("key name"), std::string::npos);
  EXPECT_NE(Jem("audit keygen --name x --out " + Kept("log.key"), 2).find("already exists; it is not overwritten"), std::string::npos);
  fs::permissions(scratch_.Sub("data"), fs::perms::owner_all);
  fs::copy(Kept("log.key"), scratch_.Sub("open.key"));
  fs::permissions(scratch_.Sub("open.key"), fs::perms::others_read, fs::perm_options::add);
  EXPECT_NE(Jem("audit checkpoint --key " + scratch_.Sub("open.key"), 2).find("chmod 600"), std::string::npos);
}

TEST_F(JemProofCliTest, TheExportOfAnIntactLogVerifiesWithPublicToolsOnly) {
  const std::string out = VerifyExport(0);
  EXPECT_NE(out.find("ok: " + std::to_string(SizeOf(Kept("checkpoint3"))) + " events"), std::string::npos) << out;
  EXPECT_NE(out.find("have the checkpoint's root, signed by its key"), std::string::npos) << out;
  // A slice verifies its chain, but a root needs the events from position 1.
  Shell(kJemBinary + " --data " + data_ + " audit export --from 5 --to 9 > " + scratch_.Sub("slice.jsonl"));
  const std::string slice = Shell(std::string(JEM_SOURCE_DIR) + "/tools/verify-export.py " + scratch_.Sub("slice.jsonl") +
                                  " --schema " + JEM_SOURCE_DIR + "/events/events.capnp");
  EXPECT_NE(slice.find("ok: 5 events, positions 5 to 9"), std::string::npos) << slice;
}

TEST_F(JemProofCliTest, AnExportLineThatIsNotCapnpsOwnRenderingIsRefused) {
  Shell(kJemBinary + " --data " + data_ + " audit export > " + scratch_.Sub("export.jsonl"));
  const std::string lines = ReadText(scratch_.Sub("export.jsonl"));
  // An unknown key, a repeated one (capnp keeps the last), a key moved: each reads the same
  // to capnp, so each would let a reader see one text while the hash covers another.
  const std::vector<std::pair<std::string, std::string>> respellings = {
      {"\"schemaVersion\":1,", "\"schemaVersion\":1,\"note\":\"approved\","},
      {"\"role\":\"officer\"", "\"role\":\"admin\",\"role\":\"officer\""},
      {"\"schemaVersion\":1,", "\"schemaVersion\":1 ,"}};
  for (const auto& [from, to] : respellings) {
    const size_t line = lines.find('\n', lines.size() / 2) + 1;
    const size_t at = lines.find(from, line);
    ASSERT_NE(at, std::string::npos);
    std::string bad = lines;
    bad.replace(at, from.size(), to);
    WriteText(scratch_.Sub("bad.jsonl"), bad);
    const std::string out = Shell(std::string(JEM_SOURCE_DIR) + "/tools/verify-export.py " + scratch_.Sub("bad.jsonl") +
                                  " --schema " + JEM_SOURCE_DIR + "/events/events.capnp", 1);
    EXPECT_NE(out.find("not capnp's own rendering"), std::string::npos) << to << "\n" << out;
  }
  // Bytes that read the same but are not the canonical form (a zero word added): refused.
  const size_t begin = lines.find("\"bytes\":\"", lines.size() / 2) + 9;
  const size_t end = lines.find('"', begin);
  auto stored = FromBase64(lines.substr(begin, end - begin));
  ASSERT_TRUE(stored.has_value());
  stored->resize(stored->size() + 8, 0);
  std::string padded = lines;
  padded.replace(begin, end - begin, Base64(*stored));
  WriteText(scratch_.Sub("bad.jsonl"), padded);
  const std::string out = Shell(std::string(JEM_SOURCE_DIR) + "/tools/verify-export.py " + scratch_.Sub("bad.jsonl") +
                                " --schema " + JEM_SOURCE_DIR + "/events/events.capnp", 1);
  EXPECT_NE(out.find("not in Cap'n Proto's canonical form"), std::string::npos) << out;
}

TEST_F(JemProofCliTest, AnIntactLogExtendsEveryKeptCheckpoint) {
  for (const char* name : {"checkpoint1", "checkpoint2", "checkpoint3"}) {
    const std::string out = Jem(std::string("audit verify --against ") + Kept(name) + " --verifier " +
                                Kept("log.key.pub"));
    EXPECT_NE(out.find("the log extends the checkpoint of " + std::to_string(SizeOf(Kept(name)))),
              std::string::npos) << out;
  }
}

TEST_F(JemProofCliTest, ABackupTakenWhileTheServerRunsRestoresAndVerifies) {
  // The server holds the data directory; the backup needs no lock.
  Shell(kJemBinary + " --data " + data_ + " serve --port 0 --checkpoint-key " + Kept("log.key") + " > " +
        scratch_.Sub("serve.out") + " 2>&1 & echo $! > " + scratch_.Sub("serve.pid"));
  for (int i = 0; i < 200 && ReadText(scratch_.Sub("serve.out")).find("serving") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const std::string backed_up = Jem("backup " + scratch_.Sub("backup"));
  Shell("kill $(cat " + scratch_.Sub("serve.pid") + ")");
  EXPECT_NE(backed_up.find("backed up " + std::to_string(SizeOf(Kept("checkpoint3"))) + " events"), std::string::npos)
      << backed_up;
  const std::string restored = Shell(kJemBinary + " --data " + scratch_.Sub("restored") + " restore " + scratch_.Sub("backup") +
                                     " --verifier " + Kept("log.key.pub") + " 2>&1");
  EXPECT_NE(restored.find("the chain, the tree and the indexes verify; its latest checkpoint (" +
                          std::to_string(SizeOf(Kept("checkpoint3"))) + " events) matches, signed by jem.example/log"),
            std::string::npos) << restored;
  // Restoring over a log is refused; a backup rewritten behind the checkpoint is caught.
  EXPECT_NE(Jem("restore " + scratch_.Sub("backup"), 2).find("is not empty"), std::string::npos);
  testing::RewriteEnvelope(scratch_.Sub("backup"), 7, [](schema::Event::Builder e) { e.getActor().setUserId("x"); });
  testing::RechainAfter(scratch_.Sub("backup"), 7);
  EXPECT_NE(Shell(kJemBinary + " --data " + scratch_.Sub("again") + " restore " + scratch_.Sub("backup") + " 2>&1", 2)
                .find("does not match its latest checkpoint"), std::string::npos);
}

// The tampering of issue 14, each through RocksDB on a copy of the data directory.

TEST_F(JemProofCliTest, AByteFlippedInTheMiddle) {
  // A byte of what the event says (its borough's code), not of the padding between its fields:
  // a change there alters no value, so only `jem log verify`, which hashes the stored bytes,
  // could see it (docs/audit.md).
  testing::EditStoredEvent(data_, 20, [](std::string& v) {
    const size_t at = v.find("CAM");
    ASSERT_NE(at, std::string::npos);
    v[at + 2] = 'N';
  });
  ExpectNamed(20, "position 20");
}

TEST_F(JemProofCliTest, AByteOfPaddingFlipped) {
  // The zeros after a text's end are part of the stored bytes: no value changes, but the
  // bytes are no longer the canonical form, nor the ones the chain and the tree recorded.
  testing::EditStoredEvent(data_, 30, [](std::string& v) { v.back() ^= 0x01; });
  ExpectNamed(30, "position 30");
}

TEST_F(JemProofCliTest, TheLastEventDeleted) {
  const uint64_t n = SizeOf(Kept("checkpoint3"));
  testing::DeleteEventsFrom(data_, n);
  ExpectNamed(n, "ends before it");
}

TEST_F(JemProofCliTest, TwoEventsSwapped) {
  testing::SwapEvents(data_, 11, 12);
  ExpectNamed(11, "position 11");
}

TEST_F(JemProofCliTest, TheLastEventEditedAndTheHeadRewritten) {
  const uint64_t n = SizeOf(Kept("checkpoint3"));
  testing::RewriteEnvelope(data_, n, [](schema::Event::Builder e) { e.getActor().setUserId("someone-else"); });
  testing::RewriteHead(data_, n);
  ExpectNamed(n, "does not match its leaf");
}

TEST_F(JemProofCliTest, TruncatedAndTheHeadRewritten) {
  // Only a checkpoint kept outside catches this once the indexes are cleaned too: plain
  // verify sees the indexes still naming the removed events.
  const uint64_t n = SizeOf(Kept("checkpoint3")), cut = n - 5;
  testing::DeleteEventsFrom(data_, cut + 1);
  testing::RewriteHead(data_, cut);
  const std::string against =
      Jem("audit verify --against " + Kept("checkpoint3") + " --verifier " + Kept("log.key.pub"), 1);
  EXPECT_NE(against.find("position " + std::to_string(cut + 1)), std::string::npos) << against;
  // Plain verify finds an index still naming a removed event (the streams index or the
  // event-id index: whichever reader gets there first), at a removed position.
  const std::string plain = Jem("log verify", 1);
  const size_t at = plain.find("damaged at position ");
  ASSERT_NE(at, std::string::npos) << plain;
  EXPECT_GT(std::stoull(plain.substr(at + 20)), cut) << plain;
  EXPECT_NE(plain.find("index"), std::string::npos) << plain;
  EXPECT_NE(VerifyExport(1).find("BAD: position " + std::to_string(cut + 1) + ":"), std::string::npos);
}

TEST_F(JemProofCliTest, EverythingAfterAnEditReChained) {
  // The chain, the head and the tree all agree with the edited events. The checkpoints kept
  // with the log do not: plain `jem log verify` compares each one's root with the tree, and
  // narrows the change down to the sample it is in; so does the checkpoint kept outside.
  const uint64_t edited = SizeOf(Kept("checkpoint1")) + 4;
  testing::RewriteEnvelope(data_, edited, [](schema::Event::Builder e) { e.getActor().setUserId("someone-else"); });
  testing::RechainAfter(data_, edited);
  const std::string plain = Jem("log verify", 1);
  EXPECT_NE(plain.find("damaged at position " + std::to_string(SizeOf(Kept("checkpoint1")) + 1)), std::string::npos)
      << plain;
  EXPECT_NE(plain.find("from position " + std::to_string(SizeOf(Kept("checkpoint1")) + 1) + " to " +
                       std::to_string(SizeOf(Kept("checkpoint2")))),
            std::string::npos) << plain;
  const std::string against =
      Jem("audit verify --against " + Kept("checkpoint3") + " --verifier " + Kept("log.key.pub"), 1);
  EXPECT_NE(against.find("from position " + std::to_string(SizeOf(Kept("checkpoint1")) + 1) + " to " +
                         std::to_string(SizeOf(Kept("checkpoint2")))),
            std::string::npos) << against;
  // An earlier checkpoint, from before the edited event, still holds.
  Jem("audit verify --against " + Kept("checkpoint1") + " --verifier " + Kept("log.key.pub"));
  // The export verifier has only the checkpoint it is given: it finds the tree rewritten.
  EXPECT_NE(VerifyExport(1).find("is not the checkpoint's: the log was rewritten"), std::string::npos);
}

}  // namespace
}  // namespace jem
