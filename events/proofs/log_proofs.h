// The log's side of the proofs: signing its checkpoints, proving inclusion and consistency
// against them, and checking the log against a checkpoint kept outside it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/log.h"
#include "events/proofs/checkpoint.h"
#include "events/verify.h"

namespace jem::proofs {

// Signs the tree at the log's head with `log_key` and keeps the note beside the log. Returns
// the note; if one of this size signed by this key is kept already, returns that one (with
// any cosignatures it has gathered). Fails if the key is not a log key.
Result<std::string> PublishCheckpoint(Log& log, const Signer& log_key);

// The C2SP tlog-proof that the event at `position` is in the tree `checkpoint` signs. The
// checkpoint must be of this log as it stands (its root must be the log's at its size).
// Without a checkpoint, the latest kept one is used.
Result<std::string> ProveInclusion(const Log& log, uint64_t position, std::string_view checkpoint = {});

// The proof (as FormatConsistencyProof writes it) that the tree `old_checkpoint` signs is the
// start of the one `new_checkpoint` signs; both must match this log.
Result<std::string> ProveConsistency(const Log& log, std::string_view old_checkpoint,
                                     std::string_view new_checkpoint);

// Checks the log against a checkpoint kept outside it (opened with its pinned key): every
// event verifies (Log::Verify), the log is at least as long, and the tree of the log's
// first `head.size` events has the checkpoint's root. A mismatch is narrowed down to the
// positions between the last kept checkpoint that still matches and the first that does not.
Result<VerifyReport> VerifyAgainst(const Log& log, const TreeHead& head, const Verifier& log_key);

// Log::Verify, then that the tree matches every checkpoint kept beside the log (their bodies:
// no key is needed to see that a root once signed is no longer the log's). A log changed,
// re-chained and its tree rebuilt after a checkpoint was signed fails here, at the first
// event the earliest checkpoint that no longer matches covers beyond the last that does; so
// does a kept checkpoint that is not a checkpoint, or signs more events than the log holds.
// `checkpoints_checked` counts the kept checkpoints that match.
Result<VerifyReport> VerifyWithKeptCheckpoints(const Log& log);

}  // namespace jem::proofs
