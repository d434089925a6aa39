#include "projections/live_model.h"

#include <spdlog/spdlog.h>

namespace jem {

namespace {
constexpr size_t kBatch = 1000;
constexpr auto kPoll = std::chrono::milliseconds(100);  // how soon a stop is noticed
}  // namespace

Result<std::unique_ptr<LiveModel>> LiveModel::Start(Log& log, Options options) {
  JEM_ASSIGN_OR_RETURN(auto model, LoadModel(log));
  // The tokens as of the model's position: the follower applies the events after it to both.
  JEM_ASSIGN_OR_RETURN(auto tokens, TokenRegistry::Load(log, model.position));
  std::unique_ptr<LiveModel> live(new LiveModel(log, std::move(model), std::move(tokens), std::move(options)));
  live->follower_ = std::thread([l = live.get()] { l->Follow(); });
  return live;
}

LiveModel::LiveModel(Log& log, ReadModel model, TokenRegistry tokens, Options options)
    : log_(log),
      options_(std::move(options)),
      subscription_(log.Subscribe(model.position + 1)),
      applied_position_(model.position),
      model_(std::move(model)),
      tokens_(std::move(tokens)) {}

LiveModel::~LiveModel() {
  subscription_->Cancel();
  follower_.join();
  std::unique_lock lock(mu_);
  if (Status s = SaveSnapshot(log_, &model_); !s.ok()) spdlog::warn("saving the views' snapshot: {}", s.ToString());
}

void LiveModel::Follow() {
  auto stop = [this](const Status& why) {
    spdlog::error("the live views stopped following the log: {}", why.ToString());
    std::lock_guard progress(progress_mu_);
    status_ = why;
    applied_.notify_all();
  };
  for (;;) {
    auto events = subscription_->Next(kBatch, kPoll);
    if (!events.ok()) return stop(events.status());
    if (options_.fault) {
      for (const RecordedEvent& e : *events) {
        if (Status s = options_.fault(e); !s.ok()) return stop(s);
      }
    }
    if (events->empty()) {
      if (subscription_->cancelled()) return;
      continue;
    }
    {
      std::unique_lock turn(turnstile_);
      std::unique_lock lock(mu_);
      turn.unlock();
      for (const RecordedEvent& e : *events) {
        model_.Apply(e);
        if (IsTokenStream(e.stream_id())) {
          std::unique_lock tokens_lock(tokens_mu_);
          tokens_.Apply(e);
        }
      }
    }
    std::lock_guard progress(progress_mu_);
    applied_position_ = events->back().position();
    applied_.notify_all();
  }
}

Result<TokenState> LiveModel::Authenticate(std::string_view token) const {
  return ReadTokens([&](const TokenRegistry& tokens) { return tokens.Authenticate(token); });
}

uint64_t LiveModel::position() const {
  std::lock_guard progress(progress_mu_);
  return applied_position_;
}

bool LiveModel::WaitFor(uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock progress(progress_mu_);
  return applied_.wait_for(progress, timeout, [&] { return applied_position_ >= position || !status_.ok(); }) &&
         applied_position_ >= position;
}

Status LiveModel::status() const {
  std::lock_guard progress(progress_mu_);
  return status_;
}

}  // namespace jem
