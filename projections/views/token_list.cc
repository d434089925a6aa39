#include "projections/views.h"

namespace jem::views {

Json TokenList(const TokenRegistry& registry) {
  Json tokens = Json::array();
  for (const auto& [id, t] : registry.tokens()) {
    tokens.push_back({{"id", id}, {"user", t.user_id}, {"role", t.role}, {"agency", t.agency},
                      {"status", StatusName(t.status)}});
  }
  return Json{{"tokens", tokens}, {"count", tokens.size()}};
}

}  // namespace jem::views
