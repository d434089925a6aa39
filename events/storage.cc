#include "events/storage.h"

#include <cstring>

namespace jem::storage {

std::string PositionKey(uint64_t position) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, position >>= 8) key[i] = char(position & 0xff);
  return key;
}

uint64_t DecodePosition(std::string_view key) {
  if (key.size() != 8) return 0;
  uint64_t v = 0;
  for (unsigned char c : key) v = v << 8 | c;
  return v;
}

std::string StreamPrefix(std::string_view stream) {
  std::string key(stream);
  key.push_back('\0');
  return key;
}

std::string StreamKey(std::string_view stream, uint64_t version) {
  return StreamPrefix(stream) + PositionKey(version);
}

std::string_view EventIdKey(const EventId& id) {
  return {reinterpret_cast<const char*>(id.data), sizeof id.data};
}

std::string TreeNodeKey(uint8_t level, uint64_t index) {
  return std::string(1, char(level)) + PositionKey(index);
}

std::vector<std::string> FamilyNames() {
  return {rocksdb::kDefaultColumnFamilyName, kEventsFamily, kStreamsFamily, kEventIdsFamily,
          kViewsCacheFamily, kTreeFamily, kSignedCheckpointsFamily};
}

std::string EncodeHead(uint64_t position, const Hash& hash) {
  return PositionKey(position) + std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

bool DecodeHead(std::string_view value, uint64_t* position, Hash* hash) {
  if (value.size() != 8 + hash->size()) return false;
  *position = DecodePosition(value.substr(0, 8));
  std::memcpy(hash->data(), value.data() + 8, hash->size());
  return true;
}

Result<std::unique_ptr<RawLogDb>> RawLogDb::Open(const std::string& dir, bool read_only) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : FamilyNames()) descriptors.push_back({name, {}});
  std::unique_ptr<RawLogDb> raw(new RawLogDb);
  rocksdb::DB* db = nullptr;
  rocksdb::Options options;
  options.create_missing_column_families = !read_only;
  auto s = read_only
               ? rocksdb::DB::OpenForReadOnly(options, dir, descriptors, &raw->families_, &db)
               : rocksdb::DB::Open(options, dir, descriptors, &raw->families_, &db);
  if (!s.ok()) return Status::IOError("opening " + dir + " with RocksDB: " + s.ToString());
  raw->db_.reset(db);
  return raw;
}

RawLogDb::~RawLogDb() {
  for (auto* family : families_) db_->DestroyColumnFamilyHandle(family);
}

}  // namespace jem::storage
