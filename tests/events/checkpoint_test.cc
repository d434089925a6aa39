// Signed notes, checkpoints and proof texts as a verifier reads them: what jem signs opens
// with the right key only, and every malformed or altered text is refused with its reason.
// (tests/tools/go_verifier checks the same texts with Go's reference packages.)
#include "events/proofs/checkpoint.h"

#include <gtest/gtest.h>

#include "events/base64.h"

namespace jem::proofs {
namespace {

Signer NewSigner(const std::string& name, KeyKind kind = KeyKind::kLog) {
  auto key = GenerateKey(name, kind);
  EXPECT_TRUE(key.ok());
  return *Signer::Parse(key->private_key);
}

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = GenerateKey("jem.example/log", KeyKind::kLog);
    ASSERT_TRUE(key.ok());
    signer_ = *Signer::Parse(key->private_key);
    verifier_ = *Verifier::Parse(key->verifier_key);
    head_ = TreeHead{"jem.example/log", 1042, Sha256(std::span<const uint8_t>())};
    checkpoint_ = *SignCheckpoint(head_, signer_);
  }
  void ExpectRefused(const std::string& text, const std::string& fragment) {
    auto opened = OpenCheckpoint(text, verifier_);
    ASSERT_FALSE(opened.ok()) << text;
    EXPECT_NE(opened.status().message().find(fragment), std::string::npos) << opened.status().message();
  }
  Signer signer_;
  Verifier verifier_;
  TreeHead head_;
  std::string checkpoint_;
};

TEST_F(CheckpointTest, KeysAreInTheTextFormsOfGosNotePackage) {
  auto key = GenerateKey("jem.example/log", KeyKind::kLog);
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->private_key.starts_with("PRIVATE+KEY+jem.example/log+"));
  EXPECT_TRUE(key->verifier_key.starts_with("jem.example/log+"));
  EXPECT_EQ(Verifier::Parse(key->verifier_key)->Text(), key->verifier_key);
  EXPECT_FALSE(GenerateKey("has space", KeyKind::kLog).ok());
  EXPECT_FALSE(GenerateKey("has+plus", KeyKind::kLog).ok());
  EXPECT_FALSE(GenerateKey("", KeyKind::kLog).ok());
  // A key id that does not match its name and key is refused, in either half.
  std::string wrong = key->verifier_key;
  wrong[wrong.find('+') + 1] = wrong[wrong.find('+') + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(Verifier::Parse(wrong).ok());
  EXPECT_FALSE(Signer::Parse("PRIVATE+KEY+other+00000000+AAAA").ok());
  EXPECT_FALSE(Signer::Parse(key->verifier_key).ok());
}

TEST_F(CheckpointTest, ASignedCheckpointOpensWithItsKey) {
  EXPECT_EQ(checkpoint_.substr(0, checkpoint_.find("\n\n") + 1),
            "jem.example/log\n1042\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  auto opened = OpenCheckpoint(checkpoint_, verifier_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->size, 1042u);
  EXPECT_EQ(opened->root, head_.root);
  EXPECT_EQ(opened->origin, "jem.example/log");
}

TEST_F(CheckpointTest, AlteredOrForeignCheckpointsAreRefused) {
  std::string bigger = checkpoint_;
  bigger.replace(bigger.find("1042"), 4, "1043");
  ExpectRefused(bigger, "does not verify");

  std::string altered_sig = checkpoint_;
  altered_sig[altered_sig.size() - 6] = altered_sig[altered_sig.size() - 6] == 'A' ? 'B' : 'A';
  ExpectRefused(altered_sig, "");

  // Another key of the same name: the verifier pins the key, not just the name.
  Signer impostor = NewSigner("jem.example/log");
  ExpectRefused(*SignCheckpoint(head_, impostor), "no signature by jem.example/log+");

  // Another log altogether, validly signed by its own key.
  Signer other = NewSigner("other.example/log");
  ExpectRefused(*SignCheckpoint({"other.example/log", 5, head_.root}, other), "not 'jem.example/log'");

  // A log's key may not sign another origin.
  EXPECT_FALSE(SignCheckpoint({"elsewhere/log", 5, head_.root}, signer_).ok());
  EXPECT_FALSE(SignCheckpoint(head_, NewSigner("jem.example/log", KeyKind::kCosigner)).ok());
}

TEST_F(CheckpointTest, MalformedNotesAndBodiesSayWhatIsWrong) {
  const std::string sig = checkpoint_.substr(checkpoint_.find("\n\n") + 1);
  ExpectRefused("jem.example/log\n1042\n", "no blank line");
  ExpectRefused("jem.example/log\n01042\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n" + sig, "leading zeros");
  ExpectRefused("jem.example/log\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n" + sig, "tree size");
  ExpectRefused("jem.example/log\n1042\n47DEQpj8HBSa\n" + sig, "root hash");
  ExpectRefused("jem.example/log\n1042\n" + sig, "three lines");
  ExpectRefused("jem.example/log\x01\n1042\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n" + sig,
                "control character");
  ExpectRefused(checkpoint_.substr(0, checkpoint_.size() - 1), "must each end in a newline");
  ExpectRefused(checkpoint_ + "- x AAAA\n", "em dash");
  ExpectRefused(checkpoint_ + "\xE2\x80\x94 x AAAA=\n", "canonical base64");
  std::string many = checkpoint_;
  for (int i = 0; i < 100; ++i) many += sig.substr(1);
  ExpectRefused(many, "over 100 signatures");
}

TEST_F(CheckpointTest, ExtensionLinesAreSignedAndOtherwiseIgnored) {
  SignedNote note{CheckpointBody(head_) + "extra line\n", {}};
  note.signatures.push_back(signer_.Sign(note.body));
  auto opened = OpenCheckpoint(FormatNote(note), verifier_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->size, 1042u);
}

TEST_F(CheckpointTest, ACosignatureCarriesItsTimeAndCoversTheCheckpoint) {
  auto witness_key = GenerateKey("witness.example/w1", KeyKind::kCosigner);
  ASSERT_TRUE(witness_key.ok());
  Signer witness = *Signer::Parse(witness_key->private_key);
  Verifier witness_verifier = *Verifier::Parse(witness_key->verifier_key);
  auto note = *ParseNote(checkpoint_);
  note.signatures.push_back(witness.Sign(note.body, 1700000000));
  const std::string cosigned = FormatNote(note);
  ASSERT_TRUE(OpenCheckpoint(cosigned, verifier_).ok());
  uint64_t time = 0;
  ASSERT_TRUE(witness_verifier.Check(*ParseNote(cosigned), &time).ok());
  EXPECT_EQ(time, 1700000000u);
  // The same signature moved to another checkpoint, or with its time changed, fails.
  auto moved = *ParseNote(*SignCheckpoint({"jem.example/log", 1043, head_.root}, signer_));
  moved.signatures.push_back(note.signatures.back());
  EXPECT_FALSE(witness_verifier.Check(moved).ok());
  auto retimed = note;
  retimed.signatures.back().signature[7] ^= 1;
  EXPECT_FALSE(witness_verifier.Check(retimed).ok());
}

TEST_F(CheckpointTest, ProofTextsRoundTripAndRefuseWhatIsMalformed) {
  InclusionProofText proof{41, {head_.root, Sha256(std::span<const uint8_t>(head_.root))}, checkpoint_};
  const std::string text = FormatInclusionProof(proof);
  EXPECT_TRUE(text.starts_with("c2sp.org/tlog-proof@v1\nindex 41\n"));
  auto parsed = ParseInclusionProof(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->index, 41u);
  EXPECT_EQ(parsed->hashes, proof.hashes);
  EXPECT_EQ(parsed->checkpoint, checkpoint_);
  EXPECT_FALSE(ParseInclusionProof("c2sp.org/tlog-proof@v2\nindex 1\n\n" + checkpoint_).ok());
  EXPECT_FALSE(ParseInclusionProof("c2sp.org/tlog-proof@v1\nindex 01\n\n" + checkpoint_).ok());
  EXPECT_FALSE(ParseInclusionProof("c2sp.org/tlog-proof@v1\nindex 1\nnot-base64\n\n" + checkpoint_).ok());
  EXPECT_FALSE(ParseInclusionProof("c2sp.org/tlog-proof@v1\nindex 1\n").ok());

  ConsistencyProofText consistency{7, proof.hashes};
  auto back = ParseConsistencyProof(FormatConsistencyProof(consistency));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->old_size, 7u);
  EXPECT_EQ(back->hashes, proof.hashes);
  EXPECT_FALSE(ParseConsistencyProof("old x\n").ok());
  EXPECT_FALSE(ParseConsistencyProof("old 7\n\n").ok());
  std::string too_long = "old 7\n";
  for (int i = 0; i < 65; ++i) too_long += Base64(head_.root) + "\n";
  EXPECT_FALSE(ParseConsistencyProof(too_long).ok());
}

}  // namespace
}  // namespace jem::proofs
