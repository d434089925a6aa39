#include "events/proofs/tiles.h"

#include <charconv>

namespace jem::proofs {

std::string TilePath(const TileAddress& tile) {
  std::string digits = std::to_string(tile.index);
  digits.insert(0, (3 - digits.size() % 3) % 3, '0');
  std::string out = "tile/" + std::to_string(tile.level) + "/";
  for (size_t i = 0; i < digits.size(); i += 3) {
    if (i + 3 < digits.size()) out += "x";
    out += digits.substr(i, 3);
    if (i + 3 < digits.size()) out += "/";
  }
  if (tile.width < kTileWidth) out += ".p/" + std::to_string(tile.width);
  return out;
}

Result<TileAddress> ParseTilePath(std::string_view path) {
  auto refuse = [&] {
    return Status::InvalidArgument("'tile/" + std::string(path.substr(0, 80)) +
                                   "' is not a tile path: tile/L/N[.p/W] with N in three-digit groups");
  };
  TileAddress tile;
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash != 1 || path[0] < '0' || path[0] > '7') return refuse();
  tile.level = static_cast<uint8_t>(path[0] - '0');
  std::string_view rest = path.substr(2);
  std::string digits;
  while (rest.starts_with('x')) {
    if (rest.size() < 5 || rest[4] != '/') return refuse();
    digits += rest.substr(1, 3);
    rest.remove_prefix(5);
  }
  if (rest.size() < 3) return refuse();
  digits += rest.substr(0, 3);
  rest.remove_prefix(3);
  if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) return refuse();
  tile.index = std::stoull(digits);
  if (!rest.empty()) {
    if (!rest.starts_with(".p/")) return refuse();
    rest.remove_prefix(3);
    uint32_t width = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), width);
    if (ec != std::errc() || end != rest.data() + rest.size() || width == 0 || width >= kTileWidth) return refuse();
    tile.width = width;
  }
  // One tile, one path: no needless groups of zeros, no leading zeros in the width.
  if (TilePath(tile) != "tile/" + std::string(path)) return refuse();
  return tile;
}

}  // namespace jem::proofs
