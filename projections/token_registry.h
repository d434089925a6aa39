// Who holds which access token: a fold of the token streams, for authenticating API calls.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "events/log.h"
#include "projections/stream_state.h"

namespace jem {

class TokenRegistry {
 public:
  // Reads every token stream of the log (token-*), not the rest of it, up to the event at
  // `up_to_position` (by default all of it).
  static Result<TokenRegistry> Load(const Log& log, uint64_t up_to_position = UINT64_MAX);

  // Folds one event of a token stream in.
  void Apply(const RecordedEvent& event);

  // The holder of `token` if it was issued and not revoked; kNotFound otherwise (the same
  // answer for unknown and revoked, so a caller learns nothing from it).
  Result<TokenState> Authenticate(std::string_view token) const;

  // Whether the token with id `token_id` was issued and is not revoked.
  bool IsActive(std::string_view token_id) const;

  // Every token ever issued, by id (no secrets: the log never had them).
  const std::map<std::string, TokenState>& tokens() const { return tokens_; }

 private:
  std::map<std::string, TokenState> tokens_;        // by token id
  std::map<std::string, std::string> id_by_hash_;   // SHA-256 hex -> token id
};

}  // namespace jem
