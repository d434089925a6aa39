#include "projections/papers/counts.h"

#include <sstream>

#include "projections/plain_text.h"

namespace jem::papers {

std::string CountsCsv(const views::ActionCounts& counts, std::string_view as_of) {
  std::ostringstream out;
  out << "as_of,by,key,name,open,overdue,blocked,due_this_month\n";
  auto row = [&](std::string_view by, const views::StandingCounts& c) {
    using text::CsvField;
    out << CsvField(as_of) << ',' << by << ',' << CsvField(c.key) << ',' << CsvField(c.name) << ',' << c.open << ','
        << c.overdue << ',' << c.blocked << ',' << c.due_this_month << "\n";
  };
  row("all", counts.all);
  for (const auto& c : counts.agencies) row("agency", c);
  for (const auto& c : counts.boroughs) row("borough", c);
  return out.str();
}

}  // namespace jem::papers
