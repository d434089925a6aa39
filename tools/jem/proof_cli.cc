// `jem audit keygen|checkpoint|prove|consistency|verify`: the proofs an auditor checks with
// code jem did not write (docs/audit.md).
#include <iostream>

#include <fmt/format.h>

#include "events/base64.h"
#include "events/durable_file.h"
#include "events/proofs/log_proofs.h"
#include "events/tree.h"
#include "tools/jem/cli.h"
#include "tools/jem/keys.h"

namespace jem::cli {
namespace {

// Writes events from..to as export lines (docs/audit.md): the hash the log recorded for the
// event (the next event's link, or the head's), its leaf in the stored tree, its stored bytes
// (base64), and the event as Cap'n Proto's own JSON, last, so a verifier can take its exact
// text. What jem stored is shown as stored: finding what is wrong is the verifier's job.
Status Export(const Log& log, uint64_t from, uint64_t to) {
  constexpr uint64_t kBatch = 1024;
  const Head head = log.head();
  to = std::min(to, head.position);
  if (from == 0 || from > to) {
    return Status::InvalidArgument("nothing to export from " + std::to_string(from) + " to " + std::to_string(to) +
                                   " (the log holds " + std::to_string(head.position) + " events)");
  }
  std::optional<RecordedEvent> pending;
  std::string pending_leaf;
  auto emit = [&](const Hash& recorded) {
    const std::string json = EventToJson(*pending);
    std::cout << "{\"hash\":\"" << ToHex(recorded) << "\",\"leaf\":\"" << pending_leaf << "\",\"bytes\":\""
              << Base64(pending->bytes()) << "\",\"event\":" << json << "}\n";
  };
  uint64_t batch = kBatch;
  for (uint64_t at = from; at <= to;) {
    const uint64_t n = std::min(batch, to - at + 1);
    auto events = log.ReadAll(at, n);
    if (!events.ok() && n > 1) {
      batch = 1;  // find the damaged event one by one, exporting every intact one before it
      continue;
    }
    if (!events.ok()) {
      // What the log recorded for the event before the damage went with it: its own hash
      // stands in, and the verifier finds the export ending here.
      if (pending) emit(pending->hash());
      return Status::Corruption("the export stops before position " + std::to_string(at) + ": " +
                                events.status().message());
    }
    JEM_ASSIGN_OR_RETURN(auto leaves, LogTree(log).Level(0, at - 1, n));
    for (size_t i = 0; i < events->size(); ++i) {
      if (pending) emit((*events)[i].previous_hash());
      pending = std::move((*events)[i]);
      pending_leaf = ToHex(leaves[i]);
    }
    at += n;
  }
  if (to == head.position) {
    emit(head.hash);
  } else {
    JEM_ASSIGN_OR_RETURN(auto next, log.ReadAll(to + 1, 1));
    emit(next.front().previous_hash());
  }
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
      // Made private from the start, never wider whatever the umask; never over an old key.
      JEM_RETURN_IF_ERROR(CreateFileDurably(f->out, key.private_key + "\n", 0600));
      JEM_RETURN_IF_ERROR(CreateFileDurably(f->out + ".pub", key.verifier_key + "\n", 0644));
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

  struct ExportFlags {
    std::string format = "jsonl";
    uint64_t from = 1, to = UINT64_MAX;
  };
  auto e = std::make_shared<ExportFlags>();
  auto* export_verb = audit.add_subcommand(
      "export", "write every event with its hashes, for tools/verify-export.py or any checker of your own");
  export_verb->add_option("--format", e->format, "jsonl: one JSON object per event")
      ->capture_default_str()->check(CLI::IsMember({"jsonl"}));
  export_verb->add_option("--from", e->from, "the first position")->capture_default_str();
  export_verb->add_option("--to", e->to, "the last position (default: the head)");
  export_verb->callback([&g, e] {
    g.exit_code = Run([&]() -> Status {
      JEM_ASSIGN_OR_RETURN(auto log, TryOpenLog(g, false));
      return Export(*log, e->from, e->to);
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
