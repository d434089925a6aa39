// How the actions stand (views::CountActions) as CSV, for partners' spreadsheets and
// performance tools: one row per agency, borough and in all, columns that never change.
#pragma once

#include <string>

#include "projections/views.h"

namespace jem::papers {

// Header `as_of,by,key,name,open,overdue,blocked,due_this_month`; `by` is all, agency or
// borough; `as_of` (YYYY-MM-DD) the day the counts are of, on every row.
std::string CountsCsv(const views::ActionCounts& counts, std::string_view as_of);

}  // namespace jem::papers
