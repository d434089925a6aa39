// Promises against delivery, per partner agency: of the actions it led when they were agreed,
// how many it completed by the original date, late (and by how many days), by a revised
// date; how often they were re-dated; what it handed to others and received from them; what
// it dropped; what is still open and overdue. Each action's promise (agreed, re-dated,
// completed on time or late) counts for the agency that promised it (its first lead); what
// became of it counts for the agency that held it: delivered for the lead when it was
// completed, dropped for the lead that dropped it, open and overdue for the lead that has it
// now; handed away and received for both sides of each reassignment. Every count adds one to
// exactly one row and to the totals. Computed from a read model, so it is "as of" whatever
// day that model is (docs/audit.md has a worked example).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "projections/read_model.h"

namespace jem::audit {

struct PromiseQuery {
  std::string borough;  // a borough's code or name; "" for all
  std::string theme;    // "" for all
  uint32_t round = 0;   // 0 for all
  std::string by;       // "" (per agency), or "borough", "theme" or "round": per agency and that
};

// {"as_of", "rows": [{agency, (group), agreed, completed_on_time, completed_late, slip_days,
// slips [{reference, days}], completed_by_revised_date, redated, redates, reassigned_away,
// received, dropped, open, overdue, delivered, delivered_late}], "totals"}. `today` is the day
// overdue is judged against. Errors: a malformed filter (kInvalidArgument, on its field).
Result<nlohmann::ordered_json> Promises(const ReadModel& model, const PromiseQuery& query, std::chrono::sys_days today);

}  // namespace jem::audit
