// Forms a browser sent after its session ended (30 minutes idle, 12 hours in all, or signed
// out in another tab), held briefly so that nothing typed is lost: its holder signs in again
// and is offered the form, every value kept, to send. A form is held for the user whose session sent it (with that
// session's CSRF token, so never a form another site made), under a random key that only the
// browser holds, in a cookie. Bounded: each form's size, each user's count, and the total;
// past the total the oldest form goes. In memory only: a restart forgets them. Time comes from
// the injected clock. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "events/clock.h"
#include "events/status.h"

namespace jem::api {

// The cookie that names a browser's held form.
inline constexpr char kHeldFormCookie[] = "jem_held";

class HeldForms {
 public:
  struct Limits {
    std::chrono::seconds keep{30 * 60};  // how long a form is held
    size_t form_bytes = 256 * 1024;      // a larger form is not held
    size_t per_user = 3;                 // past it, the user's own oldest form goes
    size_t total_bytes = 16 << 20;       // past it, the oldest form of anyone's goes
  };
  struct Form {
    std::string user_id;  // who may take it
    std::string path;     // where it was sent (a page's form route)
    std::vector<std::pair<std::string, std::string>> fields;  // as sent, in order
  };

  HeldForms(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // Holds `form`; the key to take it with (256 random bits, hex). Errors: kInvalidArgument
  // when it is larger than Limits::form_bytes; kIOError when there are no random bytes.
  Result<std::string> Hold(Form form);
  // Whether a form is held under `key` for `user_id`.
  bool Holds(const std::string& key, const std::string& user_id) const;
  // The form held under `key` for `user_id`, no longer held; nullopt when there is none (never
  // held, taken already, past Limits::keep, or another user's).
  std::optional<Form> Take(const std::string& key, const std::string& user_id);

  // How many forms are held, and their bytes.
  std::pair<size_t, size_t> size() const;

 private:
  struct Held {
    std::string key;
    Form form;
    size_t bytes;
    Timestamp held;
  };
  // Drops the forms held past Limits::keep. Called with mu_ held.
  void Expire();

  const Clock& clock_;
  const Limits limits_;
  mutable std::mutex mu_;
  std::list<Held> held_;  // oldest first
  size_t bytes_ = 0;
};

}  // namespace jem::api
