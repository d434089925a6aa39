// The live event streams the server holds open (Server-Sent Events): capped in total, per
// role and per token, so that streams nobody reads cannot take every worker, and no role's
// (partners' pages, say) can take every place from another's; each ends within a second when
// its token is revoked or the server stops. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engine/caller.h"
#include "events/log.h"

namespace jem::api {

class EventStreams {
 public:
  struct Limits {
    size_t total = 32;      // open at once, for everyone
    size_t per_role = 11;   // open at once for one role: a third of the total each
    size_t per_token = 4;   // open at once with one token
  };
  explicit EventStreams(Limits limits) : limits_(limits) {}

  // A stream opened for `token_id`: holds its place until destroyed.
  class Lease {
   public:
    Lease(EventStreams& owner, std::string token_id, Role role, std::shared_ptr<Subscription> subscription);
    ~Lease();
    Subscription& subscription() { return *subscription_; }
    const std::string& token_id() const { return token_id_; }

   private:
    EventStreams& owner_;
    std::string token_id_;
    Role role_;
    std::shared_ptr<Subscription> subscription_;
  };

  // A place for a new stream of `token_id`, held by a caller of `role`, reading
  // `subscription`; or kBusy when the server, the role or the token has as many open as allowed.
  Result<std::shared_ptr<Lease>> Open(const std::string& token_id, Role role, std::shared_ptr<Subscription> subscription);

  // Ends every open stream (they return at their next wake-up, within a second).
  void CancelAll();

  size_t open() const;

 private:
  friend class Lease;
  const Limits limits_;
  mutable std::mutex mu_;
  std::map<std::string, size_t> per_token_;
  std::map<Role, size_t> per_role_;
  std::map<Lease*, std::shared_ptr<Subscription>> open_;
};

}  // namespace jem::api
