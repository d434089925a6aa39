// Events as the log takes them (NewEvent) and gives them back (RecordedEvent).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/uuid/uuid.hpp>
#include <capnp/message.h>
#include <kj/array.h>

#include "events/clock.h"
#include "events/events.capnp.h"
#include "events/status.h"

namespace jem {

// The schema version this build writes, and the newest it can read.
inline constexpr uint16_t kSchemaVersion = 1;

// A 16-byte UUID. The nil UUID (all zeros) means "none" for causation and correlation.
using EventId = boost::uuids::uuid;

// SHA-256 of an event's stored bytes.
using Hash = std::array<uint8_t, 32>;

// A fresh random (version 4) UUID. Thread-safe.
EventId NewEventId();

// Parses "0f1e...": 32 hex digits, with or without the dashes of the UUID text form.
Result<EventId> ParseEventId(std::string_view text);

// Text between std::string and Cap'n Proto: a view of the same bytes, and a copy out.
inline capnp::Text::Reader AsText(std::string_view s) { return {s.data(), s.size()}; }
inline std::string FromText(capnp::Text::Reader t) { return {t.begin(), t.size()}; }
inline std::string_view AsView(capnp::Text::Reader t) { return {t.begin(), t.size()}; }
std::vector<std::string> FromTextList(capnp::List<capnp::Text>::Reader list);
// Fills `list`, made with room for exactly `values.size()` texts.
void SetTextList(capnp::List<capnp::Text>::Builder list, const std::vector<std::string>& values);

// Lower-case hex of any bytes.
std::string ToHex(std::span<const uint8_t> bytes);

// SHA-256 (OpenSSL) of `bytes`.
Hash Sha256(std::span<const uint8_t> bytes);
// SHA-256 of the parts one after another, without joining them first.
Hash Sha256(std::initializer_list<std::span<const uint8_t>> parts);

struct Actor {
  std::string user_id;  // who did it, e.g. "jsmith"
  std::string role;     // in what capacity, e.g. "officer"
};

// What happened, as a canonical Cap'n Proto Body message. Cheap to move.
class EventBody {
 public:
  // Builds a body: `fill` receives a schema::Body::Builder to set one union member.
  template <typename Fill>
  static EventBody Make(Fill&& fill) {
    capnp::MallocMessageBuilder message;
    fill(message.initRoot<schema::Body>());
    return EventBody(message.getRoot<schema::Body>().asReader());
  }

  // A Note body holding `text`.
  static EventBody Note(std::string_view text);

  // Size of the canonical body in bytes (what the payload limit applies to).
  size_t size_bytes() const { return words_.size() * sizeof(capnp::word); }

  // The canonical words, for the log to copy into an envelope.
  kj::ArrayPtr<const capnp::word> words() const { return words_; }

 private:
  explicit EventBody(schema::Body::Reader body);
  kj::Array<capnp::word> words_;
};

// An event offered to Log::Append.
struct NewEvent {
  EventId id;                  // idempotency key: an id already in the log is not written again
  Actor actor;                 // required: every event says who caused it
  EventId causation_id{};      // optional (nil): the command or event that caused this one
  EventId correlation_id{};    // optional (nil): the conversation this event belongs to
  EventBody body;
  std::optional<Timestamp> occurred_at{};  // when it happened in the world, if not now
};

// An event read back from the log: its stored bytes and a reader over them.
class RecordedEvent {
 public:
  // Checks that `stored` is a well-formed envelope at `position` with a schema version this
  // build reads, and takes a copy of it.
  static Result<RecordedEvent> Decode(uint64_t position, std::string_view stored);

  // An empty event, to Assign into; not to be read before an Assign succeeds.
  RecordedEvent();

  // Decodes `stored` into this object, reusing its buffer: how a scan reads many events
  // without an allocation each. On error the object must not be read.
  Status Assign(uint64_t position, std::string_view stored);

  RecordedEvent(RecordedEvent&&) noexcept;
  RecordedEvent& operator=(RecordedEvent&&) noexcept;
  ~RecordedEvent();

  uint64_t position() const { return envelope().getPosition(); }
  std::string_view stream_id() const;
  uint64_t stream_version() const { return envelope().getStreamVersion(); }
  EventId id() const;
  Timestamp recorded_at() const { return FromMicros(envelope().getRecordedAtUs()); }
  // When it happened in the world: occurred-at if the writer gave one, else recorded-at.
  Timestamp occurred_at() const {
    const int64_t us = envelope().getOccurredAtUs();
    return us != 0 ? FromMicros(us) : recorded_at();
  }

  // The whole envelope; valid while this object lives.
  schema::Event::Reader envelope() const;

  // The stored bytes: the envelope in canonical form.
  std::span<const uint8_t> bytes() const;

  // SHA-256 of bytes(): this event's link in the chain.
  Hash hash() const { return Sha256(bytes()); }

  // The hash recorded in this event for the event before it.
  Hash previous_hash() const;

  // The name of the body's union member, e.g. "note".
  std::string_view type() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The event as one line of Cap'n Proto JSON: the form `capnp convert json:canonical` reads
// back into the same stored bytes.
std::string EventToJson(const RecordedEvent& event);

}  // namespace jem
