// `jem audit keygen|checkpoint|prove|consistency|verify`: the proofs an auditor checks with
// code jem did not write (docs/audit.md).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "events/proofs/log_proofs.h"
#include "tools/jem/cli.h"
#include "tools/jem/keys.h"

namespace jem::cli {
namespace {

// Writes `text` to a new file `path` made with `mode` (never wider, whatever the umask
// allows later); never overwrites.
Status WriteNewFile(const std::string& path, const std::string& text, mode_t mode) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::InvalidArgument(path + " already exists; jem does not overwrite keys");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !written) return Status::IOError("cannot write " + path);
  return Status::Ok();
}

// Runs `body` and turns its status into an exit code, printing what went wrong.
template <typename F>
int Run(F body) {
  Status s = body();
  return s.ok() ? 0 : Fail(s);
}

}  // namespace

void AddProofCommands(CLI::App& audit, Globals& g) {
  struct Flags {
    std::string name, out, key, verifier, checkpoint, against, old_checkpoint, new_checkpoint;
    bool witness = false;
    uint64_t position = 0;
  };
  auto f = std::make_shared<Flags>();

  auto* keygen = audit.add_subcommand(
      "keygen", "make an Ed25519 key pair: the log's, to sign checkpoints, or a witness's, to cosign them");
  keygen->add_option("--name", f->name, "the key's name; a log key's is its checkpoints' origin, e.g. jem.example.gov.uk/log")
      ->required();
  keygen->add_option("--out", f->out, "file for the private key (made readable by you only); the "
                                      "verifier key goes to FILE.pub and to standard output")
      ->required();
  keygen->add_flag("--witness", f->witness, "a witness's cosigning key (C2SP cosignature/v1)");
  keygen->callback([&g, f] {
    g.exit_code = Run([&]() -> Status {
      JEM_ASSIGN_OR_RETURN(auto key, proofs::GenerateKey(f->name, f->witness ? proofs::KeyKind::kCosigner
                                                                                : proofs::KeyKind::kLog));
      JEM_RETURN_IF_ERROR(WriteNewFile(f->out, key.private_key + "\n", 0600));
      JEM_RETURN_IF_ERROR(WriteNewFile(f->out + ".pub", key.verifier_key + "\n", 0644));
      std::cout << key.verifier_key << "\n";
      return Status::Ok();
    });
  });

  auto* checkpoint = audit.add_subcommand(
      "checkpoint", "sign the log's current tree with the log key, keep the checkpoint, and print it");
  checkpoint->add_option("--key", f->key, "the log's private key file (from `jem audit keygen`)")->required();
  checkpoint->callback([&g, f] {
    g.exit_code = Run([&]() -> Status {
      JEM_ASSIGN_OR_RETURN(auto signer, ReadSigner(f->key));
      JEM_ASSIGN_OR_RETURN(auto log, TryOpenLog(g, false));
      JEM_ASSIGN_OR_RETURN(auto note, proofs::PublishCheckpoint(*log, signer));
      std::cout << note;
      return Status::Ok();
    });
  });

  auto* prove = audit.add_subcommand(
      "prove", "print the C2SP tlog-proof that the event at a position is in a signed checkpoint");
  prove->add_option("position", f->position, "the event's position (1 = the first)")->required();
  prove->add_option("--checkpoint", f->checkpoint, "a signed checkpoint file (default: the latest kept)");
  prove->callback([&g, f] {
    g.exit_code = Run([&]() -> Status {
      std::string note;
      if (!f->checkpoint.empty()) {
        JEM_ASSIGN_OR_RETURN(note, ReadSmallFile(f->checkpoint, kMaxNoteFileBytes, "a checkpoint"));
      }
      JEM_ASSIGN_OR_RETURN(auto log, TryOpenLog(g, false));
      JEM_ASSIGN_OR_RETURN(auto proof, proofs::ProveInclusion(*log, f->position, note));
      std::cout << proof;
      return Status::Ok();
    });
  });

  auto* consistency = audit.add_subcommand(
      "consistency", "print the proof that the tree of an older checkpoint is the start of a newer one's");
  consistency->add_option("old", f->old_checkpoint, "the older signed checkpoint file")->required();
  consistency->add_option("new", f->new_checkpoint, "the newer signed checkpoint file")->required();
  consistency->callback([&g, f] {
    g.exit_code = Run([&]() -> Status {
      JEM_ASSIGN_OR_RETURN(auto old_note, ReadSmallFile(f->old_checkpoint, kMaxNoteFileBytes, "a checkpoint"));
      JEM_ASSIGN_OR_RETURN(auto new_note, ReadSmallFile(f->new_checkpoint, kMaxNoteFileBytes, "a checkpoint"));
      JEM_ASSIGN_OR_RETURN(auto log, TryOpenLog(g, false));
      JEM_ASSIGN_OR_RETURN(auto proof, proofs::ProveConsistency(*log, old_note, new_note));
      std::cout << proof;
      return Status::Ok();
    });
  });

  auto* verify = audit.add_subcommand(
      "verify", "check every event, the tree and the indexes, and that the log extends a checkpoint "
                "kept outside it; exit 1 if not");
  verify->add_option("--against", f->against, "a signed checkpoint kept outside the log")->required();
  verify->add_option("--verifier", f->verifier, "the log's verifier key file (KEY.pub from keygen): "
                                               "the checkpoint must carry its signature")
      ->required();
  verify->callback([&g, f] {
    int code = 0;
    Status s = [&]() -> Status {
      JEM_ASSIGN_OR_RETURN(auto verifier, ReadVerifier(f->verifier));
      JEM_ASSIGN_OR_RETURN(auto note, ReadSmallFile(f->against, kMaxNoteFileBytes, "a checkpoint"));
      JEM_ASSIGN_OR_RETURN(auto head, proofs::OpenCheckpoint(note, verifier));
      JEM_ASSIGN_OR_RETURN(auto log, TryOpenLog(g, false));
      JEM_ASSIGN_OR_RETURN(auto report, proofs::VerifyAgainst(*log, head, verifier));
      if (!report.ok()) {
        std::cout << fmt::format("BAD: the log in {} is damaged at position {}: {}\n", g.data_dir,
                                 *report.bad_position, report.problem);
        code = kExitProblem;
        return Status::Ok();
      }
      std::cout << fmt::format("ok: {} events verified; the log extends the checkpoint of {} events of {}\n",
                               report.events_checked, head.size, head.origin);
      return Status::Ok();
    }();
    g.exit_code = s.ok() ? code : Fail(s);
  });
}

}  // namespace jem::cli
