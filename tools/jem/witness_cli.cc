// `jem witness`: the small process a partner agency runs on its own machine. It fetches the
// log's checkpoint, checks it extends the last one it cosigned, cosigns it, remembers it, and
// sends the cosignature back to the log (events/proofs/witness.h has the rule).
#include <csignal>
#include <filesystem>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>
#include <httplib.h>

#include "events/durable_file.h"
#include "events/proofs/witness.h"
#include "tools/jem/cli.h"
#include "tools/jem/keys.h"

namespace jem::cli {
namespace {

struct WitnessFlags {
  std::string log_url, log_key, key, state;
  bool once = false;
  int every_seconds = 60;
};

class Witness {
 public:
  static Result<Witness> Make(const WitnessFlags& f) {
    Witness w(f);
    JEM_ASSIGN_OR_RETURN(w.log_key_, ReadVerifier(f.log_key));
    JEM_ASSIGN_OR_RETURN(w.key_, ReadSigner(f.key));
    std::error_code ec;
    if (std::filesystem::exists(f.state, ec)) {
      JEM_ASSIGN_OR_RETURN(auto text, ReadSmallFile(f.state, kMaxNoteFileBytes, "the witness's state"));
      auto last = proofs::OpenCheckpoint(text, w.log_key_);
      if (!last.ok()) {
        return Status::Corruption("the state file " + f.state + " does not hold a checkpoint of the log: " +
                                  last.status().message() + ". A witness must not forget what it cosigned; "
                                  "restore the file rather than delete it");
      }
      w.last_ = *last;
    }
    return w;
  }

  // One round: fetch, check, cosign, remember, send back. FailedPrecondition when the log
  // misbehaved (the witness's alarm).
  Status Round() {
    JEM_ASSIGN_OR_RETURN(auto checkpoint, Get("/checkpoint"));
    JEM_ASSIGN_OR_RETURN(auto head, proofs::OpenCheckpoint(checkpoint, log_key_));
    if (last_ && head.size == last_->size && head.root == last_->root) {
      std::cout << fmt::format("nothing new: {} still has {} events\n", head.origin, head.size);
      return Status::Ok();
    }
    std::vector<Hash> proof;
    if (last_ && last_->size > 0 && head.size > last_->size) {
      JEM_ASSIGN_OR_RETURN(auto text, Get(fmt::format("/api/v1/proofs/consistency/{}/{}", last_->size, head.size)));
      JEM_ASSIGN_OR_RETURN(auto parsed, proofs::ParseConsistencyProof(text));
      proof = std::move(parsed.hashes);
    }
    const auto now = uint64_t(std::chrono::duration_cast<std::chrono::seconds>(
                                  RealClock().Now().time_since_epoch()).count());
    JEM_ASSIGN_OR_RETURN(auto cosigned, proofs::Cosign(log_key_, key_, last_, checkpoint, proof, now));
    // Remembered, durably, before it is sent: once the cosignature is out, this is the tree
    // to extend; a witness that forgot it could be made to cosign a fork.
    JEM_RETURN_IF_ERROR(ReplaceFileDurably(flags_.state, checkpoint, 0600));
    last_ = cosigned.head;
    auto sent = client_.Post("/api/v1/checkpoints/cosigned", cosigned.note, "text/plain");
    if (!sent || sent->status != 200) {
      return Status::IOError("the log did not take the cosignature: " +
                             (sent ? std::to_string(sent->status) + " " + sent->body : httplib::to_string(sent.error())));
    }
    std::cout << fmt::format("cosigned the checkpoint of {} events of {}\n", head.size, head.origin);
    return Status::Ok();
  }

 private:
  explicit Witness(const WitnessFlags& f) : flags_(f), client_(f.log_url) {
    client_.set_connection_timeout(10);
    client_.set_read_timeout(30);
  }

  Result<std::string> Get(const std::string& path) {
    auto r = client_.Get(path);
    if (!r) return Status::IOError("cannot reach the log at " + flags_.log_url + ": " + httplib::to_string(r.error()));
    if (r->status != 200) {
      return Status::IOError("GET " + path + " from the log answered " + std::to_string(r->status) + ": " +
                             r->body.substr(0, 300));
    }
    if (r->body.size() > kMaxNoteFileBytes) return Status::InvalidArgument("the log's answer to " + path + " is too large");
    return r->body;
  }

  WitnessFlags flags_;
  httplib::Client client_;
  proofs::Verifier log_key_;
  proofs::Signer key_;
  std::optional<proofs::TreeHead> last_;
};

// Exit codes: the log misbehaved (an alarm) is kExitProblem; anything else that stops a
// round is kExitError, and in a loop is logged and retried.
int Report(const Status& s) {
  if (s.code() == Status::Code::kFailedPrecondition) {
    std::cerr << "jem witness: ALARM: " << s.message() << "\n";
    return kExitProblem;
  }
  return Fail(s);
}

int RunWitness(const WitnessFlags& f) {
  auto witness = Witness::Make(f);
  if (!witness.ok()) return Fail(witness.status());
  if (f.once) {
    Status s = witness->Round();
    return s.ok() ? 0 : Report(s);
  }
  boost::asio::io_context io;
  boost::asio::signal_set stop(io, SIGINT, SIGTERM);
  std::unique_ptr<Alarm> alarm;
  int code = 0;
  std::function<void()> round = [&] {
    Status s = witness->Round();
    if (!s.ok() && (code = Report(s)) == kExitProblem) return io.stop();
    alarm = RealClock().WakeAt(io, RealClock().Now() + std::chrono::seconds(f.every_seconds), round);
  };
  stop.async_wait([&](auto, int) { io.stop(); });
  round();
  io.run();
  return code == kExitProblem ? code : 0;
}

}  // namespace

void AddWitnessCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<WitnessFlags>();
  auto* witness = app.add_subcommand(
      "witness", "cosign a jem log's checkpoints, each only if it extends the last one cosigned (C2SP tlog-witness)");
  witness->add_option("--log", f->log_url, "the log's address, e.g. https://jem.example.gov.uk")->required();
  witness->add_option("--log-key", f->log_key, "the log's verifier key file (its checkpoints must carry its signature)")
      ->required()->check(CLI::ExistingFile);
  witness->add_option("--key", f->key, "this witness's private key (jem audit keygen --witness)")
      ->required()->check(CLI::ExistingFile);
  witness->add_option("--state", f->state, "the file where it remembers the last checkpoint it cosigned")->required();
  witness->add_flag("--once", f->once, "one round, then exit: 0 cosigned or nothing new, 1 the log misbehaved");
  witness->add_option("--every", f->every_seconds, "seconds between rounds")->capture_default_str()->check(CLI::Range(1, 86400));
  witness->callback([&g, f] { g.exit_code = RunWitness(*f); });
}

}  // namespace jem::cli
