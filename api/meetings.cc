// A meeting's summary of agreed actions and its six-month follow-up report, as the caller
// may see them. (Commands on meetings: commands.cc.)
#include "api/answer.h"
#include "api/handlers.h"
#include "api/commands.h"
#include "api/web/report_formats.h"
#include "engine/publication.h"
#include "engine/access_policy.h"
#include "projections/reference.h"

namespace jem::api {

void MeetingSummary(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  auto summary = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<Json> {
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::MeetingSummary(part, id);
  });
  if (!summary.ok()) return SendError(ex.res, summary.status());
  SendJson(ex.res, *summary);
}

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
  auto report_of = [&](const ReadModel& m, views::Day day) -> Result<Json> {
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::FollowUpReport(part, id, day);
  };
  // What one meeting recorded by a day is in its own streams: no need to fold the whole log.
  auto recorded_then = [&]() -> Result<Json> {
    JEM_ASSIGN_OR_RETURN(auto model, MeetingModelAsOf(ex.s.log, id, (*asked)->day));
    JEM_ASSIGN_OR_RETURN(auto report, report_of(model, (*asked)->day));
    Exchange::StateAsOf(&report, (*asked)->day, *asked);
    return report;
  };
  auto report = *asked && (*asked)->basis == audit::Basis::kRecorded ? recorded_then() : ex.ReadViews(report_of);
  if (!report.ok()) return SendError(ex.res, report.status());
  if (format == "json") return SendJson(ex.res, *report);
  ex.res.set_content(format == "csv"  ? web::FollowUpCsv(*report)
                     : format == "md" ? web::FollowUpMarkdown(*report)
                                      : web::FollowUpHtml(*report),
                     type->second);
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
