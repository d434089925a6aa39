// The states of recently used streams, remembered between commands so that deciding one
// does not fold an action's whole history again: a remembered state at version v only
// needs the events after v. Safe because a stream's events never change once appended.
// Bounded (least recently used states are forgotten); thread-safe. Internal to engine/.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>

#include "projections/stream_state.h"

namespace jem {

// The state of one stream and the version it was read at.
template <typename State>
struct Loaded {
  State state;
  uint64_t version = 0;
};

class StateCache {
 public:
  explicit StateCache(size_t capacity) : capacity_(capacity) {}

  // The remembered state of `stream` as `State`, if there is one of that type.
  template <typename State>
  std::optional<Loaded<State>> Find(const std::string& stream) {
    std::lock_guard lock(mu_);
    auto it = index_.find(stream);
    if (it == index_.end()) return std::nullopt;
    const Entry& entry = *it->second;
    const State* state = std::get_if<State>(&entry.state);
    if (state == nullptr) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return Loaded<State>{*state, entry.version};
  }

  // Remembers `loaded` as the state of `stream`, unless a newer version is remembered.
  template <typename State>
  void Keep(const std::string& stream, const Loaded<State>& loaded) {
    std::lock_guard lock(mu_);
    auto it = index_.find(stream);
    if (it != index_.end()) {
      if (it->second->version >= loaded.version) return;
      it->second->state = loaded.state;
      it->second->version = loaded.version;
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.push_front(Entry{stream, loaded.state, loaded.version});
    index_.emplace(stream, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().stream);
      order_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string stream;
    std::variant<MeetingState, ActionState, PracticeState, IssueState, TokenState> state;
    uint64_t version = 0;
  };

  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace jem
