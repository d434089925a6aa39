#include "engine/reminders/channel.h"

namespace jem::reminders {

std::optional<Timestamp> RetryAfter(uint32_t attempt, Timestamp failed_at) {
  using namespace std::chrono;
  static constexpr seconds kSchedule[] = {5s, 5min, 30min, 2h, 5h, 10h, 10h};
  if (attempt == 0 || attempt > std::size(kSchedule)) return std::nullopt;
  return failed_at + kSchedule[attempt - 1];
}

Result<std::string> LogIdentity(const Log& log) {
  JEM_ASSIGN_OR_RETURN(auto first, log.ReadAll(1, 1));
  if (first.empty()) return Status::FailedPrecondition("the log is empty: it has no identity yet");
  return ToHex(first.front().hash()).substr(0, 16);
}

}  // namespace jem::reminders
