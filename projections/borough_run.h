#pragma once

#include <string>

namespace jem {

// A run of an ordered map's entries, iterable with a range-for.
template <class It>
struct Run {
  It first, last;
  It begin() const { return first; }
  It end() const { return last; }
};

// The entries of `map` whose ids start with `borough` and a hyphen, or all of them when
// `borough` is empty. A borough's meetings ("CAM-20090616") and actions ("CAM-2009-03") are
// one run of their ordered maps, so a view of one borough never walks the others.
template <class Map>
Run<typename Map::const_iterator> OfBorough(const Map& map, const std::string& borough) {
  if (borough.empty()) return {map.begin(), map.end()};
  return {map.lower_bound(borough + "-"), map.lower_bound(borough + char('-' + 1))};
}

}  // namespace jem
