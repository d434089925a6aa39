// The server's signed checkpoints: signs the log's tree with the log key every so often when
// the log has grown (on the injected clock's timer seam, on its own thread), keeps every note
// beside the log, and adds to them the cosignatures of the witnesses it trusts.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/clock.h"
#include "events/log.h"
#include "events/proofs/note.h"

namespace jem::audit {

class CheckpointKeeper {
 public:
  // Signs a first checkpoint at once if the head is not signed yet, then checks every
  // `every`. `log` and `clock` must outlive it. `log_key` must be a log key.
  CheckpointKeeper(Log& log, const Clock& clock, proofs::Signer log_key,
                   std::vector<proofs::Verifier> witnesses, std::chrono::microseconds every);
  // Stops the thread; a checkpoint being signed is finished first.
  ~CheckpointKeeper();

  // Signs and keeps a checkpoint of the head if it has none; returns the head's note.
  Result<std::string> PublishNow();

  // The latest kept note, with the cosignatures it has; NotFound before the first.
  Result<std::string> Latest() const;

  // Takes a checkpoint this log signed, carrying cosignatures, and keeps with the log's note
  // each cosignature that verifies by a witness this server trusts (a newer one replacing
  // that witness's older one). Refuses a note that is not one this log signed and keeps
  // (InvalidArgument, NotFound) and one with no trusted witness's valid cosignature
  // (PermissionDenied). Returns how many cosignatures it kept.
  Result<size_t> AddCosignatures(std::string_view note);

  const proofs::Verifier& log_verifier() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jem::audit
