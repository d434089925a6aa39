// Where the rules read the current state of the streams a command touches: the log itself,
// or (for an import) the log plus the changes decided so far but not yet appended.
// Internal to engine/.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/state_cache.h"
#include "events/log.h"
#include "projections/stream_state.h"

namespace jem {

// One event a rule decided on, for one stream at the version the rule saw.
struct Change {
  std::string subject;            // the id of what changed: meeting id, action reference, ...
  std::string stream;
  uint64_t expected_version = 0;  // 0: the stream must not exist yet
  EventBody body;
  std::optional<Timestamp> occurred_at;
};

class Catalog {
 public:
  using Apply = std::function<void(schema::Body::Reader, Timestamp occurred_at)>;
  virtual ~Catalog() = default;
  // Calls `apply` with each event of `stream` after version `after`, in order; returns the
  // stream's version.
  virtual Result<uint64_t> Fold(const std::string& stream, uint64_t after, const Apply& apply) = 0;

  // Where the state of `stream` may be remembered between commands (nullptr: nowhere).
  virtual StateCache* CacheFor(const std::string& stream) = 0;

  // The event at `position` in the log, if there is one.
  struct Recorded {
    std::string stream;
    EventId id;
  };
  virtual Result<std::optional<Recorded>> At(uint64_t position) = 0;
};

// The state of `stream`: the remembered one (if any) with the events after it folded in.
template <typename State>
Result<Loaded<State>> Load(Catalog& catalog, const std::string& stream) {
  StateCache* cache = catalog.CacheFor(stream);
  Loaded<State> loaded;
  if (cache != nullptr) {
    if (auto remembered = cache->Find<State>(stream)) loaded = std::move(*remembered);
  }
  auto version = catalog.Fold(stream, loaded.version, [&](schema::Body::Reader body, Timestamp at) {
    loaded.state.Apply(body, at);
  });
  if (!version.ok()) return version.status();
  const bool moved = *version != loaded.version;
  loaded.version = *version;
  if (cache != nullptr && moved) cache->Keep(stream, loaded);
  return loaded;
}

// The version of `stream`: 0 if it does not exist.
inline Result<uint64_t> Version(Catalog& catalog, const std::string& stream) {
  return catalog.Fold(stream, 0, [](schema::Body::Reader, Timestamp) {});
}

// Reads streams from the log, remembering states in `cache` (if not null).
class LogCatalog : public Catalog {
 public:
  LogCatalog(const Log& log, StateCache* cache) : log_(log), cache_(cache) {}
  Result<uint64_t> Fold(const std::string& stream, uint64_t after, const Apply& apply) override;
  StateCache* CacheFor(const std::string&) override { return cache_; }
  Result<std::optional<Recorded>> At(uint64_t position) override;

 private:
  const Log& log_;
  StateCache* cache_;
};

// The log as it will be once `changes` are appended: what an import decides against.
class PendingCatalog : public Catalog {
 public:
  // `now` stands for the recorded-at of changes that give no occurred-at.
  PendingCatalog(Catalog& base, Timestamp now) : base_(base), now_(now) {}
  Result<uint64_t> Fold(const std::string& stream, uint64_t after, const Apply& apply) override;
  // A stream with pending changes is not remembered: they are not in the log yet.
  StateCache* CacheFor(const std::string& stream) override;
  // Only events already in the log have positions.
  Result<std::optional<Recorded>> At(uint64_t position) override { return base_.At(position); }
  // Records a decided change, so later folds see it.
  void Add(Change change) { changes_.push_back(std::move(change)); }
  std::vector<Change>& changes() { return changes_; }

 private:
  Catalog& base_;
  Timestamp now_;
  std::vector<Change> changes_;
};

}  // namespace jem
