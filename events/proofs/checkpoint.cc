#include "events/proofs/checkpoint.h"

#include <charconv>
#include <cstring>

#include "events/base64.h"

namespace jem::proofs {
namespace {

constexpr std::string_view kProofHeader = "c2sp.org/tlog-proof@v1";
// Proofs of trees up to 2^64 leaves have at most 64 hashes; anything longer is not a proof.
constexpr size_t kMaxProofHashes = 64;

// Reads the next line of `text` (without its newline) into `line`; false at the end or if
// the last line has no newline.
bool NextLine(std::string_view& text, std::string_view& line) {
  const size_t end = text.find('\n');
  if (end == std::string_view::npos) return false;
  line = text.substr(0, end);
  text.remove_prefix(end + 1);
  return true;
}

// A decimal without sign or leading zeros, as the C2SP formats write numbers.
bool ParseDecimal(std::string_view text, uint64_t& out) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseHash(std::string_view text, Hash& out) {
  auto bytes = FromBase64(text);
  if (!bytes || bytes->size() != out.size()) return false;
  std::memcpy(out.data(), bytes->data(), out.size());
  return true;
}

// Reads hash lines until an empty line or the end; false if one is not a hash.
Result<std::vector<Hash>> ParseHashLines(std::string_view& text, bool until_blank) {
  std::vector<Hash> hashes;
  std::string_view line;
  while (!text.empty()) {
    std::string_view before = text;
    if (!NextLine(text, line)) return Status::InvalidArgument("the proof's last line has no newline");
    if (line.empty()) {
      if (until_blank) break;
      text = before;
      return Status::InvalidArgument("the proof has an empty line among its hashes");
    }
    if (hashes.size() == kMaxProofHashes) {
      return Status::InvalidArgument("the proof has more than " + std::to_string(kMaxProofHashes) + " hashes");
    }
    if (!ParseHash(line, hashes.emplace_back())) {
      return Status::InvalidArgument("proof line " + std::to_string(hashes.size()) +
                                     " is not the base64 of a 32-byte hash");
    }
  }
  return hashes;
}

}  // namespace

std::string CheckpointBody(const TreeHead& head) {
  return head.origin + "\n" + std::to_string(head.size) + "\n" + Base64(head.root) + "\n";
}

Result<TreeHead> ParseCheckpointBody(std::string_view body) {
  TreeHead head;
  std::string_view origin, size, root;
  if (!NextLine(body, origin) || !NextLine(body, size) || !NextLine(body, root)) {
    return Status::InvalidArgument("a checkpoint starts with three lines: origin, tree size, root hash");
  }
  if (origin.empty()) return Status::InvalidArgument("the checkpoint's origin line is empty");
  head.origin = std::string(origin);
  if (!ParseDecimal(size, head.size)) {
    return Status::InvalidArgument("the checkpoint's tree size '" + std::string(size) +
                                   "' is not a decimal without leading zeros");
  }
  if (!ParseHash(root, head.root)) {
    return Status::InvalidArgument("the checkpoint's root hash is not the base64 of 32 bytes");
  }
  return head;
}

Result<std::string> SignCheckpoint(const TreeHead& head, const Signer& log_key) {
  if (log_key.kind() != KeyKind::kLog) {
    return Status::InvalidArgument("checkpoints are signed with a log key; '" + log_key.name() +
                                   "' is a witness's cosigning key");
  }
  if (head.origin != log_key.name()) {
    return Status::InvalidArgument("the checkpoint's origin '" + head.origin +
                                   "' is not the name of the key signing it, '" + log_key.name() + "'");
  }
  SignedNote note{CheckpointBody(head), {}};
  note.signatures.push_back(log_key.Sign(note.body));
  return FormatNote(note);
}

Result<TreeHead> OpenCheckpoint(std::string_view text, const Verifier& log_key) {
  JEM_ASSIGN_OR_RETURN(auto note, ParseNote(text));
  JEM_ASSIGN_OR_RETURN(auto head, ParseCheckpointBody(note.body));
  if (head.origin != log_key.name()) {
    return Status::InvalidArgument("the checkpoint is of the log '" + head.origin + "', not '" +
                                   log_key.name() + "'");
  }
  Status signed_by = log_key.Check(note);
  if (!signed_by.ok()) {
    return Status::InvalidArgument("the checkpoint is not signed by the log's key: " + signed_by.message());
  }
  return head;
}

std::string FormatInclusionProof(const InclusionProofText& proof) {
  std::string out = std::string(kProofHeader) + "\nindex " + std::to_string(proof.index) + "\n";
  for (const Hash& h : proof.hashes) out += Base64(h) + "\n";
  return out + "\n" + proof.checkpoint;
}

Result<InclusionProofText> ParseInclusionProof(std::string_view text) {
  InclusionProofText proof;
  std::string_view line;
  if (!NextLine(text, line) || line != kProofHeader) {
    return Status::InvalidArgument("an inclusion proof starts with the line " + std::string(kProofHeader));
  }
  if (NextLine(text, line) && line.starts_with("extra ")) NextLine(text, line);  // unauthenticated: ignored
  if (!line.starts_with("index ") || !ParseDecimal(line.substr(6), proof.index)) {
    return Status::InvalidArgument("the inclusion proof has no line 'index <decimal>'");
  }
  JEM_ASSIGN_OR_RETURN(proof.hashes, ParseHashLines(text, /*until_blank=*/true));
  if (text.empty()) return Status::InvalidArgument("the inclusion proof has no checkpoint after its hashes");
  proof.checkpoint = std::string(text);
  return proof;
}

std::string FormatConsistencyProof(const ConsistencyProofText& proof) {
  std::string out = "old " + std::to_string(proof.old_size) + "\n";
  for (const Hash& h : proof.hashes) out += Base64(h) + "\n";
  return out;
}

Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text) {
  ConsistencyProofText proof;
  std::string_view line;
  if (!NextLine(text, line) || !line.starts_with("old ") || !ParseDecimal(line.substr(4), proof.old_size)) {
    return Status::InvalidArgument("a consistency proof starts with the line 'old <size>'");
  }
  JEM_ASSIGN_OR_RETURN(proof.hashes, ParseHashLines(text, /*until_blank=*/false));
  return proof;
}

}  // namespace jem::proofs
