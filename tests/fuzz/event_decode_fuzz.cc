// libFuzzer: the event decoder on any bytes. Decoding either refuses with a status or
// yields an event every accessor and the JSON rendering can read without failing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "events/event.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto event = jem::RecordedEvent::Decode(1, std::string_view(reinterpret_cast<const char*>(data), size));
  if (!event.ok()) return 0;
  (void)event->stream_id();
  (void)event->type();
  (void)event->id();
  (void)event->occurred_at();
  (void)event->previous_hash();
  (void)event->hash();
  (void)jem::EventToJson(*event);
  return 0;
}
