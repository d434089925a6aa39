// The follow-up report in the pages' colours and as an HTML paper; and the API's route for
// the report in each of its formats, which include that paper.
#include "api/web/follow_up.h"

#include "api/answer.h"
#include "api/handlers.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "engine/access_policy.h"
#include "projections/papers/follow_up.h"

namespace jem::api::web {
namespace {

// The GOV.UK tag colour of a RAG rating; the tag's words say the same.
std::string RagTag(const std::string& rag) {
  return rag == "red" ? "govuk-tag--red" : rag == "amber" ? "govuk-tag--yellow" : rag == "green" ? "govuk-tag--green" : "govuk-tag--grey";
}

}  // namespace

nlohmann::json FollowUpPaper(const views::FollowUp& report) {
  nlohmann::json paper = papers::FollowUpPaper(report);
  for (size_t i = 0; i < report.actions.size(); ++i) paper["actions"][i]["tag_class"] = RagTag(report.actions[i].rag);
  return paper;
}

std::string FollowUpHtml(const views::FollowUp& report) { return RenderPaper("follow_up", FollowUpPaper(report)); }

void FollowUpReport(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  const std::string format = ex.req.has_param("format") ? ex.Query("format") : "json";
  static const std::map<std::string, std::string> kTypes = {{"json", "application/json; charset=utf-8"},
                                                            {"csv", "text/csv; charset=utf-8"},
                                                            {"md", "text/markdown; charset=utf-8"},
                                                            {"html", "text/html; charset=utf-8"}};
  auto type = kTypes.find(format);
  if (type == kTypes.end()) {
    return SendError(ex.res, 400, "format '" + format.substr(0, 40) + "' is not one of json, csv, md, html");
  }
  auto asked = ex.AsOfAsked();
  if (!asked.ok()) return SendError(ex.res, asked.status());
  views::Day day = ex.Today();  // the day the report is as of
  auto report_of = [&](const ReadModel& m, views::Day as_of) -> Result<views::FollowUp> {
    day = as_of;
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::FollowUpReport(part, id, as_of);
  };
  // What one meeting recorded by a day is in its own streams: no need to fold the whole log.
  auto recorded_then = [&]() -> Result<views::FollowUp> {
    JEM_ASSIGN_OR_RETURN(auto model, MeetingModelAsOf(ex.s.log, id, (*asked)->day));
    return report_of(model, (*asked)->day);
  };
  auto report = *asked && (*asked)->basis == audit::Basis::kRecorded ? recorded_then() : ex.ReadViews(report_of);
  if (!report.ok()) return SendError(ex.res, report.status());
  if (format == "json") {
    Json answer = views::ToJson(*report);
    Exchange::StateAsOf(&answer, day, *asked);
    return SendJson(ex.res, answer);
  }
  ex.res.set_content(format == "csv"  ? papers::FollowUpCsv(*report)
                     : format == "md" ? papers::FollowUpMarkdown(*report)
                                      : FollowUpHtml(*report),
                     type->second);
}

}  // namespace jem::api::web
