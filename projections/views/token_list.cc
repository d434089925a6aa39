#include "projections/views.h"

namespace jem::views {

TokenList TokensOf(const TokenRegistry& registry, const PageRequest& page) {
  std::vector<const std::pair<const std::string, TokenState>*> all;
  for (const auto& entry : registry.tokens()) all.push_back(&entry);
  const Window w = WindowOf(all, [](const auto* entry) { return entry->first; }, page);
  TokenList list{CursorsOf(w), {}, all.size()};
  for (size_t i = w.begin; i < w.end; ++i) {
    const auto& [id, t] = *all[i];
    list.tokens.push_back({id, t.user_id, t.role, t.agency, std::string(StatusName(t.status))});
  }
  return list;
}

}  // namespace jem::views
