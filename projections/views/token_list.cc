#include "projections/views.h"

namespace jem::views {

Json TokenList(const TokenRegistry& registry, const PageRequest& page) {
  std::vector<const std::pair<const std::string, TokenState>*> all;
  for (const auto& entry : registry.tokens()) all.push_back(&entry);
  const Window w = WindowOf(all, [](const auto* entry) { return entry->first; }, page);
  Json tokens = Json::array();
  for (size_t i = w.begin; i < w.end; ++i) {
    const auto& [id, t] = *all[i];
    tokens.push_back({{"id", id}, {"user", t.user_id}, {"role", t.role}, {"agency", t.agency},
                      {"status", StatusName(t.status)}});
  }
  return Json{{"tokens", std::move(tokens)}, {"count", all.size()}, {"next", Next(w)}, {"previous", Previous(w)}};
}

}  // namespace jem::views
