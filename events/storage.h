// How the log lays out its data in RocksDB. Internal to events/ (and its tests).
//
// Column families:
//   default    format marker and head
//   events     big-endian position (8 bytes)           -> the canonical envelope
//   streams    stream id, 0x00, big-endian version     -> big-endian position
//              stream id, 0x00                          -> big-endian version of its last event
//   event_ids  event id (16 bytes)                      -> big-endian position
//   checkpoints  a views' cache entry's name           -> its cached state (deletable; the
//              views' cache of events/views_cache.h, named as data directories already have it)
//   tree       level (1 byte), big-endian index (8)     -> SHA-256 of that complete subtree
//   signed_checkpoints  big-endian tree size (8 bytes)  -> the signed note of that tree head
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
inline constexpr char kViewsCacheFamily[] = "checkpoints";  // the name existing logs have
inline constexpr char kTreeFamily[] = "tree";
inline constexpr char kSignedCheckpointsFamily[] = "signed_checkpoints";

inline constexpr char kFormatKey[] = "format";
inline constexpr char kFormatValue[] = "jem-log/1";
inline constexpr char kHeadKey[] = "head";
// How many events a log from before the tree has had added to it, while that is under way.
inline constexpr char kTreeBackfillKey[] = "tree_backfill";

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

// A tree node's key: a level's nodes form one contiguous range, in index order.
std::string TreeNodeKey(uint8_t level, uint64_t index);

// The head record: position then hash.
std::string EncodeHead(uint64_t position, const Hash& hash);
bool DecodeHead(std::string_view value, uint64_t* position, Hash* hash);

// Every column family, in the order the log opens them.
std::vector<std::string> FamilyNames();

// A closed log's RocksDB database opened directly, without Log: for tests that damage a
// log on purpose and for the benchmarks' bare-RocksDB peer.
class RawLogDb {
 public:
  static Result<std::unique_ptr<RawLogDb>> Open(const std::string& dir, bool read_only);
  ~RawLogDb();
  rocksdb::DB& db() { return *db_; }
  rocksdb::ColumnFamilyHandle* meta() { return families_[0]; }
  rocksdb::ColumnFamilyHandle* events() { return families_[1]; }
  rocksdb::ColumnFamilyHandle* streams() { return families_[2]; }
  rocksdb::ColumnFamilyHandle* event_ids() { return families_[3]; }
  rocksdb::ColumnFamilyHandle* tree() { return families_[5]; }

 private:
  RawLogDb() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;
};

}  // namespace jem::storage
