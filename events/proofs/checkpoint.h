// Checkpoints (C2SP tlog-checkpoint) and the proofs that travel with them: the inclusion proof
// of C2SP tlog-proof, and the consistency proof as C2SP tlog-witness sends it.
//
//   jem.example/log          origin: the log's name, the same as its key's
//   1042                     tree size: the events it covers
//   2Nf1...=                 base64 of the RFC 9162 root hash
//
//   — jem.example/log AbCd...   the log's signature, then any witnesses' cosignatures
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "events/proofs/note.h"
#include "events/status.h"

namespace jem::proofs {

struct TreeHead {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
};

// The checkpoint's body: three lines, each ending in a newline.
std::string CheckpointBody(const TreeHead& head);
// Reads a checkpoint's body: origin, decimal size without leading zeros, canonical base64 of
// 32 bytes; extension lines after them are allowed and ignored, as the specification says.
Result<TreeHead> ParseCheckpointBody(std::string_view body);

// The log's checkpoint of `head`, signed by `log_key` (whose name must be the origin).
Result<std::string> SignCheckpoint(const TreeHead& head, const Signer& log_key);

// Opens a signed checkpoint as a careful verifier does, trusting nothing it says about
// itself: it must carry a valid signature of `log_key` (pinned by the verifier), and its
// origin must be that key's name. Returns the tree head it signs.
Result<TreeHead> OpenCheckpoint(std::string_view note, const Verifier& log_key);

// An inclusion proof in the format of C2SP tlog-proof: the index of the leaf (position - 1),
// the proof's hashes, and the signed checkpoint of the tree they lead to.
struct InclusionProofText {
  uint64_t index = 0;
  std::vector<Hash> hashes;
  std::string checkpoint;  // the signed note, verbatim
};
std::string FormatInclusionProof(const InclusionProofText& proof);
Result<InclusionProofText> ParseInclusionProof(std::string_view text);

// A consistency proof: "old <size>", then one base64 hash per line (C2SP tlog-witness's
// add-checkpoint request, without the checkpoint that follows it there).
struct ConsistencyProofText {
  uint64_t old_size = 0;
  std::vector<Hash> hashes;
};
std::string FormatConsistencyProof(const ConsistencyProofText& proof);
Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text);

}  // namespace jem::proofs
