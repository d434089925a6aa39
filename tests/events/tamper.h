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

}  // namespace jem::testing
