// The hash tiles of C2SP tlog-tiles: the tree's stored hashes in runs of 256, so a client can
// compute any proof from static files. Tile (L, N) holds the hashes of the tree's level 8L,
// nodes 256N to 256N + W - 1; W is 256 for a full tile, fewer for the right edge's partial one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/status.h"

namespace jem::proofs {

inline constexpr unsigned kTileHeight = 8;
inline constexpr unsigned kTileWidth = 1u << kTileHeight;

struct TileAddress {
  uint8_t level = 0;   // L: the tile level, tree level 8L
  uint64_t index = 0;  // N
  uint32_t width = kTileWidth;
};

// "tile/0/x001/234.p/5": where a tile is served.
std::string TilePath(const TileAddress& tile);
// The tile a path (after "tile/") names, refusing anything not in the canonical form: the
// index's three-digit groups with "x" before all but the last, ".p/W" with 1 <= W < 256.
Result<TileAddress> ParseTilePath(std::string_view path);

}  // namespace jem::proofs
