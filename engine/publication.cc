#include "engine/publication.h"

#include "projections/reference.h"
#include "projections/views.h"

namespace jem {

Result<Publication> FollowUpPublication(const Log& log, const std::string& meeting_id, std::chrono::sys_days as_of,
                                        const std::string& summary) {
  JEM_ASSIGN_OR_RETURN(auto model, MeetingModelAsOf(log, meeting_id, as_of));
  JEM_ASSIGN_OR_RETURN(auto report, views::FollowUpReport(model, meeting_id, as_of));
  Publication p{views::ToJson(report).dump(2) + "\n", {meeting_id, reference::FormatDate(as_of), summary, {}}};
  p.command.report_sha256 = Sha256({reinterpret_cast<const uint8_t*>(p.report.data()), p.report.size()});
  return p;
}

}  // namespace jem
