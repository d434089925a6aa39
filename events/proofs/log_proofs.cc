#include "events/proofs/log_proofs.h"

#include "events/checkpoint_store.h"
#include "events/tree.h"

namespace jem::proofs {
namespace {

// The tree head `checkpoint` signs, checked against this log's tree at that size.
Result<TreeHead> MatchingHead(const Log& log, std::string_view checkpoint) {
  JEM_ASSIGN_OR_RETURN(auto note, ParseNote(checkpoint));
  JEM_ASSIGN_OR_RETURN(auto head, ParseCheckpointBody(note.body));
  auto root = LogTree(log).Root(head.size);
  if (!root.ok()) return root.status();
  if (*root != head.root) {
    return Status::FailedPrecondition("the checkpoint of " + std::to_string(head.size) +
                                      " events does not match this log: it is of another log, or "
                                      "this one was altered (run `jem audit verify --against` it)");
  }
  return head;
}

Result<std::string> LatestCheckpoint(const Log& log) {
  JEM_ASSIGN_OR_RETURN(auto latest, CheckpointStore(log).Latest());
  if (!latest) {
    return Status::NotFound("the log has no signed checkpoint yet: sign one with `jem audit checkpoint "
                            "--key FILE`, or let `jem serve --checkpoint-key FILE` publish them");
  }
  return *latest;
}

}  // namespace

Result<std::string> PublishCheckpoint(Log& log, const Signer& log_key) {
  const uint64_t size = log.head().position;
  JEM_ASSIGN_OR_RETURN(auto kept, CheckpointStore(log).Get(size));
  if (kept && OpenCheckpoint(*kept, log_key.verifier()).ok()) return *kept;
  JEM_ASSIGN_OR_RETURN(auto root, LogTree(log).Root(size));
  JEM_ASSIGN_OR_RETURN(auto note, SignCheckpoint({log_key.name(), size, root}, log_key));
  JEM_RETURN_IF_ERROR(CheckpointStore(log).Put(size, note));
  return note;
}

Result<std::string> ProveInclusion(const Log& log, uint64_t position, std::string_view checkpoint) {
  std::string latest;
  if (checkpoint.empty()) {
    JEM_ASSIGN_OR_RETURN(latest, LatestCheckpoint(log));
    checkpoint = latest;
  }
  JEM_ASSIGN_OR_RETURN(auto head, MatchingHead(log, checkpoint));
  if (position == 0 || position > head.size) {
    return Status::InvalidArgument("position " + std::to_string(position) + " is not in the checkpoint of " +
                                   std::to_string(head.size) + " events" +
                                   (position > head.size ? "; prove it against a later checkpoint" : ""));
  }
  JEM_ASSIGN_OR_RETURN(auto hashes, LogTree(log).InclusionProof(position, head.size));
  return FormatInclusionProof({position - 1, std::move(hashes), std::string(checkpoint)});
}

Result<std::string> ProveConsistency(const Log& log, std::string_view old_checkpoint,
                                     std::string_view new_checkpoint) {
  JEM_ASSIGN_OR_RETURN(auto old_head, MatchingHead(log, old_checkpoint));
  JEM_ASSIGN_OR_RETURN(auto new_head, MatchingHead(log, new_checkpoint));
  if (old_head.origin != new_head.origin) {
    return Status::InvalidArgument("the checkpoints are of two logs, '" + old_head.origin + "' and '" +
                                   new_head.origin + "'");
  }
  JEM_ASSIGN_OR_RETURN(auto hashes, LogTree(log).ConsistencyProof(old_head.size, new_head.size));
  return FormatConsistencyProof({old_head.size, std::move(hashes)});
}

Result<VerifyReport> VerifyAgainst(const Log& log, const TreeHead& head, const Verifier& log_key) {
  // A log shorter than the checkpoint was cut, whatever else was done to hide it.
  VerifyReport report;
  const uint64_t size = log.head().position;
  if (size < head.size) {
    report.bad_position = size + 1;
    report.problem = "the checkpoint covers " + std::to_string(head.size) + " events but the log holds " +
                     std::to_string(size) + ": events from position " + std::to_string(size + 1) +
                     " on were removed";
    return report;
  }
  JEM_ASSIGN_OR_RETURN(report, VerifyLog(log));
  if (!report.ok()) return report;
  // Verify has checked the stored tree against the events, so its root is theirs.
  JEM_ASSIGN_OR_RETURN(auto root, LogTree(log).Root(head.size));
  if (root == head.root) return report;
  // Narrow it down with the checkpoints kept beside the log that still carry the log's own
  // signature: the change lies after the largest that matches, at or before the first that
  // does not.
  uint64_t after = 0, by = head.size;
  Status scanned = CheckpointStore(log).Scan([&](uint64_t kept_size, std::string_view note) {
    if (kept_size >= by) return false;
    auto kept = OpenCheckpoint(note, log_key);
    if (!kept.ok()) return true;  // not the log's own: proves nothing
    auto kept_root = LogTree(log).Root(kept_size);
    if (!kept_root.ok()) return true;
    if (*kept_root == kept->root) {
      after = kept_size;
      return true;
    }
    by = kept_size;
    return false;
  });
  JEM_RETURN_IF_ERROR(scanned);
  report.bad_position = by;
  report.problem = "the log's first " + std::to_string(head.size) +
                   " events do not have the checkpoint's root: " +
                   (by == after + 1 ? "the event at position " + std::to_string(by)
                                    : "an event from position " + std::to_string(after + 1) + " to " +
                                          std::to_string(by)) +
                   " was changed, and the chain and tree rewritten to hide it";
  return report;
}

Result<VerifyReport> VerifyWithKeptCheckpoints(const Log& log) {
  JEM_ASSIGN_OR_RETURN(auto report, VerifyLog(log));
  if (!report.ok()) return report;
  const uint64_t size = log.head().position;
  uint64_t matched = 0;  // the largest kept checkpoint that matches
  Status scanned = CheckpointStore(log).Scan([&](uint64_t kept_size, std::string_view text) {
    auto fail = [&](uint64_t position, std::string problem) {
      report.bad_position = position;
      report.problem = "the checkpoint kept for " + std::to_string(kept_size) + " events " + problem;
      return false;
    };
    auto note = ParseNote(text);
    if (!note.ok()) return fail(kept_size, "is not a signed note: " + note.status().message());
    auto head = ParseCheckpointBody(note->body);
    if (!head.ok()) return fail(kept_size, "is not a checkpoint: " + head.status().message());
    if (head->size != kept_size) return fail(kept_size, "signs " + std::to_string(head->size) + " events");
    if (kept_size > size) {
      return fail(size + 1, "signs more events than the log holds (" + std::to_string(size) +
                                "): events from position " + std::to_string(size + 1) + " on were removed");
    }
    auto root = LogTree(log).Root(kept_size);
    if (!root.ok()) return fail(kept_size, "cannot be checked: " + root.status().message());
    if (*root != head->root) {
      return fail(matched + 1, "has a root the log's first " + std::to_string(kept_size) +
                                   " events no longer have: an event from position " + std::to_string(matched + 1) +
                                   " to " + std::to_string(kept_size) +
                                   " was changed after it was signed, and the chain and tree rewritten to hide it");
    }
    matched = kept_size;
    ++report.checkpoints_checked;
    return true;
  });
  JEM_RETURN_IF_ERROR(scanned);
  return report;
}

}  // namespace jem::proofs
