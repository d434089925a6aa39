// The proofs' routes of a running server: its checkpoint and hash tiles checked by Go's
// reference packages, proofs that verify, a witness (`jem witness`, the real binary) whose
// cosignature the server keeps, and every malformed or foreign request refused.
#include <fstream>

#include "events/merkle.h"
#include "events/proofs/checkpoint.h"
#include "events/tree.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

using testing::kJemBinary;
using testing::Shell;

const std::string kGo = std::string(JEM_BINARY_DIR) + "/jem-go-verifier";

class ProofRoutesTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    auto log_key = proofs::GenerateKey("jem.example/log", proofs::KeyKind::kLog);
    auto witness_key = proofs::GenerateKey("witness.example/w1", proofs::KeyKind::kCosigner);
    Write("log.key.pub", log_key->verifier_key);
    Write("witness.key", witness_key->private_key);
    Write("witness.key.pub", witness_key->verifier_key);
    options_.checkpoint_key = *proofs::Signer::Parse(log_key->private_key);
    options_.witnesses = {*proofs::Verifier::Parse(witness_key->verifier_key)};
    verifier_ = *proofs::Verifier::Parse(log_key->verifier_key);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(keys_.Sub(name)) << text << "\n";
    std::filesystem::permissions(keys_.Sub(name), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  void Fill(int events) {
    for (int done = 0; done < events; done += 1000) {
      std::vector<NewEvent> batch;
      for (int i = done; i < std::min(events, done + 1000); ++i) batch.push_back(testing::Note("event " + std::to_string(i)));
      ASSERT_TRUE(log_->Append("stream-" + std::to_string(done), ExpectedVersion::Any(), std::move(batch)).ok());
    }
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  proofs::TreeHead Served() {
    auto r = Client().Get("/checkpoint");
    EXPECT_EQ(r->status, 200);
    auto head = proofs::OpenCheckpoint(r->body, verifier_);
    EXPECT_TRUE(head.ok()) << head.status().ToString();
    return head.ok() ? *head : proofs::TreeHead{};
  }
  std::string Witness(int expected_exit = 0) {
    return Shell(kJemBinary + " witness --once --log " + Url() + " --log-key " + keys_.Sub("log.key.pub") + " --key " +
                     keys_.Sub("witness.key") + " --state " + keys_.Sub("witness.state") + " 2>&1",
                 expected_exit);
  }

  testing::TempDir keys_;
  api::ServerOptions options_;
  proofs::Verifier verifier_;
};

TEST_F(ProofRoutesTest, GosTlogPackageComputesTheCheckpointsRootFromTheServedTiles) {
  Fill(66000);  // past 2^16 events: tiles of level 1 as well as level 0, full and partial
  Start(options_);
  EXPECT_EQ(Served().size, log_->head().position);
  const std::string out = Shell(kGo + " tiles " + Url() + " " + keys_.Sub("log.key.pub") + " 2>&1");
  EXPECT_NE(out.find("ok: the tiles of jem.example/log give the root of its 66000 events"), std::string::npos) << out;
  auto tile = Client().Get("/tile/1/000");
  ASSERT_EQ(tile->status, 200);
  EXPECT_EQ(tile->body.size(), 256u * 32);
  EXPECT_EQ(tile->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_NE(tile->get_header_value("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(Client().Get("/tile/0/257.p/208")->body.size(), 208u * 32);
}

TEST_F(ProofRoutesTest, MalformedOrUnservedTilePathsAreNotFound) {
  Fill(300);
  Start(options_);
  auto client = Client();
  EXPECT_EQ(client.Get("/tile/0/000")->status, 200);
  EXPECT_EQ(client.Get("/tile/0/001.p/44")->status, 200);
  EXPECT_EQ(client.Get("/tile/1/000.p/1")->status, 200);  // the root of the first 256
  for (const char* path : {"/tile/0/001", "/tile/0/001.p/45", "/tile/1/000.p/2", "/tile/0/1", "/tile/0/x000/001",
                           "/tile/0/000.p/0", "/tile/0/000.p/256", "/tile/0/000.p/07", "/tile/8/000", "/tile/0/",
                           "/tile/0/000/", "/tile/0/../000", "/tile/entries/000", "/tile/0/x999/x999/x999/x999/x999/x999/999"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path << " " << r->body;
  }
}

TEST_F(ProofRoutesTest, InclusionAndConsistencyProofsVerify) {
  Fill(40);
  Start(options_);
  const proofs::TreeHead head = Served();
  auto client = Client();
  for (uint64_t position : {1, 17, 40}) {
    auto r = client.Get("/api/v1/proofs/inclusion/" + std::to_string(position));
    ASSERT_EQ(r->status, 200) << r->body;
    auto proof = proofs::ParseInclusionProof(r->body);
    ASSERT_TRUE(proof.ok());
    auto event = log_->ReadAll(position, 1);
    EXPECT_TRUE(merkle::VerifyInclusion(proof->index, head.size, merkle::LeafHash(event->front().bytes()),
                                        proof->hashes, head.root).ok());
    EXPECT_TRUE(proofs::OpenCheckpoint(proof->checkpoint, verifier_).ok());
  }
  auto r = client.Get("/api/v1/proofs/consistency/7/40");
  ASSERT_EQ(r->status, 200) << r->body;
  auto proof = proofs::ParseConsistencyProof(r->body);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(merkle::VerifyConsistency(7, 40, *LogTree(*log_).Root(7), head.root, proof->hashes).ok());
  // Out of range, or not a position at all: a 400 that names the field, never "no such route".
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/proofs/consistency/40/7", "old"},
           {"/api/v1/proofs/consistency/7/41", "new"},
           {"/api/v1/proofs/consistency/0/7", "old"},
           {"/api/v1/proofs/consistency/7/99999999999999999999", "new"},
           {"/api/v1/proofs/inclusion/41", "position"},
           {"/api/v1/proofs/inclusion/0", "position"},
           {"/api/v1/proofs/inclusion/-1", "position"},
           {"/api/v1/proofs/inclusion/18446744073709551616", "position"}}) {
    auto refused = client.Get(path);
    ASSERT_TRUE(refused) << path;
    EXPECT_EQ(refused->status, 400) << path;
    EXPECT_EQ(nlohmann::json::parse(refused->body)["error"]["field"], field) << path << " " << refused->body;
  }
}

TEST_F(ProofRoutesTest, AWitnessCosignsAsTheLogGrowsAndTheServerKeepsIt) {
  Fill(12);
  Start(options_);
  EXPECT_NE(Witness().find("cosigned the checkpoint of 12 events"), std::string::npos);
  auto cosigned = Client().Get("/checkpoint");
  std::ofstream(keys_.Sub("cosigned")) << cosigned->body;
  const std::string checked = Shell(kGo + " cosigned " + keys_.Sub("log.key.pub") + " " + keys_.Sub("witness.key.pub") +
                                    " " + keys_.Sub("cosigned") + " 2>&1");
  EXPECT_NE(checked.find("ok: cosigned by witness.example/w1"), std::string::npos) << checked;
  EXPECT_NE(Witness().find("nothing new"), std::string::npos);

  // The log grows; the server signs again when its clock passes the interval.
  Fill(30);
  clock_.Advance(std::chrono::seconds(10));
  for (int i = 0; i < 500 && Served().size != 42; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(Served().size, 42u);
  EXPECT_NE(Witness().find("cosigned the checkpoint of 42 events"), std::string::npos);
  EXPECT_NE(Client().Get("/checkpoint")->body.find("\xE2\x80\x94 witness.example/w1 "), std::string::npos);
}

TEST_F(ProofRoutesTest, CosignaturesFromAnyoneElseOrOnAnythingElseAreRefused) {
  Fill(5);
  Start(options_);
  auto client = Client();
  const std::string checkpoint = client.Get("/checkpoint")->body;
  auto note = *proofs::ParseNote(checkpoint);
  // A witness this server does not trust.
  auto stranger = *proofs::Signer::Parse(proofs::GenerateKey("stranger/w", proofs::KeyKind::kCosigner)->private_key);
  auto with_stranger = note;
  with_stranger.signatures.push_back(stranger.Sign(note.body, 1));
  auto r = client.Post("/api/v1/checkpoints/cosigned", proofs::FormatNote(with_stranger), "text/plain");
  EXPECT_EQ(r->status, 403) << r->body;
  // The trusted witness's cosignature on an altered body: the log's signature no longer holds.
  auto witness = *proofs::Signer::Parse(std::string(std::istreambuf_iterator<char>(std::ifstream(keys_.Sub("witness.key")).rdbuf()), {}));
  proofs::SignedNote altered{"jem.example/log\n6\n" + note.body.substr(note.body.find('\n', 16) + 1), note.signatures};
  altered.signatures.push_back(witness.Sign(altered.body, 1));
  EXPECT_EQ(client.Post("/api/v1/checkpoints/cosigned", proofs::FormatNote(altered), "text/plain")->status, 400);
  // A checkpoint the log signed but does not keep (a tree it never published).
  EXPECT_EQ(client.Post("/api/v1/checkpoints/cosigned", "not a note", "text/plain")->status, 400);
  EXPECT_EQ(client.Post("/api/v1/checkpoints/cosigned", checkpoint, "application/json")->status, 415);
  // Nothing kept changed.
  EXPECT_EQ(client.Get("/checkpoint")->body, checkpoint);
}

TEST_F(ProofRoutesTest, WithoutAKeyTheServerSaysHowToSignCheckpoints) {
  Fill(3);
  Start();
  auto r = Client().Get("/checkpoint");
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("--checkpoint-key"), std::string::npos);
  // Tiles and consistency proofs need no key.
  EXPECT_EQ(Client().Get("/tile/0/000.p/3")->status, 200);
  EXPECT_EQ(Client().Get("/api/v1/proofs/consistency/1/3")->status, 200);
}

}  // namespace
}  // namespace jem
