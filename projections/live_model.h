// The read model and the access tokens kept live: loaded once (the model from its
// snapshot), then following the log through a subscription on its own thread, so readers
// never fold the log themselves. What a long-running server reads its views from and
// authenticates against.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "projections/read_model.h"
#include "projections/token_registry.h"

namespace jem {

class LiveModel {
 public:
  struct Options {
    // Asked before each event is applied; an error stops the following, as a log that can no
    // longer be read would. Tests inject faults with it; none in production.
    std::function<Status(const RecordedEvent&)> fault;
  };

  // Loads the model (from the snapshot when there is one) and starts following the log,
  // which must outlive the returned object.
  static Result<std::unique_ptr<LiveModel>> Start(Log& log, Options options = {});

  // Stops following (within about 100 ms) and saves a snapshot.
  ~LiveModel();

  // Runs `read(const ReadModel&)` while no event is being applied, and returns its result.
  template <typename Reader>
  auto Read(Reader&& read) const {
    { std::lock_guard wait_for_writer(turnstile_); }
    std::shared_lock lock(mu_);
    return read(model_);
  }

  // The holder of `token` as of the last event applied (see TokenRegistry::Authenticate).
  Result<TokenState> Authenticate(std::string_view token) const;

  // Runs `read(const TokenRegistry&)` while no token event is being applied.
  template <typename Reader>
  auto ReadTokens(Reader&& read) const {
    std::shared_lock lock(tokens_mu_);
    return read(tokens_);
  }

  // The position of the last event applied.
  uint64_t position() const;

  // Waits until the event at `position` is applied (to read one's own writes); false on
  // timeout or when following has stopped: the views lack that event, and an answer read
  // from them now would not show it.
  [[nodiscard]] bool WaitFor(uint64_t position, std::chrono::milliseconds timeout) const;

  // Why following stopped, if it did (a damaged log); OK while it runs.
  Status status() const;

 private:
  LiveModel(Log& log, ReadModel model, TokenRegistry tokens, Options options);
  void Follow();

  Log& log_;
  Options options_;
  std::unique_ptr<Subscription> subscription_;
  // Readers pass through the turnstile before taking the shared lock, and the follower holds
  // it while it waits for the exclusive one: a steady stream of readers cannot starve it.
  mutable std::mutex turnstile_;
  mutable std::shared_mutex mu_;
  // Where the follower has got to, apart from the model's lock: readers waiting for their
  // own writes must not hold the shared lock the follower needs to apply them.
  mutable std::mutex progress_mu_;
  mutable std::condition_variable applied_;
  uint64_t applied_position_;
  Status status_;
  ReadModel model_;
  // The tokens have a lock of their own: every request authenticates, but tokens rarely
  // change, so requests need not wait while the follower applies other events.
  mutable std::shared_mutex tokens_mu_;
  TokenRegistry tokens_;
  std::thread follower_;
};

}  // namespace jem
