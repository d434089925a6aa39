#include "events/proofs/witness.h"

#include "events/merkle.h"

namespace jem::proofs {

Result<Cosigned> Cosign(const Verifier& log_key, const Signer& witness_key, const std::optional<TreeHead>& last,
                        std::string_view checkpoint, std::span<const Hash> consistency_proof, uint64_t now) {
  if (witness_key.kind() != KeyKind::kCosigner) {
    return Status::InvalidArgument("'" + witness_key.name() + "' is a log key; a witness cosigns with a key "
                                   "made by `jem audit keygen --witness`");
  }
  JEM_ASSIGN_OR_RETURN(auto head, OpenCheckpoint(checkpoint, log_key));
  if (last) {
    if (head.size < last->size) {
      return Status::FailedPrecondition("the log rolled back: it now signs " + std::to_string(head.size) +
                                        " events, after " + std::to_string(last->size) + " were cosigned");
    }
    if (head.size == last->size && head.root != last->root) {
      return Status::FailedPrecondition("the log forked: it signs a second root for " + std::to_string(head.size) +
                                        " events");
    }
    if (head.size > last->size && last->size > 0) {
      Status extends = merkle::VerifyConsistency(last->size, head.size, last->root, head.root, consistency_proof);
      if (!extends.ok()) {
        return Status::FailedPrecondition("the log's tree of " + std::to_string(head.size) +
                                          " events does not extend the one of " + std::to_string(last->size) +
                                          " cosigned before: " + extends.message());
      }
    }
  }
  JEM_ASSIGN_OR_RETURN(auto note, ParseNote(checkpoint));
  // Only the log's signature is carried on: other lines are not this witness's to vouch for.
  JEM_ASSIGN_OR_RETURN(auto log_signature, log_key.Find(note));
  SignedNote cosigned{note.body, {*log_signature}};
  cosigned.signatures.push_back(witness_key.Sign(note.body, now));
  return Cosigned{head, FormatNote(cosigned)};
}

}  // namespace jem::proofs
