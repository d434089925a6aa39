// The brief (data pack) of a JEM: the API's route in each format (its HTML is a paper) and
// its page, with downloads. Officers and auditors read it; partners are sent it.
#include "api/web/brief.h"

#include "api/answer.h"
#include "api/handlers.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "projections/papers/brief.h"

namespace jem::api::web {
namespace {

// The brief `ex` asks for: of its {meeting}, as of the day asked (or today).
Result<brief::Brief> BriefAsked(Exchange& ex) {
  return ex.ReadViews([&](const ReadModel& m, views::Day day) { return brief::BriefOf(m, ex.Param("meeting"), day); });
}

}  // namespace

std::string BriefHtml(const brief::Brief& brief) { return RenderPaper("brief", papers::BriefPaper(brief)); }

void MeetingBrief(Exchange& ex) {
  const std::string format = ex.req.has_param("format") ? ex.Query("format") : "json";
  if (format != "json" && format != "md" && format != "html") {
    return SendError(ex.res, 400, "format '" + format.substr(0, 40) + "' is not one of json, md, html");
  }
  if (format == "json") {  // saying which state it shows (as_of, basis)
    auto answer = ex.ReadViewAnswer([&](const ReadModel& m, views::Day day) { return brief::BriefOf(m, ex.Param("meeting"), day); });
    return answer.ok() ? SendJson(ex.res, *answer) : SendError(ex.res, answer.status());
  }
  auto brief = BriefAsked(ex);
  if (!brief.ok()) return SendError(ex.res, brief.status());
  if (format == "md") return ex.res.set_content(papers::BriefMarkdown(*brief), "text/markdown; charset=utf-8");
  ex.res.set_content(BriefHtml(*brief), "text/html; charset=utf-8");
}

void BriefPage(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  nlohmann::json frame = Frame(ex, "Brief: " + id, "/meetings");
  const std::string format = ex.req.has_param("format") ? ex.Query("format") : "page";
  if (format != "page" && format != "md" && format != "json") {
    return SendErrorPage(ex.res, 400, "There is no '" + format.substr(0, 20) + "' download; choose Markdown or JSON", frame);
  }
  auto brief = BriefAsked(ex);
  if (!brief.ok()) return SendErrorPage(ex.res, HttpStatus(brief.status().code()), brief.status().message(), frame);
  if (format != "page") {
    ex.res.set_header("Content-Disposition", "attachment; filename=\"" + id + "-brief." + format + "\"");
    ex.res.set_header("Cache-Control", "no-store");
    return format == "md" ? ex.res.set_content(papers::BriefMarkdown(*brief), "text/markdown; charset=utf-8")
                          : ex.res.set_content(Dump(views::ToJson(*brief)), "application/json; charset=utf-8");
  }
  nlohmann::json data = papers::BriefPaper(*brief);
  data["downloads"] = true;
  SendPage(ex.res, RenderPage("brief", data, frame));
}

}  // namespace jem::api::web
