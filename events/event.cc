#include "events/event.h"

#include "events/envelope_check.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/string_generator.hpp>
#include <capnp/compat/json.h>
#include <capnp/dynamic.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <openssl/evp.h>

namespace jem {

EventId NewEventId() {
  // random_generator is not thread-safe; one per thread keeps appenders independent.
  thread_local boost::uuids::random_generator generate;
  return generate();
}

Result<EventId> ParseEventId(std::string_view text) {
  try {
    return boost::uuids::string_generator()(std::string(text));
  } catch (const std::runtime_error&) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not an event id: expected a UUID (32 hex digits)");
  }
}

void SetTextList(capnp::List<capnp::Text>::Builder list, const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) list.set(unsigned(i), AsText(values[i]));
}

std::vector<std::string> FromTextList(capnp::List<capnp::Text>::Reader list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (auto t : list) out.push_back(FromText(t));
  return out;
}

std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

Hash Sha256(std::span<const uint8_t> bytes) { return Sha256({bytes}); }

Hash Sha256(std::initializer_list<std::span<const uint8_t>> parts) {
  // Fetching the algorithm and making a context cost more than hashing a small event, so
  // each thread keeps one of each.
  struct Hasher {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Hasher() {
      EVP_MD_CTX_free(ctx);
      EVP_MD_free(md);
    }
  };
  thread_local Hasher hasher;
  Hash out;
  unsigned int len = 0;
  EVP_DigestInit_ex(hasher.ctx, hasher.md, nullptr);
  for (auto part : parts) EVP_DigestUpdate(hasher.ctx, part.data(), part.size());
  EVP_DigestFinal_ex(hasher.ctx, out.data(), &len);
  return out;
}

EventBody::EventBody(schema::Body::Reader body) : words_(capnp::canonicalize(body)) {}

EventBody EventBody::Note(std::string_view text) {
  return Make([&](schema::Body::Builder b) {
    b.initNote().setText(capnp::Text::Reader(text.data(), text.size()));
  });
}

// The copy of the stored bytes (word-aligned, as Cap'n Proto requires) and a reader over it.
// Reused by Assign when the next event fits, so a scan allocates only for larger events.
struct RecordedEvent::Impl {
  kj::Array<capnp::word> buffer;
  kj::ArrayPtr<const capnp::word> segment;
  std::optional<capnp::SegmentArrayMessageReader> reader;
  schema::Event::Reader root;
};

RecordedEvent::RecordedEvent() = default;
RecordedEvent::RecordedEvent(RecordedEvent&&) noexcept = default;
RecordedEvent& RecordedEvent::operator=(RecordedEvent&&) noexcept = default;
RecordedEvent::~RecordedEvent() = default;

Result<RecordedEvent> RecordedEvent::Decode(uint64_t position, std::string_view stored) {
  RecordedEvent event;
  JEM_RETURN_IF_ERROR(event.Assign(position, stored));
  return event;
}

Status RecordedEvent::Assign(uint64_t position, std::string_view stored) {
  const std::string where = "event at position " + std::to_string(position);
  if (stored.empty() || stored.size() % sizeof(capnp::word) != 0) {
    return Status::Corruption(where + " is " + std::to_string(stored.size()) +
                              " bytes, not a whole number of 8-byte words");
  }
  const size_t words = stored.size() / sizeof(capnp::word);
  if (!impl_) impl_ = std::make_unique<Impl>();
  Impl& impl = *impl_;
  impl.reader.reset();
  if (impl.buffer.size() < words) impl.buffer = kj::heapArray<capnp::word>(std::max<size_t>(words, 64));
  std::memcpy(impl.buffer.begin(), stored.data(), stored.size());
  impl.segment = impl.buffer.slice(0, words);
  uint16_t version = 0;
  uint64_t recorded_position = 0;
  // Cap'n Proto checks bounds and types lazily, when a field is read, and throws. Reading
  // every pointer once here, as its accessor will, means later reads of a decoded event
  // cannot fail. The walk may read only a few times the message's size: that refuses
  // messages that make a small input read as a huge one (many pointers to one place, long
  // lists of empty structs). A message that passes costs at most that much per full read,
  // so it is then read without a limit that repeated reads would one day exhaust.
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
    capnp::ReaderOptions walk;
    walk.traversalLimitInWords = 4 * words + 64;
    impl.reader.emplace(kj::arrayPtr(&impl.segment, 1), walk);
    ReadEveryPointer(impl.reader->getRoot<schema::Event>());
    capnp::ReaderOptions read;
    read.traversalLimitInWords = kj::maxValue;
    impl.reader.emplace(kj::arrayPtr(&impl.segment, 1), read);
    impl.root = impl.reader->getRoot<schema::Event>();
    version = impl.root.getSchemaVersion();
    recorded_position = impl.root.getPosition();
  })) {
    return Status::Corruption(where + " is not a valid envelope: " +
                              std::string(e->getDescription().cStr()));
  }
  if (version == 0 || version > kSchemaVersion) {
    return Status::Unsupported(where + " was written with schema version " +
                               std::to_string(version) + "; this jem reads versions 1 to " +
                               std::to_string(kSchemaVersion) + ". Upgrade jem to read it");
  }
  if (recorded_position != position) {
    return Status::Corruption(where + " says it is at position " +
                              std::to_string(recorded_position));
  }
  auto id = impl.root.getEventId();
  auto prev = impl.root.getPreviousHash();
  if (id.size() != sizeof(EventId) || prev.size() != sizeof(Hash)) {
    return Status::Corruption(where + " has an event id of " + std::to_string(id.size()) +
                              " bytes and a previous hash of " + std::to_string(prev.size()) +
                              " bytes (expected 16 and 32)");
  }
  return Status::Ok();
}

schema::Event::Reader RecordedEvent::envelope() const { return impl_->root; }

std::string_view RecordedEvent::stream_id() const {
  auto s = envelope().getStreamId();
  return {s.begin(), s.size()};
}

EventId RecordedEvent::id() const {
  EventId id;
  std::memcpy(id.data, envelope().getEventId().begin(), sizeof id.data);
  return id;
}

std::span<const uint8_t> RecordedEvent::bytes() const {
  auto b = impl_->segment.asBytes();
  return {b.begin(), b.size()};
}

Hash RecordedEvent::previous_hash() const {
  Hash h;
  std::memcpy(h.data(), envelope().getPreviousHash().begin(), h.size());
  return h;
}

std::string_view RecordedEvent::type() const {
  KJ_IF_MAYBE(field, capnp::toDynamic(envelope().getBody()).which()) {
    auto name = field->getProto().getName();
    return {name.begin(), name.size()};
  }
  return "unknown";  // a union member added by a newer schema
}

std::string EventToJson(const RecordedEvent& event) {
  struct EventCodec {
    EventCodec() { codec.handleByAnnotation<schema::Event>(); }
    capnp::JsonCodec codec;
  };
  thread_local EventCodec json;
  auto text = json.codec.encode(event.envelope());
  return std::string(text.begin(), text.size());
}

}  // namespace jem
