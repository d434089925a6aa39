#include "engine/catalog.h"

#include <algorithm>

#include <capnp/serialize.h>

namespace jem {

Result<uint64_t> LogCatalog::Fold(const std::string& stream, uint64_t after, const Apply& apply) {
  constexpr size_t kBatch = 500;
  uint64_t version = after;
  for (;;) {
    JEM_ASSIGN_OR_RETURN(auto events, log_.ReadStream(stream, version + 1, kBatch));
    for (const RecordedEvent& e : events) {
      apply(e.envelope().getBody(), e.occurred_at());
      version = e.stream_version();
    }
    if (events.size() < kBatch) return version;
  }
}

Result<std::optional<Catalog::Recorded>> LogCatalog::At(uint64_t position) {
  if (position == 0 || position > log_.head().position) return std::optional<Recorded>();
  JEM_ASSIGN_OR_RETURN(auto events, log_.ReadAll(position, 1));
  const RecordedEvent& e = events.front();
  return std::optional<Recorded>(Recorded{std::string(e.stream_id()), e.id()});
}

StateCache* PendingCatalog::CacheFor(const std::string& stream) {
  const bool pending = std::any_of(changes_.begin(), changes_.end(), [&](const Change& c) { return c.stream == stream; });
  return pending ? nullptr : base_.CacheFor(stream);
}

Result<uint64_t> PendingCatalog::Fold(const std::string& stream, uint64_t after, const Apply& apply) {
  auto version = base_.Fold(stream, after, apply);
  if (!version.ok()) return version;
  uint64_t v = *version;
  for (const Change& change : changes_) {
    if (change.stream != stream) continue;
    kj::ArrayPtr<const capnp::word> segment = change.body.words();
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(&segment, 1));
    apply(reader.getRoot<schema::Body>(), change.occurred_at.value_or(now_));
    ++v;
  }
  return v;
}

}  // namespace jem
