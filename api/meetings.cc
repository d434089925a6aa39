// A meeting's summary of agreed actions, as the caller may see it, and the follow-up
// report's publication. (The report itself: api/web/follow_up.cc; commands on meetings:
// commands.cc.)
#include "api/answer.h"
#include "api/handlers.h"
#include "api/commands.h"
#include "engine/publication.h"
#include "engine/access_policy.h"
#include "projections/reference.h"

namespace jem::api {

void MeetingSummary(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  auto summary = ex.ReadViewAnswer([&](const ReadModel& m, views::Day) -> Result<views::SummaryOfAgreedActions> {
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::MeetingSummary(part, id);
  });
  if (!summary.ok()) return SendError(ex.res, summary.status());
  SendJson(ex.res, *summary);
}

void PublishFollowUp(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  auto command = ReadBody(ex, id);
  if (!command) return;
  const auto& asked = std::get<command::PublishFollowUp>(*command);
  auto day = asked.as_of.empty() ? Result<views::Day>(ex.Today()) : reference::ParseDate(asked.as_of, "as_of");
  if (!day.ok()) return SendError(ex.res, day.status().OnField("as_of"));
  auto publication = FollowUpPublication(ex.s.log, id, *day, asked.summary);
  if (!publication.ok()) return SendError(ex.res, publication.status());
  Execute(ex, {Step{publication->command, std::nullopt}});
}

}  // namespace jem::api
