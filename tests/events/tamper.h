// Edits a closed log's storage behind jem's back, as an attacker or a broken disk would.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include "events/storage.h"

namespace jem::testing {

// Runs `edit` on the stored bytes of the event at `position` in the closed log at `dir`.
inline void EditStoredEvent(const std::string& dir, uint64_t position,
                            const std::function<void(std::string&)>& edit) {
  auto raw = storage::RawLogDb::Open(dir, /*read_only=*/false);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  auto& db = (*raw)->db();
  std::string value;
  ASSERT_TRUE(db.Get({}, (*raw)->events(), storage::PositionKey(position), &value).ok());
  edit(value);
  ASSERT_TRUE(db.Put({}, (*raw)->events(), storage::PositionKey(position), value).ok());
}

// Rewrites the event at `position` as a well-formed envelope changed by `change`.
inline void RewriteEnvelope(const std::string& dir, uint64_t position,
                            const std::function<void(schema::Event::Builder)>& change) {
  EditStoredEvent(dir, position, [&](std::string& value) {
    auto words = kj::heapArray<capnp::word>(value.size() / sizeof(capnp::word));
    std::memcpy(words.begin(), value.data(), value.size());
    kj::ArrayPtr<const capnp::word> segment = words;
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(&segment, 1));
    capnp::MallocMessageBuilder message;
    message.setRoot(reader.getRoot<schema::Event>());
    change(message.getRoot<schema::Event>());
    auto canonical = capnp::canonicalize(message.getRoot<schema::Event>().asReader());
    value.assign(reinterpret_cast<const char*>(canonical.asBytes().begin()), canonical.asBytes().size());
  });
}

// The stored bytes of the event at `position`, or empty if there is none.
inline std::string StoredEvent(storage::RawLogDb& raw, uint64_t position) {
  std::string value;
  (void)raw.db().Get({}, raw.events(), storage::PositionKey(position), &value);
  return value;
}

inline Hash HashOf(const std::string& stored) {
  return Sha256({reinterpret_cast<const uint8_t*>(stored.data()), stored.size()});
}

// Points the head at `position`, with that event's hash, as an attacker covering a change would.
inline void RewriteHead(const std::string& dir, uint64_t position) {
  auto raw = storage::RawLogDb::Open(dir, /*read_only=*/false);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  const std::string last = StoredEvent(**raw, position);
  ASSERT_FALSE(last.empty());
  ASSERT_TRUE((*raw)->db().Put({}, (*raw)->meta(), storage::kHeadKey,
                               storage::EncodeHead(position, HashOf(last))).ok());
}

// Deletes the events from `position` on (not the indexes, nor the head).
inline void DeleteEventsFrom(const std::string& dir, uint64_t position) {
  auto raw = storage::RawLogDb::Open(dir, /*read_only=*/false);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  ASSERT_TRUE((*raw)->db().DeleteRange({}, (*raw)->events(), storage::PositionKey(position),
                                       storage::PositionKey(~uint64_t{0})).ok());
}

// Swaps the stored bytes of two events.
inline void SwapEvents(const std::string& dir, uint64_t a, uint64_t b) {
  auto raw = storage::RawLogDb::Open(dir, /*read_only=*/false);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  const std::string at_a = StoredEvent(**raw, a), at_b = StoredEvent(**raw, b);
  ASSERT_TRUE((*raw)->db().Put({}, (*raw)->events(), storage::PositionKey(a), at_b).ok());
  ASSERT_TRUE((*raw)->db().Put({}, (*raw)->events(), storage::PositionKey(b), at_a).ok());
}

// After an edit at `position`, re-links every later event to the one before it, rewrites the
// head and drops the Merkle tree (jem rebuilds it from the events when it next opens the log):
// everything a chain alone cannot catch.
inline void RechainAfter(const std::string& dir, uint64_t position) {
  uint64_t last = position;
  {
    auto raw = storage::RawLogDb::Open(dir, /*read_only=*/true);
    ASSERT_TRUE(raw.ok());
    while (!StoredEvent(**raw, last + 1).empty()) ++last;
  }
  for (uint64_t p = position + 1; p <= last; ++p) {
    std::string before;
    {
      auto raw = storage::RawLogDb::Open(dir, /*read_only=*/true);
      before = StoredEvent(**raw, p - 1);
    }
    const Hash link = HashOf(before);
    RewriteEnvelope(dir, p, [&](schema::Event::Builder e) {
      e.setPreviousHash(capnp::Data::Reader(link.data(), link.size()));
    });
  }
  RewriteHead(dir, last);
  auto raw = storage::RawLogDb::Open(dir, /*read_only=*/false);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->db().DropColumnFamily((*raw)->tree()).ok());
}

}  // namespace jem::testing
