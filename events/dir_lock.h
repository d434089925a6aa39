// An exclusive, per-process lock on a data directory (internal to events/).
#pragma once

#include <memory>
#include <string>

#include "events/status.h"

namespace jem {

class DirLock {
 public:
  // Takes the lock file `dir/jem.lock`, writing this process id into it. Fails with kBusy,
  // naming the holder's process id, if another open log holds it. The OS drops the lock
  // when the process dies, so a killed process never leaves the directory locked.
  static Result<std::unique_ptr<DirLock>> Acquire(const std::string& dir);
  ~DirLock();

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace jem
