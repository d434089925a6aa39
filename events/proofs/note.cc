#include "events/proofs/note.h"

#include <cstring>
#include <memory>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "events/event.h"
#include "events/base64.h"

namespace jem::proofs {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // "— ": U+2014 and a space
constexpr size_t kMaxNoteBytes = 1 << 20;
constexpr size_t kMaxSignatures = 100;

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

uint32_t KeyId(std::string_view name, KeyKind kind, std::span<const uint8_t> public_key) {
  const uint8_t header[2] = {'\n', static_cast<uint8_t>(kind)};
  const Hash h = Sha256({Bytes(name), header, public_key});
  return uint32_t{h[0]} << 24 | uint32_t{h[1]} << 16 | uint32_t{h[2]} << 8 | h[3];
}

std::string Hex8(uint32_t v) {
  const uint8_t b[4] = {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)};
  return ToHex(b);
}

// The four parts of "<name>+<hex id>+<base64 key>" after any prefix, checked.
struct KeyParts {
  std::string name;
  uint32_t key_id = 0;
  KeyKind kind = KeyKind::kLog;
  std::array<uint8_t, 32> key{};
};

Result<KeyParts> ParseKeyParts(std::string_view text, std::string_view what) {
  // Names hold no '+'; base64 may.
  const size_t a = text.find('+');
  const size_t b = a == std::string_view::npos ? a : text.find('+', a + 1);
  if (b == std::string_view::npos) {
    return Status::InvalidArgument(std::string(what) + " is not of the form <name>+<key id>+<key>");
  }
  KeyParts p;
  p.name = std::string(text.substr(0, a));
  JEM_RETURN_IF_ERROR(ValidateKeyName(p.name));
  const std::string_view hex = text.substr(a + 1, b - a - 1);
  if (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Status::InvalidArgument(std::string(what) + "'s key id '" + std::string(hex) +
                                   "' is not 8 lower-case hex digits");
  }
  p.key_id = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
  auto key = FromBase64(text.substr(b + 1));
  if (!key || key->size() != 33 || ((*key)[0] != 0x01 && (*key)[0] != 0x04)) {
    return Status::InvalidArgument(std::string(what) +
                                   " does not end in base64 of an Ed25519 algorithm byte (1 or 4) "
                                   "and a 32-byte key");
  }
  p.kind = static_cast<KeyKind>((*key)[0]);
  std::memcpy(p.key.data(), key->data() + 1, 32);
  return p;
}

std::string KeyLine(std::string_view name, uint32_t id, KeyKind kind, std::span<const uint8_t> key) {
  std::vector<uint8_t> material{static_cast<uint8_t>(kind)};
  material.insert(material.end(), key.begin(), key.end());
  return std::string(name) + "+" + Hex8(id) + "+" + Base64(material);
}

Result<std::array<uint8_t, 32>> PublicKeyOf(const std::array<uint8_t, 32>& seed) {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  std::array<uint8_t, 32> pub{};
  size_t len = pub.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 || len != 32) {
    return Status::IOError("OpenSSL could not derive an Ed25519 public key");
  }
  return pub;
}

// What a key of `kind` signs for `body`: the body itself, or the cosignature/v1 message.
std::string SignedMessage(KeyKind kind, std::string_view body, uint64_t timestamp) {
  if (kind == KeyKind::kLog) return std::string(body);
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(body);
}

bool Printable(std::string_view line) {
  for (unsigned char c : line) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

Status ValidateKeyName(std::string_view name) {
  if (name.empty() || name.size() > 255) {
    return Status::InvalidArgument("a key name must be 1 to 255 characters");
  }
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7f || c == '+') {
      return Status::InvalidArgument("the key name '" + std::string(name) +
                                     "' holds a space, a '+' or a character that is not printable ASCII");
    }
  }
  return Status::Ok();
}

Result<KeyText> GenerateKey(std::string_view name, KeyKind kind) {
  JEM_RETURN_IF_ERROR(ValidateKeyName(name));
  std::array<uint8_t, 32> seed{};
  if (RAND_bytes(seed.data(), static_cast<int>(seed.size())) != 1) {
    return Status::IOError("OpenSSL's random generator failed");
  }
  JEM_ASSIGN_OR_RETURN(auto pub, PublicKeyOf(seed));
  const uint32_t id = KeyId(name, kind, pub);
  return KeyText{"PRIVATE+KEY+" + KeyLine(name, id, kind, seed), KeyLine(name, id, kind, pub)};
}

Result<SignedNote> ParseNote(std::string_view text) {
  if (text.size() > kMaxNoteBytes) return Status::InvalidArgument("the note is over 1 MiB");
  const size_t split = text.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Status::InvalidArgument("the note has no blank line before its signatures");
  }
  SignedNote note;
  note.body = std::string(text.substr(0, split + 1));
  size_t start = 0;
  while (start < note.body.size()) {
    const size_t end = note.body.find('\n', start);
    if (!Printable(std::string_view(note.body).substr(start, end - start))) {
      return Status::InvalidArgument("the note's text holds a control character");
    }
    start = end + 1;
  }
  std::string_view rest = text.substr(split + 2);
  if (rest.empty() || rest.back() != '\n') {
    return Status::InvalidArgument("the note's signature lines must each end in a newline");
  }
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (note.signatures.size() == kMaxSignatures) {
      return Status::InvalidArgument("the note has over " + std::to_string(kMaxSignatures) + " signatures");
    }
    if (!line.starts_with(kDash)) {
      return Status::InvalidArgument("a signature line must start with '— ' (an em dash and a space)");
    }
    line.remove_prefix(kDash.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return Status::InvalidArgument("a signature line must be '— <key name> <base64 signature>'");
    }
    NoteSignature sig;
    sig.name = std::string(line.substr(0, space));
    JEM_RETURN_IF_ERROR(ValidateKeyName(sig.name));
    auto bytes = FromBase64(line.substr(space + 1));
    if (!bytes || bytes->size() < 5) {
      return Status::InvalidArgument("the signature of '" + sig.name +
                                     "' is not canonical base64 of a key id and a signature");
    }
    sig.key_id = uint32_t{(*bytes)[0]} << 24 | uint32_t{(*bytes)[1]} << 16 |
                 uint32_t{(*bytes)[2]} << 8 | (*bytes)[3];
    sig.signature.assign(bytes->begin() + 4, bytes->end());
    note.signatures.push_back(std::move(sig));
  }
  return note;
}

std::string FormatNote(const SignedNote& note) {
  std::string out = note.body + "\n";
  for (const NoteSignature& sig : note.signatures) {
    std::vector<uint8_t> bytes = {uint8_t(sig.key_id >> 24), uint8_t(sig.key_id >> 16),
                                  uint8_t(sig.key_id >> 8), uint8_t(sig.key_id)};
    bytes.insert(bytes.end(), sig.signature.begin(), sig.signature.end());
    out += std::string(kDash) + sig.name + " " + Base64(bytes) + "\n";
  }
  return out;
}

Result<Signer> Signer::Parse(std::string_view private_key) {
  constexpr std::string_view kPrefix = "PRIVATE+KEY+";
  while (!private_key.empty() && (private_key.back() == '\n' || private_key.back() == '\r')) {
    private_key.remove_suffix(1);
  }
  if (!private_key.starts_with(kPrefix)) {
    return Status::InvalidArgument("a private key starts with PRIVATE+KEY+ (make one with `jem audit keygen`)");
  }
  JEM_ASSIGN_OR_RETURN(auto parts, ParseKeyParts(private_key.substr(kPrefix.size()), "the private key"));
  Signer s;
  s.name_ = parts.name;
  s.kind_ = parts.kind;
  s.seed_ = parts.key;
  JEM_ASSIGN_OR_RETURN(auto pub, PublicKeyOf(s.seed_));
  s.key_id_ = KeyId(s.name_, s.kind_, pub);
  if (s.key_id_ != parts.key_id) {
    return Status::InvalidArgument("the private key's id does not match its name and key");
  }
  return s;
}

NoteSignature Signer::Sign(std::string_view body, uint64_t timestamp) const {
  const std::string message = SignedMessage(kind_, body, timestamp);
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed_.data(), seed_.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::vector<uint8_t> sig(64);
  size_t len = sig.size();
  EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get());
  EVP_DigestSign(ctx.get(), sig.data(), &len, Bytes(message).data(), message.size());
  NoteSignature out{name_, key_id_, {}};
  if (kind_ == KeyKind::kCosigner) {
    for (int shift = 56; shift >= 0; shift -= 8) out.signature.push_back(uint8_t(timestamp >> shift));
  }
  out.signature.insert(out.signature.end(), sig.begin(), sig.end());
  return out;
}

Verifier Signer::verifier() const {
  Verifier v;
  v.name_ = name_;
  v.kind_ = kind_;
  v.key_id_ = key_id_;
  v.public_key_ = *PublicKeyOf(seed_);
  return v;
}

Result<Verifier> Verifier::Parse(std::string_view verifier_key) {
  while (!verifier_key.empty() && (verifier_key.back() == '\n' || verifier_key.back() == '\r')) {
    verifier_key.remove_suffix(1);
  }
  if (verifier_key.starts_with("PRIVATE+KEY+")) {
    return Status::InvalidArgument("this is a private key; give the verifier key (the .pub file "
                                   "`jem audit keygen` wrote), and keep the private key secret");
  }
  JEM_ASSIGN_OR_RETURN(auto parts, ParseKeyParts(verifier_key, "the verifier key"));
  if (KeyId(parts.name, parts.kind, parts.key) != parts.key_id) {
    return Status::InvalidArgument("the verifier key's id does not match its name and key");
  }
  Verifier v;
  v.name_ = parts.name;
  v.kind_ = parts.kind;
  v.key_id_ = parts.key_id;
  v.public_key_ = parts.key;
  return v;
}

std::string Verifier::Text() const { return KeyLine(name_, key_id_, kind_, public_key_); }

Status Verifier::Check(const SignedNote& note, uint64_t* timestamp) const {
  return Find(note, timestamp).status();
}

Result<const NoteSignature*> Verifier::Find(const SignedNote& note, uint64_t* timestamp) const {
  const size_t prefix = kind_ == KeyKind::kCosigner ? 8 : 0;
  bool found = false;
  for (const NoteSignature& sig : note.signatures) {
    if (sig.name != name_ || sig.key_id != key_id_) continue;
    found = true;
    if (sig.signature.size() != prefix + 64) continue;
    uint64_t time = 0;
    for (size_t i = 0; i < prefix; ++i) time = time << 8 | sig.signature[i];
    const std::string message = SignedMessage(kind_, note.body, time);
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key_.data(), public_key_.size()));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (key && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), sig.signature.data() + prefix, 64, Bytes(message).data(),
                         message.size()) == 1) {
      if (timestamp) *timestamp = time;
      return &sig;
    }
  }
  if (!found) return Status::NotFound("the note has no signature by " + name_ + "+" + Hex8(key_id_));
  return Status::InvalidArgument("the signature by " + name_ + " does not verify: the note was "
                                 "altered, or signed by another key of that name");
}

}  // namespace jem::proofs
