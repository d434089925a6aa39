// How the log lays out its data in RocksDB. Internal to events/ (and its tests).
//
// Column families:
//   default    format marker and head
//   events     big-endian position (8 bytes)           -> the canonical envelope
//   streams    stream id, 0x00, big-endian version     -> big-endian position
//              stream id, 0x00                          -> big-endian version of its last event
//   event_ids  event id (16 bytes)                      -> big-endian position
//   checkpoints  a projection's name                    -> its cached state (deletable)
// Stream ids cannot hold 0x00, so a stream's keys form one contiguous, ordered range, its
// head key first.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>

#include "events/event.h"

namespace jem::storage {

inline constexpr char kEventsFamily[] = "events";
inline constexpr char kStreamsFamily[] = "streams";
inline constexpr char kEventIdsFamily[] = "event_ids";
inline constexpr char kCheckpointsFamily[] = "checkpoints";

inline constexpr char kFormatKey[] = "format";
inline constexpr char kFormatValue[] = "jem-log/1";
inline constexpr char kHeadKey[] = "head";

// 8 big-endian bytes, so keys sort in position order.
std::string PositionKey(uint64_t position);
// The inverse of PositionKey; 0 if `key` is not 8 bytes.
uint64_t DecodePosition(std::string_view key);

// The first key of `stream`'s range: the stream id and 0x00.
std::string StreamPrefix(std::string_view stream);
std::string StreamKey(std::string_view stream, uint64_t version);
// Where the version of the stream's last event is kept.
inline std::string StreamHeadKey(std::string_view stream) { return StreamPrefix(stream); }

std::string_view EventIdKey(const EventId& id);

// The head record: position then hash.
std::string EncodeHead(uint64_t position, const Hash& hash);
bool DecodeHead(std::string_view value, uint64_t* position, Hash* hash);

// A closed log's RocksDB database opened directly, without Log: for tests that damage a
// log on purpose and for the benchmarks' bare-RocksDB peer.
class RawLogDb {
 public:
  static Result<std::unique_ptr<RawLogDb>> Open(const std::string& dir, bool read_only);
  ~RawLogDb();
  rocksdb::DB& db() { return *db_; }
  rocksdb::ColumnFamilyHandle* events() { return families_[1]; }

 private:
  RawLogDb() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;
};

}  // namespace jem::storage
