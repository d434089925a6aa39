// Verify: re-reads the whole log and checks positions, hashes, links and the head.
#include "events/log_impl.h"
#include "events/storage.h"

namespace jem {

Result<VerifyReport> Log::Verify() const {
  // One snapshot, so appends running meanwhile neither shift the head nor half-appear.
  const rocksdb::Snapshot* snapshot = impl_->db->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{impl_->db.get(), snapshot};
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;

  Head recorded;
  std::string head_value;
  auto s = impl_->db->Get(ro, impl_->meta, storage::kHeadKey, &head_value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the head");
  VerifyReport report;
  if (s.ok() && !storage::DecodeHead(head_value, &recorded.position, &recorded.hash)) {
    report.bad_position = 0;
    report.problem = "the head record is malformed";
    return report;
  }

  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  Hash previous{};
  uint64_t expected = 1;
  RecordedEvent event;  // reused from one position to the next
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    const uint64_t position = storage::DecodePosition(it->key().ToStringView());
    auto fail = [&](std::string problem) -> Result<VerifyReport> {
      report.bad_position = expected;
      report.problem = std::move(problem);
      return report;
    };
    if (position != expected) {
      return fail("position " + std::to_string(expected) + " is missing; the next stored event is at " +
                  std::to_string(position));
    }
    if (position > recorded.position) {
      return fail("an event is stored after the recorded head (position " +
                  std::to_string(recorded.position) + ")");
    }
    Status decoded = event.Assign(position, it->value().ToStringView());
    if (!decoded.ok()) return fail(decoded.message());
    if (event.previous_hash() != previous) {
      return fail("its previous-hash is " + ToHex(event.previous_hash()) +
                  " but the event before it hashes to " + ToHex(previous));
    }
    previous = event.hash();
    ++report.events_checked;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the log");
  if (expected <= recorded.position) {
    report.bad_position = expected;
    report.problem = "the head is at position " + std::to_string(recorded.position) +
                     " but the log ends before it";
  } else if (recorded.position > 0 && previous != recorded.hash) {
    report.bad_position = recorded.position;
    report.problem = "the event hashes to " + ToHex(previous) + " but the head records " +
                     ToHex(recorded.hash) + ": it was altered after it was written";
  }
  return report;
}

}  // namespace jem
