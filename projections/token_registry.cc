#include "projections/token_registry.h"

namespace jem {

Result<TokenRegistry> TokenRegistry::Load(const Log& log, uint64_t up_to_position) {
  TokenRegistry registry;
  JEM_ASSIGN_OR_RETURN(auto streams, log.ListStreams(StreamPrefix(StreamKind::kToken)));
  for (const auto& stream : streams) {
    JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(stream, 1, 1000));
    for (const auto& e : events) {
      if (e.position() <= up_to_position) registry.Apply(e);
    }
  }
  return registry;
}

void TokenRegistry::Apply(const RecordedEvent& event) {
  const std::string_view stream = event.stream_id();
  if (!IsTokenStream(stream)) return;
  TokenState& token = tokens_[std::string(ParseStream(stream).id)];
  token.Apply(event.envelope().getBody(), event.occurred_at());
  if (!token.hash_hex.empty()) id_by_hash_[token.hash_hex] = token.id;
}

Result<TokenState> TokenRegistry::Authenticate(std::string_view token) const {
  const std::string hash = ToHex(Sha256({reinterpret_cast<const uint8_t*>(token.data()), token.size()}));
  auto id = id_by_hash_.find(hash);
  if (id != id_by_hash_.end()) {
    const TokenState& t = tokens_.at(id->second);
    if (t.status == TokenState::Status::kActive) return t;
  }
  return Status::NotFound("the token is not valid: unknown or revoked");
}

bool TokenRegistry::IsActive(std::string_view token_id) const {
  auto it = tokens_.find(std::string(token_id));
  return it != tokens_.end() && it->second.status == TokenState::Status::kActive;
}

}  // namespace jem
