// Turns at costly work that runs one at a time (folding the log to a past day), shared fairly
// between callers: a caller (a token) has at most one turn waiting; the waiting take turns by
// role, then in the order they came within a role, so that neither one token nor one role
// can keep another from its turn however often it asks. A role's line has a bounded length,
// so waiting callers hold a bounded number of the server's workers. Thread-safe.
#pragma once

#include <array>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <set>
#include <string>

#include "engine/caller.h"
#include "events/status.h"

namespace jem::api {

class FairTurns {
 public:
  // Who is waiting: the caller's role and token.
  struct Who {
    Role role;
    std::string caller;
  };

  // A turn being taken; the next begins when it is destroyed.
  class Turn {
   public:
    Turn(Turn&& other) noexcept : turns_(other.turns_), caller_(std::move(other.caller_)) { other.turns_ = nullptr; }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    Turn& operator=(Turn&&) = delete;
    ~Turn();

   private:
    friend class FairTurns;
    Turn(FairTurns* turns, std::string caller) : turns_(turns), caller_(std::move(caller)) {}
    FairTurns* turns_;
    std::string caller_;
  };

  // `per_role`: the most callers of one role that may wait at once.
  explicit FairTurns(size_t per_role) : per_role_(per_role) {}

  // Waits for `who`'s turn. Errors (kBusy, at once): `who` has a turn taken or waiting already;
  // its role's line is full; the turns are closed (the server is stopping).
  Result<Turn> Take(const Who& who);

  // Ends every wait with kBusy, and refuses every turn from now on.
  void Close();

  // Callers waiting now, in all.
  size_t waiting() const;

 private:
  struct Waiter {
    std::string caller;
    bool go = false;
  };
  static constexpr size_t kRoles = 4;
  // Gives the turn to the next waiter, or frees it. Holds mu_.
  void PassLocked();

  const size_t per_role_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool taken_ = false, closed_ = false;
  std::array<std::deque<Waiter*>, kRoles> lines_;  // by role
  size_t next_role_ = 0;                            // whose line is looked at first
  std::set<std::string> callers_;                   // with a turn taken or waiting
};

}  // namespace jem::api
