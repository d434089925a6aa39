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
#include <vector>

#include "projections/described.h"
#include "projections/read_model.h"

namespace jem::audit {

struct PromiseQuery {
  std::string borough;  // a borough's code or name; "" for all
  std::string theme;    // "" for all
  uint32_t round = 0;   // 0 for all
  std::string by;       // "" (per agency), or "borough", "theme" or "round": per agency and that
};

// A late completion: the action and the days past its original due date.
struct PromiseSlip {
  std::string reference;
  int64_t days = 0;
  static constexpr std::string_view kName = "PromiseSlip";
  static constexpr auto kFields = std::tuple{views::Field{"reference", &PromiseSlip::reference},
                                             views::Field{"days", &PromiseSlip::days}};
};

// What agencies promised and delivered, counted as the header says.
struct PromiseCounts {
  uint64_t agreed = 0, completed_on_time = 0, completed_late = 0;
  int64_t slip_days = 0;
  std::vector<PromiseSlip> slips;
  uint64_t completed_by_revised_date = 0, redated = 0, redates = 0, reassigned_away = 0, received = 0, dropped = 0,
           open = 0, overdue = 0, delivered = 0, delivered_late = 0;
  static constexpr std::string_view kName = "PromiseCounts";
  static constexpr auto kFields = std::tuple{
      views::Field{"agreed", &PromiseCounts::agreed},
      views::Field{"completed_on_time", &PromiseCounts::completed_on_time},
      views::Field{"completed_late", &PromiseCounts::completed_late},
      views::Field{"slip_days", &PromiseCounts::slip_days},
      views::Field{"slips", &PromiseCounts::slips},
      views::Field{"completed_by_revised_date", &PromiseCounts::completed_by_revised_date},
      views::Field{"redated", &PromiseCounts::redated, "actions re-dated at least once"},
      views::Field{"redates", &PromiseCounts::redates, "times they were re-dated"},
      views::Field{"reassigned_away", &PromiseCounts::reassigned_away},
      views::Field{"received", &PromiseCounts::received},
      views::Field{"dropped", &PromiseCounts::dropped},
      views::Field{"open", &PromiseCounts::open},
      views::Field{"overdue", &PromiseCounts::overdue},
      views::Field{"delivered", &PromiseCounts::delivered},
      views::Field{"delivered_late", &PromiseCounts::delivered_late}};
};

// An agency's counts, and the group of the row when the query asked for one (`by`).
struct PromiseRow : PromiseCounts {
  std::string agency;
  views::Omittable<std::string> borough, theme, round;
  static constexpr std::string_view kName = "PromiseRow";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{views::Field{"agency", &PromiseRow::agency}, views::Field{"borough", &PromiseRow::borough},
                 views::Field{"theme", &PromiseRow::theme}, views::Field{"round", &PromiseRow::round}},
      PromiseCounts::kFields);
};

struct PromisesView {
  std::string as_of;  // the day overdue is judged against, YYYY-MM-DD
  std::vector<PromiseRow> rows;
  PromiseCounts totals;
  static constexpr std::string_view kName = "Promises";
  static constexpr auto kFields = std::tuple{views::Field{"as_of", &PromisesView::as_of},
                                             views::Field{"rows", &PromisesView::rows},
                                             views::Field{"totals", &PromisesView::totals}};
};

// The rows by agency (and group), in order, and the totals. `today` is the day overdue is
// judged against. Errors: a malformed filter (kInvalidArgument, on its field).
Result<PromisesView> Promises(const ReadModel& model, const PromiseQuery& query, std::chrono::sys_days today);

}  // namespace jem::audit
