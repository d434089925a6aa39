// The witness's rule on two real logs signed by one key (a stolen or misused log key): it
// cosigns a log that grows, and refuses a rollback, a second root for one size, a tree of
// another history, and any proof with a hash altered.
#include "events/proofs/witness.h"

#include "events/proofs/log_proofs.h"
#include "events/tree.h"
#include "tests/test_util.h"

namespace jem::proofs {
namespace {

using testing::Notes;
using testing::OpenOrDie;

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = GenerateKey("jem.example/log", KeyKind::kLog);
    log_key_ = *Signer::Parse(key->private_key);
    log_verifier_ = *Verifier::Parse(key->verifier_key);
    witness_ = *Signer::Parse(GenerateKey("witness.example/w1", KeyKind::kCosigner)->private_key);
  }
  static void Grow(Log& log, const std::string& text, int n) {
    for (int i = 0; i < n; ++i) ASSERT_TRUE(log.Append("s", ExpectedVersion::Any(), Notes({text})).ok());
  }
  Result<Cosigned> Cosign(const std::optional<TreeHead>& last, const std::string& checkpoint, Log& log) {
    std::vector<Hash> proof;
    auto head = ParseCheckpointBody(ParseNote(checkpoint)->body);
    if (last && last->size > 0 && head->size > last->size) proof = *LogTree(log).ConsistencyProof(last->size, head->size);
    return proofs::Cosign(log_verifier_, witness_, last, checkpoint, proof, 1800000000);
  }

  testing::TempDir dir_a_, dir_b_;
  FakeClock clock_{testing::CamdenJem()};
  std::unique_ptr<Log> a_ = OpenOrDie(dir_a_.path(), &clock_);
  std::unique_ptr<Log> b_ = OpenOrDie(dir_b_.path(), &clock_);
  Signer log_key_, witness_;
  Verifier log_verifier_;
};

TEST_F(WitnessTest, CosignsALogThatGrowsAndNothingElse) {
  Grow(*a_, "agreed", 5);
  auto first = Cosign(std::nullopt, *PublishCheckpoint(*a_, log_key_), *a_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->head.size, 5u);
  uint64_t time = 0;
  ASSERT_TRUE(witness_.verifier().Check(*ParseNote(first->note), &time).ok());
  EXPECT_EQ(time, 1800000000u);
  EXPECT_TRUE(OpenCheckpoint(first->note, log_verifier_).ok());

  Grow(*a_, "progress", 9);
  const std::string grown = *PublishCheckpoint(*a_, log_key_);
  auto second = Cosign(first->head, grown, *a_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->head.size, 14u);

  // Log B, signed by the same key, has another history. Its smaller tree is a rollback, the
  // same size a second root, its larger tree does not extend A's.
  Grow(*b_, "something else", 5);
  auto rollback = Cosign(second->head, *PublishCheckpoint(*b_, log_key_), *b_);
  ASSERT_FALSE(rollback.ok());
  EXPECT_NE(rollback.status().message().find("rolled back"), std::string::npos);
  Grow(*b_, "something else", 9);
  auto fork = Cosign(second->head, *PublishCheckpoint(*b_, log_key_), *b_);
  ASSERT_FALSE(fork.ok());
  EXPECT_NE(fork.status().message().find("second root for 14 events"), std::string::npos);
  Grow(*b_, "something else", 3);
  auto other = Cosign(second->head, *PublishCheckpoint(*b_, log_key_), *b_);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("does not extend the one of 14"), std::string::npos);
}

TEST_F(WitnessTest, AnyAlteredHashOfTheProofIsRefused) {
  Grow(*a_, "agreed", 6);
  const auto last = Cosign(std::nullopt, *PublishCheckpoint(*a_, log_key_), *a_)->head;
  Grow(*a_, "progress", 21);
  const std::string checkpoint = *PublishCheckpoint(*a_, log_key_);
  const auto proof = *LogTree(*a_).ConsistencyProof(6, 27);
  ASSERT_TRUE(proofs::Cosign(log_verifier_, witness_, last, checkpoint, proof, 1).ok());
  for (size_t i = 0; i < proof.size(); ++i) {
    auto altered = proof;
    altered[i][7] ^= 0x10;
    EXPECT_FALSE(proofs::Cosign(log_verifier_, witness_, last, checkpoint, altered, 1).ok()) << i;
  }
  EXPECT_FALSE(proofs::Cosign(log_verifier_, witness_, last, checkpoint, {}, 1).ok());
}

TEST_F(WitnessTest, OnlyTheLogsKeyAndAWitnessKeyWillDo) {
  Grow(*a_, "agreed", 2);
  const std::string checkpoint = *PublishCheckpoint(*a_, log_key_);
  Signer impostor = *Signer::Parse(GenerateKey("jem.example/log", KeyKind::kLog)->private_key);
  auto wrong_key = proofs::Cosign(impostor.verifier(), witness_, std::nullopt, checkpoint, {}, 1);
  ASSERT_FALSE(wrong_key.ok());
  auto log_key_as_witness = proofs::Cosign(log_verifier_, log_key_, std::nullopt, checkpoint, {}, 1);
  ASSERT_FALSE(log_key_as_witness.ok());
  EXPECT_NE(log_key_as_witness.status().message().find("--witness"), std::string::npos);
}

}  // namespace
}  // namespace jem::proofs
