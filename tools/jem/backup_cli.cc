// `jem backup DIR` and `jem restore DIR`: a consistent copy of the log taken while the server
// runs, and a restore that verifies what it restored before anyone uses it.
#include <iostream>

#include <fmt/format.h>

#include "events/backup.h"
#include "events/checkpoint_store.h"
#include "events/proofs/checkpoint.h"
#include "events/tree.h"
#include "tools/jem/cli.h"
#include "tools/jem/keys.h"

namespace jem::cli {
namespace {

// The restored log's latest kept checkpoint must be of its tree (and signed by the log's key,
// when the caller gives it). Returns what was checked, for the summary.
Result<std::string> CheckLatestCheckpoint(const Log& log, const std::string& verifier_path) {
  JEM_ASSIGN_OR_RETURN(auto latest, CheckpointStore(log).Latest());
  if (!latest) return std::string("it keeps no signed checkpoint");
  proofs::TreeHead head;
  std::string signed_by;
  if (verifier_path.empty()) {
    JEM_ASSIGN_OR_RETURN(auto note, proofs::ParseNote(*latest));
    JEM_ASSIGN_OR_RETURN(head, proofs::ParseCheckpointBody(note.body));
    signed_by = " (give --verifier to check its signature too)";
  } else {
    JEM_ASSIGN_OR_RETURN(auto verifier, ReadVerifier(verifier_path));
    JEM_ASSIGN_OR_RETURN(head, proofs::OpenCheckpoint(*latest, verifier));
    signed_by = ", signed by " + verifier.name();
  }
  auto root = LogTree(log).Root(head.size);
  if (!root.ok() || *root != head.root) {
    return Status::Corruption("the restored log does not match its latest checkpoint (" + std::to_string(head.size) +
                              " events): the backup was altered");
  }
  return fmt::format("its latest checkpoint ({} events) matches{}", head.size, signed_by);
}

}  // namespace

void AddBackupCommands(CLI::App& app, Globals& g) {
  auto dir = std::make_shared<std::string>();
  auto verifier = std::make_shared<std::string>();
  auto* backup = app.add_subcommand("backup", "copy the log, consistently, while the server runs");
  backup->add_option("dir", *dir, "a new or empty directory for the backup")->required();
  backup->callback([&g, dir] {
    auto report = BackupLog(g.data_dir, *dir);
    if (!report.ok()) {
      g.exit_code = Fail(report.status());
      return;
    }
    std::cout << fmt::format("backed up {} events of {} to {} ({} bytes)\n", report->events, g.data_dir, *dir,
                             report->bytes);
    g.exit_code = 0;
  });

  auto* restore = app.add_subcommand(
      "restore", "restore a backup into the data directory, then verify chain, tree, indexes and checkpoint");
  restore->add_option("dir", *dir, "the backup's directory")->required();
  restore->add_option("--verifier", *verifier, "the log's verifier key file: the latest checkpoint must carry its signature");
  restore->callback([&g, dir, verifier] {
    auto log = RestoreLog(*dir, g.data_dir);
    auto checked = log.ok() ? CheckLatestCheckpoint(**log, *verifier) : Result<std::string>(log.status());
    if (!checked.ok()) {
      g.exit_code = Fail(checked.status());
      return;
    }
    std::cout << fmt::format("restored {} events to {}: the chain, the tree and the indexes verify; {}\n",
                             (*log)->head().position, g.data_dir, *checked);
    g.exit_code = 0;
  });
}

}  // namespace jem::cli
