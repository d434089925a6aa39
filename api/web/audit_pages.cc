// The auditor's pages: finding a record's history; the history itself, with what each event
// changed; what was recorded late for a day; promises against delivery; who saw an action.
#include <algorithm>

#include "api/answer.h"
#include "api/commands.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "engine/audit/who_saw.h"
#include "projections/audit/as_of.h"
#include "projections/audit/history.h"
#include "projections/audit/promises.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

std::string Text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_array()) return v.dump();
  std::string out;  // a list in words: "TfL, Council"
  for (const auto& item : v) out += (out.empty() ? "" : ", ") + Text(item);
  return out;
}

}  // namespace

void AuditPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Audit", "/audit");
  FormState form;
  const Options options = {{"action", "Action"}, {"meeting", "Meeting"}, {"practice", "Good practice"},
                           {"issue", "Pan-London issue"}};
  const std::string kind = ex.Query("kind"), record = ex.Query("record");
  if (!kind.empty() || !record.empty()) {
    // The lookup form: go to the history it names, or say what is wrong with it.
    const Route* route = ex.s.routes.Find("GET", "/audit/history/" + kind + "/" + record).route;
    if (route != nullptr) return SeeOther(ex.res, "/audit/history/" + kind + "/" + record);
    form.Set("kind", kind.substr(0, 20));
    form.Set("record", record.substr(0, 40));
    form.AddError("record", "Enter a reference such as CAM-2009-03, or a meeting's id such as CAM-20090616");
    form.ShowErrors(frame);
  }
  const nlohmann::json fields = {form.Select("kind", "Kind of record", options),
                                 form.Input("record", "Reference or id", "For example, CAM-2009-01 or CAM-20090616",
                                            "govuk-input--width-20")};
  SendPage(ex.res, RenderPage("audit", {{"fields", fields}}, frame), form.ok() ? 200 : 400);
}

void HistoryPage(Exchange& ex) {
  const std::string& id = ex.Param("record");
  nlohmann::json frame = Frame(ex, "History of " + id, "/audit");
  auto kind = audit::ParseRecordKind(ex.Param("kind"));
  if (!kind.ok()) return SendErrorPage(ex.res, 404, kind.status().message(), frame);
  const size_t after = CountedListPage(ex);
  auto history = ex.s.views.Read(
      [&](const ReadModel& m) { return audit::HistoryOf(ex.s.log, *kind, id, &m.reminders, after, kListPageSize); });
  if (!history.ok()) return SendErrorPage(ex.res, HttpStatus(history.status().code()), history.status().message(), frame);
  nlohmann::json entries = nlohmann::json::array();
  for (const audit::HistoryEntry& e : history->entries) {
    nlohmann::json changes = nlohmann::json::array();
    for (const audit::FieldChange& c : e.changes ? *e.changes : std::vector<audit::FieldChange>()) {
      std::string from, to;
      if (c.added) {
        for (const auto& item : *c.added) to += (to.empty() ? "" : "; ") + Text(item);
        from = "(added)";
      } else if (!c.from) {  // what the record was created with
        to = Text(*c.to);
      } else {
        from = c.from->is_null() || Text(*c.from).empty() ? "(none)" : Text(*c.from);
        to = Text(*c.to).empty() ? "(none)" : Text(*c.to);
      }
      std::string field = c.field;
      std::replace(field.begin(), field.end(), '_', ' ');  // "original_due" -> "Original due"
      changes.push_back({{"field", Sentence(field)}, {"from", from}, {"to", to}, {"set", !c.from && !c.added}});
    }
    nlohmann::json entry = {
        {"number", std::to_string(after + entries.size() + 1)},  // names its table of changes, one of many
        {"position", e.position ? std::to_string(*e.position) : ""},
        {"what", e.what},
        {"detail", e.detail},
        {"who", e.actor.user + " (" + e.actor.role + ")"},
        {"happened", e.occurred_at.substr(0, 10)},
        {"datetime", DatetimeAttribute(e.occurred_at)},
        {"recorded", reference::WrittenInstantOf(e.recorded_at)},
        {"late", e.days_late > 0 ? nlohmann::json(std::to_string(e.days_late) + (e.days_late == 1 ? " day" : " days"))
                                 : nlohmann::json(false)},
        {"changes", changes},
        {"has_changes", !changes.empty()},
        {"corrects", e.corrects ? nlohmann::json(std::to_string(e.corrects->position) + " (" + e.corrects->type + ")")
                                : nlohmann::json(false)},
        {"to", e.to ? nlohmann::json(*e.to + ": " + e.delivery.value_or("")) : nlohmann::json(false)}};
    entries.push_back(std::move(entry));
  }
  const std::string kind_name(audit::RecordKindName(*kind));
  const std::string link = *kind == audit::RecordKind::kAction    ? "/actions/" + id
                           : *kind == audit::RecordKind::kMeeting ? "/meetings/" + id
                                                                  : "";
  SendPage(ex.res, RenderPage("audit_history", {{"kind", kind_name}, {"id", id}, {"entries", entries},
                                                {"count", std::to_string(history->count)},
                                                {"page_size", std::to_string(kListPageSize)},
                                                {"link", link.empty() ? nlohmann::json(false) : nlohmann::json(link)},
                                                {"pagination", Pagination(ex, *history, "Pages of the history", true)}},
                              frame));
}

void LatePage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Recorded late", "/audit");
  FormState form;
  const auto day = DayFilter(ex, form, "date", "day");
  nlohmann::json data = {{"shown", false}};
  if (day) {
    auto turn = ex.s.past.Turn({ex.caller.role, ex.token_id});  // two folds of the log: in the caller's turn
    if (!turn.ok()) return SendErrorPage(ex.res, HttpStatus(turn.status().code()), turn.status().message(), frame);
    auto both = audit::BothAsOf(ex.s.log, *day);
    if (!both.ok()) return SendErrorPage(ex.res, 500, both.status().message(), frame);
    const auto diff = audit::Difference(*both, *day);
    nlohmann::json late = nlohmann::json::array();
    for (const audit::LateRecordRow& r : diff.late) {
      const std::string subject = r.stream.substr(r.stream.find('-') + 1), kind = r.stream.substr(0, r.stream.find('-'));
      late.push_back({{"position", std::to_string(r.position)}, {"kind", kind}, {"subject", subject}, {"type", r.type},
                      {"happened", r.occurred_at.substr(0, 10)}, {"recorded", r.recorded_at.substr(0, 10)},
                      {"days", std::to_string(r.days_late)}, {"history", kind != "round"}});
    }
    nlohmann::json actions = nlohmann::json::array();
    for (const audit::StatusThenAndNow& a : diff.actions) {
      actions.push_back({{"reference", a.reference}, {"recorded", Sentence(a.recorded)}, {"happened", Sentence(a.happened)}});
    }
    data = {{"shown", true}, {"day", reference::WrittenDate(*day)}, {"late", late}, {"any_late", !late.empty()},
            {"count", std::to_string(diff.count)}, {"max", std::to_string(diff.days_late_max)}, {"actions", actions},
            {"truncated", diff.truncated}, {"any_actions", !actions.empty()}};
  }
  form.ShowErrors(frame);
  data["fields"] = nlohmann::json::array({form.DateInput("date", "Day", "For example, 31 12 2009")});
  SendPage(ex.res, RenderPage("audit_late", data, frame), form.ok() ? 200 : 400);
}

void PromisesPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Promises against delivery", "/audit");
  FormState form;
  for (const char* name : {"borough", "theme", "round", "by"}) form.Set(name, ex.Query(name).substr(0, 40));
  audit::PromiseQuery query{form.Value("borough"), form.Value("theme"), 0, form.Value("by")};
  if (!form.Value("round").empty()) {
    auto n = ParseWholeNumber(form.Value("round"), "The round", UINT32_MAX);
    if (n.ok()) query.round = uint32_t(*n);
    else form.AddError("round", n.status().message());
  }
  auto promises = form.ok() ? ex.ReadViews([&](const ReadModel& m, views::Day day) { return audit::Promises(m, query, day); })
                            : Result<audit::PromisesView>(Status::InvalidArgument("the round"));
  if (!promises.ok() && form.ok()) form.AddError(promises.status(), "", "borough");
  form.ShowErrors(frame);
  nlohmann::json rows = nlohmann::json::array();
  auto row_of = [&](const audit::PromiseCounts& r, const std::string& name) {
    auto n = [](auto count) { return std::to_string(count); };
    return nlohmann::json{{"name", name},
                          {"agreed", n(r.agreed)},
                          {"on_time", n(r.completed_on_time)},
                          {"late", n(r.completed_late)},
                          {"slip", n(r.slip_days)},
                          {"revised", n(r.completed_by_revised_date)},
                          {"redated", n(r.redated) + " (" + n(r.redates) + " times)"},
                          {"away", n(r.reassigned_away)},
                          {"received", n(r.received)},
                          {"dropped", n(r.dropped)},
                          {"open", n(r.open)},
                          {"overdue", n(r.overdue)},
                          {"delivered", n(r.delivered)}};
  };
  if (promises.ok()) {
    for (const audit::PromiseRow& r : promises->rows) {
      const auto& group = r.borough ? r.borough : r.theme ? r.theme : r.round;
      rows.push_back(row_of(r, group ? r.agency + ", " + query.by + " " + *group : r.agency));
    }
  }
  const Options themes = ThemeOptions("Any");
  const nlohmann::json fields = {
      form.Input("borough", "Borough", "A name or code", "govuk-input--width-20"), form.Select("theme", "Theme", themes),
      form.Input("round", "Round", "A number", "govuk-input--width-3"),
      form.Select("by", "Rows", {{"", "Per agency"}, {"borough", "Per agency and borough"},
                                 {"theme", "Per agency and theme"}, {"round", "Per agency and round"}})};
  SendPage(ex.res,
           RenderPage("audit_promises", {{"fields", fields}, {"rows", rows}, {"any", !rows.empty()},
                                         {"totals", promises.ok() ? row_of(promises->totals, "All agencies") : nlohmann::json(false)},
                                         {"as_of", promises.ok() ? promises->as_of : ""}},
                      frame),
           form.ok() ? 200 : 400);
}

void AccessPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Who saw an action", "/audit");
  FormState form;
  const std::string ref = ex.Query("action").substr(0, 40);
  form.Set("action", ref);
  const auto before = DayFilter(ex, form, "before", "day");
  nlohmann::json data = {{"shown", false}};
  if (!ref.empty() && form.ok()) {
    if (ex.s.access_log != nullptr) (void)ex.s.access_log->Flush();  // the reads up to now are part of the answer
    auto answer = ex.s.views.Read([&](const ReadModel& m) {
      return audit::WhoSaw(ex.s.log, m, ref, before, CountedListPage(ex), kListPageSize);
    });
    if (!answer.ok()) {
      form.AddError(answer.status(), "", "action");
    } else {
      nlohmann::json could = nlohmann::json::array(), did = nlohmann::json::array();
      for (const audit::CouldSee& c : answer->could_see) {
        could.push_back({{"user", c.user}, {"role", c.role}, {"agency", c.agency}, {"issued", reference::WrittenInstantOf(c.issued)},
                         {"revoked", c.revoked ? reference::WrittenInstantOf(*c.revoked) : ""}});
      }
      for (const audit::DidSee& d : answer->did_see) {
        did.push_back({{"user", d.user}, {"role", d.role}, {"agency", d.agency}, {"reads", std::to_string(d.reads)},
                       {"first", reference::WrittenInstantOf(d.first)}, {"last", reference::WrittenInstantOf(d.last)}});
      }
      data = {{"shown", true}, {"action", ref}, {"could", could}, {"did", did}, {"any_did", !did.empty()},
              {"before", before ? reference::WrittenDate(*before) : ""},
              {"unrecorded", answer->unrecorded > 0 ? nlohmann::json(std::to_string(answer->unrecorded)) : nlohmann::json(false)}};
    }
  }
  form.ShowErrors(frame);
  data["fields"] = nlohmann::json::array({form.Input("action", "Action", "For example, CAM-2009-01", "govuk-input--width-10"),
                                          form.DateInput("before", "Before (optional)", "A day, for example 1 1 2010")});
  SendPage(ex.res, RenderPage("audit_access", data, frame), form.ok() ? 200 : HttpStatus(Status::Code::kInvalidArgument));
}

}  // namespace jem::api::web
