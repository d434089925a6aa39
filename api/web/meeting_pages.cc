// The meetings: the list, each meeting's summary of agreed actions (printable, to circulate
// to the attendees), and its six-month follow-up report (the committee paper, printable on
// A4, downloadable as CSV, Markdown and JSON). A partner sees the meetings its agency took
// part in, and in them only what the access policy lets it see.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "api/answer.h"
#include "api/handlers.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/web/follow_up.h"
#include "projections/papers/follow_up.h"
#include "api/sessions.h"
#include "api/commands.h"
#include "engine/access_policy.h"
#include "engine/command_forms.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// The feedback form's fields, each named once; `from` (which agency's it is) for officers.
constexpr const char* kFeedbackPrefix = "feedback-";
std::vector<PageField> FeedbackFields(bool from) {
  using C = PageField::Control;
  std::vector<PageField> fields;
  if (from) fields.push_back({"from", C::kSelect, "From", "", "", AgencyOptions("Choose an agency")});
  fields.push_back({"positive", C::kTextArea, "What worked"});
  fields.push_back({"suggestions", C::kTextArea, "What could be better"});
  fields.push_back(DateField("happened_on", "When was it given? (optional)",
                             "Leave empty if it was given today. For example, 27 9 2026", "day it was given"));
  return fields;
}

std::string BoroughName(const std::string& code) {
  auto b = reference::FindBorough(code);
  return b.ok() ? std::string(b->name) : code;
}

// Sends a refusal of a meeting's page: 404 for what is not there (or hidden), 422 for a
// report of a meeting not yet held.
void Refuse(Exchange& ex, const Status& why, const nlohmann::json& frame) {
  SendErrorPage(ex.res, HttpStatus(why.code()), why.message(), frame);
}

}  // namespace

void MeetingsPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Meetings", "/meetings");
  auto listed = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<views::MeetingList> {
    return views::MeetingsOf(m, access::MeetingsOpenTo(ex.caller), ListPage(ex));
  });
  if (!listed.ok()) return Refuse(ex, listed.status(), frame);
  const views::MeetingList& list = *listed;
  const bool records = Offers(ex, "GET", "/meetings/record");
  nlohmann::json meetings = nlohmann::json::array();
  for (const views::MeetingItem& m : list.meetings) {
    meetings.push_back({{"meeting", m.meeting}, {"borough", BoroughName(m.borough)}, {"round", std::to_string(m.round)},
                        {"theme", reference::ThemeWordsOf(m.theme)}, {"date", m.date}, {"status", Sentence(m.status)},
                        {"held", m.status == "held"}, {"actions", std::to_string(m.actions)},
                        {"scheduled", m.status == "scheduled" && records}});
  }
  SendPage(ex.res, RenderPage("meetings", {{"meetings", meetings}, {"any", !meetings.empty()},
                                           {"officer", records},
                                           {"pagination", Pagination(ex, list, "Pages of meetings")}},
                              frame));
}

namespace {

// The meeting's page; `form` is the feedback form as sent, with what was wrong with it.
void ShowMeeting(Exchange& ex, const FormState& form, int http_status) {
  const std::string& id = ex.Param("meeting");
  nlohmann::json frame = Frame(ex, id, "/meetings");
  auto summary = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<views::SummaryOfAgreedActions> {
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::MeetingSummary(part, id);
  });
  if (!summary.ok()) return Refuse(ex, summary.status(), frame);
  const views::SummaryOfAgreedActions& s = *summary;
  nlohmann::json actions = nlohmann::json::array();
  for (const views::AgreedAction& a : s.actions) {
    actions.push_back({{"reference", a.reference}, {"text", a.text}, {"lead", a.lead},
                       {"supporting", fmt::format("{}", fmt::join(a.supporting, ", "))}, {"due", a.due},
                       {"priority", Sentence(a.priority)}});
  }
  const std::string& status = s.status;
  // Feedback on the process, for those the route takes it from; a partner gives its own
  // agency's, an officer says which agency's.
  const bool gives_feedback = status == "held" && Offers(ex, "POST", "/meetings/" + id + "/feedback");
  const nlohmann::json feedback = form.Draw(FeedbackFields(ex.caller.role == Role::kOfficer), kFeedbackPrefix);
  auto key = RandomHex();  // the feedback form, sent twice, is recorded once
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res, RenderPage("meeting", {{"meeting", id},
                                          {"idempotency", *key},
                                          {"gives_feedback", gives_feedback},
                                          {"feedback", feedback},
                                          {"feedback_given", ex.Query("feedback") == "given"},
                                          {"csrf", ex.csrf},
                                          {"borough", BoroughName(s.borough)},
                                          {"round", std::to_string(s.round)},
                                          {"theme", reference::ThemeWordsOf(s.theme)},
                                          {"date", s.date},
                                          {"chair", s.chair},
                                          {"status", Sentence(status)},
                                          {"held", status == "held"},
                                          {"record", status == "scheduled" && Offers(ex, "GET", "/meetings/record")},
                                          {"recorded", ex.Query("recorded") == "true"},
                                          {"attendees", views::ToJson(s.attendees)},
                                          {"decisions", s.decisions},
                                          {"actions", actions},
                                          {"has_actions", !actions.empty()}},
                              frame),
           http_status);
}

}  // namespace

void MeetingPage(Exchange& ex) { ShowMeeting(ex, FormState(), 200); }

void GiveFeedbackPage(Exchange& ex) {
  FormState form(ex.req);
  // Read with "from" whoever sent it: the rules, not the page, say whose feedback a partner gives.
  const nlohmann::json fields = form.Read(FeedbackFields(true), GiveFeedbackForm(), kFeedbackPrefix);
  auto command = ReadFields(GiveFeedbackForm(), fields, ex.Param("meeting"), "the form");
  if (command.ok()) {
    size_t failed = 0;
    auto outcome = Append(ex, FormContext(ex, form.Value("idempotency")), {Step{std::move(*command), std::nullopt}}, &failed);
    if (outcome.ok()) {
      SeeOther(ex.res, "/meetings/" + ex.Param("meeting") + "?feedback=given");
      return;
    }
    command = outcome.status();
  }
  form.AddError(command.status(), kFeedbackPrefix, std::string(kFeedbackPrefix) + "positive");
  ShowMeeting(ex, form, HttpStatus(command.status().code()));
}

void FeedbackPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Feedback", "/feedback");
  auto listed = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<views::FeedbackList> {
    return views::FeedbackOf(m, access::MeetingsOpenTo(ex.caller), ListPage(ex));
  });
  if (!listed.ok()) return Refuse(ex, listed.status(), frame);
  const views::FeedbackList& list = *listed;
  nlohmann::json items = nlohmann::json::array();
  for (const views::FeedbackItem& f : list.feedback) {
    items.push_back({{"meeting", f.meeting}, {"borough", BoroughName(f.borough)}, {"day", f.day},
                     {"agency", f.agency}, {"positive", f.positive}, {"suggestions", f.suggestions}});
  }
  SendPage(ex.res, RenderPage("feedback", {{"items", items}, {"any", !items.empty()},
                                           {"count", std::to_string(list.count)},
                                           {"pagination", Pagination(ex, list, "Pages of feedback")}},
                              frame));
}

void FollowUpPage(Exchange& ex) {
  const std::string& id = ex.Param("meeting");
  nlohmann::json frame = Frame(ex, "Six-month follow-up report: " + id, "/meetings");
  const std::string format = ex.req.has_param("format") ? ex.Query("format") : "page";
  static const std::map<std::string, std::pair<std::string, std::string>> kDownloads = {
      {"csv", {"text/csv; charset=utf-8", "csv"}},
      {"md", {"text/markdown; charset=utf-8", "md"}},
      {"json", {"application/json; charset=utf-8", "json"}}};
  auto download = kDownloads.find(format);
  if (format != "page" && download == kDownloads.end()) {
    return SendErrorPage(ex.res, 400, "There is no '" + format.substr(0, 20) + "' download; choose CSV, Markdown or JSON",
                         frame);
  }
  auto report = ex.ReadViews([&](const ReadModel& m, views::Day day) -> Result<views::FollowUp> {
    JEM_ASSIGN_OR_RETURN(auto part, access::MeetingPart(ex.caller, m, id));
    return views::FollowUpReport(part, id, day);
  });
  if (!report.ok()) return Refuse(ex, report.status(), frame);
  if (download != kDownloads.end()) {
    ex.res.set_header("Content-Disposition", "attachment; filename=\"" + id + "-follow-up." + download->second.second + "\"");
    ex.res.set_header("Cache-Control", "no-store");
    ex.res.set_content(format == "csv"  ? papers::FollowUpCsv(*report)
                       : format == "md" ? papers::FollowUpMarkdown(*report)
                                        : Dump(views::ToJson(*report)),
                       download->second.first);
    return;
  }
  nlohmann::json data = FollowUpPaper(*report);
  data["downloads"] = true;
  SendPage(ex.res, RenderPage("follow_up", data, frame));
}

}  // namespace jem::api::web
