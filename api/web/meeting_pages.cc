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

// Moving or cancelling a scheduled meeting, each form's fields named once.
constexpr const char* kReschedulePrefix = "reschedule-";
constexpr const char* kCancelPrefix = "cancel-";
std::vector<PageField> RescheduleFields() {
  using C = PageField::Control;
  return {DateField("date", "New date (optional)", "Leave empty to keep the day. For example, 24 6 2009", "new date"),
          {"start", C::kInput, "New start time (optional)", "24-hour, for example 15:00", "govuk-input--width-5"},
          {"end", C::kInput, "New end time (optional)", "24-hour, for example 17:00", "govuk-input--width-5"},
          {"room", C::kInput, "New room (optional)", "", "govuk-!-width-two-thirds"},
          {"reason", C::kTextArea, "Why it moves"}};
}
std::vector<PageField> CancelFields() { return {{"reason", PageField::Control::kTextArea, "Why it is cancelled"}}; }

// What the page a change leads to says was done (?changed=): fixed words, never the query's.
std::string ChangedWords(const std::string& changed) {
  if (changed == "scheduled") return "The meeting is scheduled.";
  if (changed == "rescheduled") return "The meeting is moved.";
  if (changed == "cancelled") return "The meeting is cancelled.";
  return "";
}

// Sends a refusal of a meeting's page: 404 for what is not there (or hidden), 422 for a
// report of a meeting not yet held.
void Refuse(Exchange& ex, const Status& why, const nlohmann::json& frame) {
  SendErrorPage(ex.res, HttpStatus(why.code()), why.message(), frame);
}

}  // namespace

void MeetingsPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Meetings", "/meetings");
  // Those still to be held (the first page of them: more are a sign to record outcomes), and
  // those held or cancelled, a page at a time.
  struct Lists {
    views::MeetingList scheduled, past;
  };
  auto listed = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<Lists> {
    const auto open = access::MeetingsOpenTo(ex.caller);
    auto scheduled = [&](const MeetingState& s, bool wanted) {
      return (s.status == MeetingState::Status::kScheduled) == wanted && (!open || open(s));
    };
    return Lists{views::MeetingsOf(m, [&](const MeetingState& s) { return scheduled(s, true); }, {}),
                 views::MeetingsOf(m, [&](const MeetingState& s) { return scheduled(s, false); }, ListPage(ex))};
  });
  if (!listed.ok()) return Refuse(ex, listed.status(), frame);
  const bool records = Offers(ex, "GET", "/meetings/record");
  auto rows = [&](const views::MeetingList& list) {
    nlohmann::json meetings = nlohmann::json::array();
    for (const views::MeetingItem& m : list.meetings) {
      meetings.push_back({{"meeting", m.meeting}, {"borough", reference::BoroughWords(m.borough)}, {"round", std::to_string(m.round)},
                          {"theme", reference::ThemeWordsOf(m.theme)}, {"date", reference::WrittenDay(m.date)},
                          {"status", Sentence(m.status)},
                          {"held", m.status == "held"}, {"actions", std::to_string(m.actions)},
                          {"scheduled", m.status == "scheduled" && records}});
    }
    return meetings;
  };
  // Each list as the _meetings partial draws it; false when it is empty.
  auto table = [&](const views::MeetingList& list, const std::string& caption) {
    const nlohmann::json meetings = rows(list);
    return meetings.empty() ? nlohmann::json(false) : nlohmann::json{{"caption", caption}, {"meetings", meetings}};
  };
  SendPage(ex.res, RenderPage("meetings", {{"scheduled", table(listed->scheduled, "Scheduled meetings, latest first")},
                                           {"more_scheduled", listed->scheduled.next.has_value()},
                                           {"past", table(listed->past, "Meetings held or cancelled, latest first")},
                                           {"officer", records}, {"schedules", Offers(ex, "GET", "/meetings/schedule")},
                                           {"pagination", Pagination(ex, listed->past, "Pages of meetings")}},
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
                       {"supporting", fmt::format("{}", fmt::join(a.supporting, ", "))}, {"due", reference::WrittenDay(a.due)},
                       {"priority", Sentence(a.priority)}});
  }
  nlohmann::json practice = nlohmann::json::array();
  for (const views::GoodPractice& p : s.good_practice) {
    practice.push_back({{"id", p.id}, {"title", p.title}, {"description", p.description},
                        {"partners", fmt::format("{}", fmt::join(p.partners, ", "))}, {"contact", p.contact}});
  }
  nlohmann::json issues = nlohmann::json::array();
  for (const views::PanLondonIssue& i : s.pan_london_issues) {
    issues.push_back({{"id", i.id}, {"title", i.title}, {"description", i.description}, {"lead", i.lead}});
  }
  const std::string& status = s.status;
  // Feedback on the process, for those the route takes it from; a partner gives its own
  // agency's, an officer says which agency's.
  const bool gives_feedback = status == "held" && Offers(ex, "POST", "/meetings/" + id + "/feedback");
  const nlohmann::json feedback = form.Draw(FeedbackFields(ex.caller.role == Role::kOfficer), kFeedbackPrefix);
  const bool moves = status == "scheduled" && Offers(ex, "POST", "/meetings/" + id + "/reschedule");
  auto key = RandomHex();  // the feedback form, sent twice, is recorded once
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res, RenderPage("meeting", {{"meeting", id},
                                          {"idempotency", *key},
                                          {"gives_feedback", gives_feedback},
                                          {"feedback", feedback},
                                          {"feedback_given", ex.Query("feedback") == "given"},
                                          {"csrf", ex.csrf},
                                          {"borough", reference::BoroughWords(s.borough)},
                                          {"round", std::to_string(s.round)},
                                          {"theme", reference::ThemeWordsOf(s.theme)},
                                          {"date", reference::WrittenDay(s.date)},
                                          {"chair", s.chair},
                                          {"invited", fmt::format("{}", fmt::join(s.invited, ", "))},
                                          {"status", Sentence(status)},
                                          {"held", status == "held"},
                                          {"record", status == "scheduled" && Offers(ex, "GET", "/meetings/record")},
                                          {"brief", Offers(ex, "GET", "/meetings/" + id + "/brief")},
                                          {"recorded", ex.Query("recorded") == "true"},
                                          {"changed", ChangedWords(ex.Query("changed"))},
                                          {"moves", moves},
                                          {"reschedule", form.Draw(RescheduleFields(), kReschedulePrefix)},
                                          {"reschedule_open", !form.ErrorsUnder(kReschedulePrefix).empty()},
                                          {"cancel", form.Draw(CancelFields(), kCancelPrefix)},
                                          {"cancel_open", !form.ErrorsUnder(kCancelPrefix).empty()},
                                          {"start", reference::WrittenTime(s.start)},
                                          {"end", reference::WrittenTime(s.end)},
                                          {"room", s.room},
                                          {"attendees", views::ToJson(s.attendees)},
                                          {"decisions", s.decisions},
                                          {"actions", actions},
                                          {"has_actions", !actions.empty()},
                                          {"practice", practice},
                                          {"issues", issues}},
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

namespace {

// Sends one of the meeting page's forms (`fields` under `prefix`) as `command_form` reads it;
// on success, back to the page saying what `changed`, else the page with what was wrong.
void SendMeetingForm(Exchange& ex, const std::vector<PageField>& fields, const char* prefix, const Form& command_form,
                     const std::string& changed) {
  FormState form(ex.req);
  const nlohmann::json values = form.Read(fields, command_form, prefix);
  auto command = ReadFields(command_form, values, ex.Param("meeting"), "the form");
  if (command.ok() && form.ok()) {
    auto outcome = RunForm(ex, form, std::move(*command));
    if (outcome.ok()) return SeeOther(ex.res, "/meetings/" + ex.Param("meeting") + "?changed=" + changed);
    command = outcome.status();
  }
  if (!command.ok()) form.AddError(command.status(), prefix, std::string(prefix) + "reason");
  ShowMeeting(ex, form, command.ok() ? 400 : HttpStatus(command.status().code()));
}

}  // namespace

void RescheduleMeetingPage(Exchange& ex) {
  SendMeetingForm(ex, RescheduleFields(), kReschedulePrefix, RescheduleMeetingForm(), "rescheduled");
}

void CancelMeetingPage(Exchange& ex) { SendMeetingForm(ex, CancelFields(), kCancelPrefix, CancelMeetingForm(), "cancelled"); }

void FeedbackPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Feedback", "/feedback");
  auto listed = ex.ReadViews([&](const ReadModel& m, views::Day) -> Result<views::FeedbackList> {
    return views::FeedbackOf(m, access::MeetingsOpenTo(ex.caller), ListPage(ex));
  });
  if (!listed.ok()) return Refuse(ex, listed.status(), frame);
  const views::FeedbackList& list = *listed;
  nlohmann::json items = nlohmann::json::array();
  for (const views::FeedbackItem& f : list.feedback) {
    items.push_back({{"meeting", f.meeting}, {"borough", reference::BoroughWords(f.borough)}, {"day", reference::WrittenDay(f.day)},
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
