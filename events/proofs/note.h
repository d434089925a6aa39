// Signed notes (C2SP signed-note) with Ed25519 keys (OpenSSL): how checkpoints are signed by
// the log and cosigned by witnesses (C2SP tlog-cosignature, cosignature/v1).
//
// Keys are text, in the formats of Go's golang.org/x/mod/sumdb/note, so any tool that reads
// those reads jem's keys:
//   private   PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(algorithm || 32-byte seed)>
//   verifier  <name>+<key id, 8 hex>+<base64(algorithm || 32-byte public key)>
// The algorithm byte is 0x01 for a log's key (signed-note Ed25519) and 0x04 for a witness's
// (cosignature/v1); the key id is SHA-256(name || "\n" || algorithm || public key)[:4].
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/status.h"

namespace jem::proofs {

enum class KeyKind : uint8_t {
  kLog = 0x01,       // signs notes: the log's checkpoints
  kCosigner = 0x04,  // cosigns checkpoints with a timestamp: a witness
};

// A key's names for people and programs. `name` is also the origin of the log's checkpoints.
struct KeyText {
  std::string private_key;
  std::string verifier_key;
};

// Key names: 1 to 255 printable ASCII characters without spaces or '+' (signed-note).
Status ValidateKeyName(std::string_view name);

// A fresh key pair from OpenSSL's random generator.
Result<KeyText> GenerateKey(std::string_view name, KeyKind kind);

// One signature line of a note: "— <name> <base64(key id || signature)>".
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::vector<uint8_t> signature;  // what follows the key id: for a cosignature, timestamp too
};

struct SignedNote {
  std::string body;  // the text that was signed, ending in a newline
  std::vector<NoteSignature> signatures;
};

// Splits a signed note into its body and signature lines, refusing anything malformed: a body
// that is empty, not newline-terminated, holds control characters or is over 1 MiB; a
// signature line that is not exactly the form above; more than 100 signatures.
Result<SignedNote> ParseNote(std::string_view text);
// The note's text: body, a blank line, one line per signature.
std::string FormatNote(const SignedNote& note);

class Verifier;

class Signer {
 public:
  // Reads a private key in the text form above.
  static Result<Signer> Parse(std::string_view private_key);
  const std::string& name() const { return name_; }
  KeyKind kind() const { return kind_; }
  // Signs `body`: a log key signs it as is; a cosigner signs "cosignature/v1", the time and
  // the body, and its signature carries `timestamp` (seconds since 1970).
  NoteSignature Sign(std::string_view body, uint64_t timestamp = 0) const;
  // The verifier of this key's signatures.
  Verifier verifier() const;

 private:
  std::string name_;
  KeyKind kind_ = KeyKind::kLog;
  uint32_t key_id_ = 0;
  std::array<uint8_t, 32> seed_{};
};

class Verifier {
 public:
  // Reads a verifier key in the text form above.
  static Result<Verifier> Parse(std::string_view verifier_key);
  const std::string& name() const { return name_; }
  KeyKind kind() const { return kind_; }
  // The text form this was parsed from.
  std::string Text() const;

  // Ok if one of `note`'s signatures is this key's (same name and key id) and verifies over
  // its body; for a cosignature, `timestamp` (if given) receives its time. Signatures by
  // other keys are ignored, as the specification says; NotFound if none is this key's.
  Status Check(const SignedNote& note, uint64_t* timestamp = nullptr) const;
  // As Check, and the signature that verified (pointing into `note`).
  Result<const NoteSignature*> Find(const SignedNote& note, uint64_t* timestamp = nullptr) const;

 private:
  std::string name_;
  KeyKind kind_ = KeyKind::kLog;
  uint32_t key_id_ = 0;
  std::array<uint8_t, 32> public_key_{};
  friend class Signer;
};

}  // namespace jem::proofs
