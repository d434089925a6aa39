// Reading the files `jem audit keygen` writes, and other small files the proofs' verbs take.
#pragma once

#include <string>
#include <string_view>

#include "events/proofs/note.h"
#include "events/status.h"

namespace jem::cli {

inline constexpr size_t kMaxNoteFileBytes = 1 << 20;

// The whole of a file of at most `limit` bytes; errors name `what` it was to be.
Result<std::string> ReadSmallFile(const std::string& path, size_t limit, std::string_view what);
// A private key from a file only its owner can read (as ssh insists for its keys).
Result<proofs::Signer> ReadSigner(const std::string& path);
// A verifier key from its file (KEY.pub).
Result<proofs::Verifier> ReadVerifier(const std::string& path);

}  // namespace jem::cli
