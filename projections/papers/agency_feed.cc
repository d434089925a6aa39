#include "projections/papers/agency_feed.h"

#include <sstream>

#include "projections/papers/lines.h"
#include "projections/plain_text.h"

namespace jem::papers {

std::string AgencyFeedCsv(const feed::AgencyFeed& feed) {
  using text::CsvField;
  std::ostringstream out;
  out << kAgencyFeedHeader << "\n";
  for (const feed::FeedAction& a : feed.actions) {
    out << feed.as_of << ',' << CsvField(feed.agency) << ',' << CsvField(a.reference) << ',' << CsvField(a.meeting) << ','
        << CsvField(a.borough) << ',' << a.round << ',' << CsvField(a.theme) << ',' << a.role << ',' << CsvField(a.lead)
        << ',' << CsvField(Join(a.supporting, " ")) << ',' << CsvField(a.priority) << ',' << CsvField(a.promised_by)
        << ',' << CsvField(a.promised_due) << ',' << CsvField(a.due) << ',' << a.redates << ',' << CsvField(a.status)
        << ',' << (a.blocked ? "true" : "false") << ',' << a.days_overdue << ',' << a.rag << ','
        << CsvField(a.last_update) << ',' << CsvField(a.text) << "\n";
  }
  return out.str();
}

}  // namespace jem::papers
