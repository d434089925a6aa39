// A witness's rule (C2SP tlog-witness): cosign a checkpoint only if it is the log's, and its
// tree extends the last one this witness cosigned. A witness that keeps to this never
// cosigns two views of one log that disagree, so a log cannot show one history to some
// and another to others, nor rewrite its past, without the witnesses' cosignatures stopping.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "events/proofs/checkpoint.h"

namespace jem::proofs {

struct Cosigned {
  TreeHead head;     // what was cosigned: the witness's new state
  std::string note;  // the checkpoint with the witness's cosignature added
};

// Cosigns `checkpoint` at `now` (seconds since 1970) if it opens with the pinned `log_key`
// and extends `last` (the tree head last cosigned; none the first time) by
// `consistency_proof`. Refusals say what the log did: a smaller tree than before (rolled
// back), another root for the same size, or a tree that does not extend the last (forked).
Result<Cosigned> Cosign(const Verifier& log_key, const Signer& witness_key, const std::optional<TreeHead>& last,
                        std::string_view checkpoint, std::span<const Hash> consistency_proof, uint64_t now);

}  // namespace jem::proofs
