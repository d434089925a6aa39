#include "engine/audit/checkpoint_keeper.h"

#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "events/checkpoint_store.h"
#include "events/proofs/log_proofs.h"

namespace jem::audit {

struct CheckpointKeeper::Impl {
  Impl(Log& l, const Clock& c, proofs::Signer key, std::vector<proofs::Verifier> w, std::chrono::microseconds e)
      : log(l), clock(c), log_key(std::move(key)), verifier(log_key.verifier()), witnesses(std::move(w)), every(e) {}

  // Publishes if the log grew; says so if it could not.
  void PublishOrLog() {
    if (auto note = Publish(); !note.ok()) spdlog::error("signing a checkpoint: {}", note.status().ToString());
  }
  // Arms the next check. On the keeper's thread.
  void Arm() {
    alarm = clock.WakeAt(io, clock.Now() + every, [this] {
      PublishOrLog();
      Arm();
    });
  }

  Result<std::string> Publish() {
    std::lock_guard lock(mu);
    return proofs::PublishCheckpoint(log, log_key);
  }

  Log& log;
  const Clock& clock;
  const proofs::Signer log_key;
  const proofs::Verifier verifier;
  const std::vector<proofs::Verifier> witnesses;
  const std::chrono::microseconds every;
  std::mutex mu;  // one change to the kept notes at a time
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::unique_ptr<Alarm> alarm;  // touched on the keeper's thread only
  std::thread thread;
};

CheckpointKeeper::CheckpointKeeper(Log& log, const Clock& clock, proofs::Signer log_key,
                                   std::vector<proofs::Verifier> witnesses, std::chrono::microseconds every)
    : impl_(std::make_unique<Impl>(log, clock, std::move(log_key), std::move(witnesses), every)) {
  // The head is signed before the server answers anyone, so /checkpoint is there from the start.
  impl_->PublishOrLog();
  boost::asio::post(impl_->io, [this] { impl_->Arm(); });
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

CheckpointKeeper::~CheckpointKeeper() {
  boost::asio::post(impl_->io, [this] {
    impl_->alarm.reset();
    impl_->work.reset();
  });
  impl_->thread.join();
}

Result<std::string> CheckpointKeeper::PublishNow() { return impl_->Publish(); }

Result<std::string> CheckpointKeeper::Latest() const {
  JEM_ASSIGN_OR_RETURN(auto latest, CheckpointStore(impl_->log).Latest());
  if (!latest) return Status::NotFound("no checkpoint is signed yet");
  return *latest;
}

const proofs::Verifier& CheckpointKeeper::log_verifier() const { return impl_->verifier; }

Result<size_t> CheckpointKeeper::AddCosignatures(std::string_view text) {
  JEM_ASSIGN_OR_RETURN(auto head, proofs::OpenCheckpoint(text, impl_->verifier));
  JEM_ASSIGN_OR_RETURN(auto offered, proofs::ParseNote(text));
  std::lock_guard lock(impl_->mu);
  JEM_ASSIGN_OR_RETURN(auto kept_text, CheckpointStore(impl_->log).Get(head.size));
  if (!kept_text) {
    return Status::NotFound("this log keeps no checkpoint of " + std::to_string(head.size) + " events");
  }
  JEM_ASSIGN_OR_RETURN(auto kept, proofs::ParseNote(*kept_text));
  if (kept.body != offered.body) {
    return Status::InvalidArgument("the note is not the checkpoint this log keeps for " +
                                   std::to_string(head.size) + " events");
  }
  size_t added = 0;
  for (const proofs::Verifier& witness : impl_->witnesses) {
    auto cosignature = witness.Find(offered);
    if (!cosignature.ok()) continue;
    // The witness's verifying cosignature, replacing any it gave before.
    const proofs::NoteSignature& mine = **cosignature;
    std::erase_if(kept.signatures, [&](const proofs::NoteSignature& s) {
      return s.name == mine.name && s.key_id == mine.key_id;
    });
    kept.signatures.push_back(mine);
    ++added;
  }
  if (added == 0) {
    return Status::PermissionDenied("the note carries no valid cosignature by a witness this server trusts "
                                    "(start `jem serve` with --witness-key for each)");
  }
  JEM_RETURN_IF_ERROR(CheckpointStore(impl_->log).Put(head.size, proofs::FormatNote(kept)));
  return added;
}

}  // namespace jem::audit
