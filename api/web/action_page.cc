// An action's page: what was agreed, its state today, its timeline (every event of its
// stream, with who recorded it, when, what changed and why), and a form for each update the
// reader may make now. What another partner agency wrote is withheld, as everywhere
// (engine/access_policy.h). Each form carries the version the reader saw (If-Match): an
// update made on a page that someone else's change has overtaken is refused and said so.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <deque>
#include <map>
#include <variant>

#include "api/commands.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/sessions.h"
#include "api/web/status_tag.h"
#include "engine/access_policy.h"
#include "engine/command_forms.h"
#include "projections/audit/describe.h"
#include "projections/audit/history.h"
#include "projections/audit/occurred.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// A reminder sent about an action, as a timeline entry: when it was queued, to place it
// among the action's events, and what the page shows of it.
struct SentReminder {
  Timestamp queued_at;
  nlohmann::json entry;
};

// The reminders sent about action `ref` that `reader` may know of (a partner: those sent to its
// own agency's contacts), in the order they were queued.
std::vector<SentReminder> Reminders(const Caller& reader, const ReadModel& model, const std::string& ref) {
  std::vector<SentReminder> out;
  const ReminderBook& book = model.reminders;
  auto about = book.about.find(ref);
  if (about == book.about.end()) return out;
  for (const std::string& id : about->second) {
    const MessageRecord& m = book.messages.at(id);
    auto contact = book.contacts.find(m.recipient);
    const bool to_contact = m.channel == "email" && contact != book.contacts.end();
    if (reader.role == Role::kPartner && !(to_contact && contact->second.agency == reader.agency)) continue;
    const std::string to = to_contact ? contact->second.name + " (e-mail)" : m.recipient + " (webhook)";
    for (const MessageItemRecord& item : m.items) {
      if (item.subject != ref) continue;
      const bool delivered = m.status == MessageRecord::Status::kDelivered;
      const std::string what = item.rule == "agreed" ? "In the summary of agreed actions" : "Reminder: " + item.window;
      std::string detail = Sentence(item.why) + ".";
      if (!delivered) detail += " Not delivered yet (" + std::string(StatusName(m.status)) + (m.last_error.empty() ? "" : ": " + m.last_error) + ").";
      out.push_back({m.queued_at,
                     {{"when", reference::WrittenInstant(m.queued_at)}, {"datetime", DatetimeAttribute(FormatTimestamp(m.queued_at))}, {"what", what},
                      {"who", "the reminder engine, to " + to}, {"detail", detail}, {"reminder", true}}});
    }
  }
  return out;
}

// The timeline of `events` as `ex.caller` may read it, with `reminders` in time order among them.
nlohmann::json Timeline(const Exchange& ex, const std::vector<RecordedEvent>& events, std::vector<SentReminder> reminders) {
  nlohmann::json timeline = nlohmann::json::array();
  size_t next_reminder = 0;
  for (const auto& e : events) {
    while (next_reminder < reminders.size() && reminders[next_reminder].queued_at < e.recorded_at()) {
      timeline.push_back(std::move(reminders[next_reminder++].entry));
    }
    const auto actor = e.envelope().getActor();
    const std::string role(AsView(actor.getRole()));
    // When it happened, and when it was recorded if later (an update logged after the fact).
    const std::string recorded = reference::WrittenInstant(e.recorded_at());
    const auto happened = reference::DayOf(e.occurred_at());
    nlohmann::json item = {
        {"when", happened == reference::DayOf(e.recorded_at())
                     ? recorded
                     : reference::WrittenDate(happened) + " (recorded " + recorded + ")"},
        {"datetime", DatetimeAttribute(FormatTimestamp(e.occurred_at()))}};
    if (auto withheld = access::WithheldEvent(ex.caller, role)) {
      // The reader learns that another agency wrote, and when; not who, nor what.
      item["what"] = "Updated by another agency";
      item["who"] = role.substr(role.find(':') + 1);
      item["withheld"] = *withheld;
    } else {
      const audit::Happening h = audit::Describe(e.envelope().getBody());
      item["what"] = h.what;
      item["detail"] = h.detail;
      item["who"] = std::string(AsView(actor.getUserId())) + " (" + role + ")";
    }
    timeline.push_back(std::move(item));
  }
  while (next_reminder < reminders.size()) timeline.push_back(std::move(reminders[next_reminder++].entry));
  return timeline;
}

// One page of an action's timeline: the events of its stream that `keep` lets through (a past
// view stops at its day) and the reminders sent about it, in time order; the entries after
// number `after`, or the latest page when none is asked for. The stream is read a batch at a
// time, so a page holds a page's events whatever the action's length.
struct TimelinePage {
  std::vector<RecordedEvent> events;
  std::vector<SentReminder> reminders;
  size_t before = 0;  // entries before the page
  size_t total = 0;   // entries in all
};

Result<TimelinePage> TimelineOf(const Log& log, const std::string& stream, const std::vector<SentReminder>& reminders,
                                const std::function<bool(const RecordedEvent&)>& keep, std::optional<size_t> after) {
  std::deque<std::variant<RecordedEvent, SentReminder>> window;
  TimelinePage page;
  auto add = [&](auto entry) {
    const size_t number = page.total++;
    if (after ? number < *after || number >= *after + kListPageSize : false) return;
    window.emplace_back(std::move(entry));
    if (window.size() > kListPageSize) window.pop_front();  // the latest page: the last kListPageSize
  };
  size_t next_reminder = 0;
  for (uint64_t version = 1;;) {
    JEM_ASSIGN_OR_RETURN(auto batch, log.ReadStream(stream, version, 128));
    for (RecordedEvent& e : batch) {
      while (next_reminder < reminders.size() && reminders[next_reminder].queued_at < e.recorded_at()) {
        add(reminders[next_reminder++]);
      }
      if (keep(e)) add(std::move(e));
    }
    if (batch.size() < 128) break;
    version += batch.size();
  }
  while (next_reminder < reminders.size()) add(reminders[next_reminder++]);
  page.before = after ? std::min(*after, page.total) : page.total - window.size();
  for (auto& entry : window) {
    if (auto* e = std::get_if<RecordedEvent>(&entry)) {
      page.events.push_back(std::move(*e));
    } else {
      page.reminders.push_back(std::move(std::get<SentReminder>(entry)));
    }
  }
  return page;
}

// The fields of verb `v`'s form, each named once: drawn from this and read back by it.
std::vector<PageField> UpdateFields(const ActionVerb& v) {
  using K = command::UpdateAction::Kind;
  using C = PageField::Control;
  std::vector<PageField> fields;
  if (v.kind == K::kRedate) fields.push_back(DateField("due", "New due date", "For example, 30 11 2009", "new due date"));
  if (v.kind == K::kReassign) fields.push_back({"to", C::kSelect, "New lead agency", "", "", AgencyOptions("Choose an agency")});
  const std::string optional = v.text_missing.empty() ? " (optional)" : "";
  fields.push_back({"text", C::kTextArea, Sentence(std::string(v.text_help)) + optional});
  if (v.kind == K::kNote) {
    fields.push_back({"percent", C::kInput, "Percent complete (optional)", "A whole number from 0 to 100", "govuk-input--width-3"});
  }
  fields.push_back(DateField("happened_on", "When did this happen? (optional)",
                             "Leave empty if it happened today. For example, 27 9 2026", "day it happened"));
  return fields;
}

// The ids of verb `v`'s fields start with this ("note-text", "note-percent"): each verb's
// form is on the same page.
std::string FieldPrefix(const ActionVerb& v) { return std::string(v.name) + "-"; }

// The fields of verb `v`'s form drawn empty, as every page draws them but the one whose form
// was just sent: drawn once, since drawing an officer's seven forms took half of the page's time.
const std::string& EmptyFields(const ActionVerb& v) {
  static const std::map<std::string_view, std::string> kDrawn = [] {
    std::map<std::string_view, std::string> drawn;
    for (const ActionVerb& verb : ActionVerbs()) {
      drawn.emplace(verb.name, RenderFields(FormState().Draw(UpdateFields(verb), FieldPrefix(verb))));
    }
    return drawn;
  }();
  return kDrawn.at(v.name);
}

// A form for each update `ex.caller` may make to `action` as it stands; the one named
// `open` (just sent, and refused) is shown open, with what was sent and what is wrong.
nlohmann::json UpdateForms(const Exchange& ex, const ActionState& action, const FormState& form,
                           std::string_view open) {
  nlohmann::json forms = nlohmann::json::array();
  for (const ActionVerb& v : ActionVerbs()) {
    if (!CheckActionUpdate(ex.caller, action, v.kind).ok()) continue;
    forms.push_back({{"verb", v.name}, {"title", v.title}, {"open", v.name == open},
                     {"fields", v.name == open ? RenderFields(form.Draw(UpdateFields(v), FieldPrefix(v))) : EmptyFields(v)}});
  }
  return forms;
}

// Draws the page of the action in the route's {ref}; `form` holds what was sent and why it
// was refused, if it was.
void ShowAction(Exchange& ex, const FormState& form, std::string_view open, int status) {
  const std::string& ref = ex.Param("ref");
  nlohmann::json frame = Frame(ex, ref, "/");
  struct Found {
    views::ActionRow row;
    ActionState state;
    std::vector<SentReminder> reminders;
  };
  views::Day today = ex.Today();
  auto found = ex.ReadViews([&](const ReadModel& m, views::Day day) -> Result<Found> {
    today = day;
    JEM_ASSIGN_OR_RETURN(const ActionRecord* record, access::FindAction(ex.caller, m, ref));
    JEM_ASSIGN_OR_RETURN(auto row, views::ActionDetail(m, ref, day));
    return Found{std::move(row), record->state, Reminders(ex.caller, m, ref)};
  });
  if (!found.ok()) return SendErrorPage(ex.res, HttpStatus(found.status().code()), found.status().message(), frame);
  // As of a past day: the timeline stops where that view of the record stops, and nothing can be updated.
  const auto asked = ex.AsOfAsked();
  const bool past = asked.ok() && *asked;
  std::function<bool(const RecordedEvent&)> keep = [](const RecordedEvent&) { return true; };
  if (past) {
    const Timestamp end = reference::EndOf((*asked)->day);
    if ((*asked)->basis == audit::Basis::kRecorded) {
      keep = [end](const RecordedEvent& e) { return e.recorded_at() < end; };
    } else {
      auto occurrences = audit::Occurrences::LearnFor(ex.s.log, found->state.meeting_id);
      if (!occurrences.ok()) return SendErrorPage(ex.res, 500, occurrences.status().message(), frame);
      keep = [end, o = std::move(*occurrences), begun = false](const RecordedEvent& e) mutable {
        return o.CountsInStream(e, end, &begun);
      };
    }
    found->reminders.clear();
  }
  const std::optional<size_t> after = ex.Query("after").empty() ? std::nullopt : std::optional(CountedListPage(ex));
  auto timeline = TimelineOf(ex.s.log, ActionStream(ref), found->reminders, keep, after);
  auto version = ex.s.log.StreamVersion(ActionStream(ref));
  if (!timeline.ok() || !version.ok()) {
    return SendErrorPage(ex.res, 500, (timeline.ok() ? version.status() : timeline.status()).message(), frame);
  }
  const size_t shown = timeline->events.size() + timeline->reminders.size();
  const views::Cursors cursors =
      audit::CountedCursors(timeline->before, timeline->before + shown, timeline->total, kListPageSize);
  const nlohmann::json pages = Pagination(ex, cursors, "Earlier and later entries", /*counted=*/true);
  const views::ActionRow& a = found->row;
  const std::string supporting = fmt::format("{}", fmt::join(a.supporting, ", "));
  const Tag tag = StatusTag(a);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, value] : std::initializer_list<std::pair<const char*, std::string>>{
           {"Meeting", a.meeting}, {"Lead agency", a.lead}, {"Supporting", supporting.empty() ? "None" : supporting},
           {"Due", reference::WrittenDay(a.due)}, {"Originally due", reference::WrittenDay(a.original_due)},
           {"Priority", Sentence(a.priority)}, {"Theme", reference::ThemeWordsOf(a.theme)},
           {"Last updated", reference::WrittenDay(a.last_update)}}) {
    rows.push_back({{"key", key}, {"value", value}});
  }
  // Why it stands as it does.
  const views::Story& story = a.story;
  auto why = [](const views::StoryStep& step) { return step.reason ? *step.reason : "(" + step.withheld.value_or("") + ")"; };
  if (story.blocked) rows.push_back({{"key", "Blocked since"}, {"value", reference::WrittenDay(story.blocked->on) + ": " + why(*story.blocked)}});
  for (const auto& r : story.reassignments) {
    rows.push_back({{"key", "Reassigned"}, {"value", reference::WrittenDay(r.on) + ", from " + r.from + " to " + r.to + ": " + why(r)}});
  }
  if (story.dropped) rows.push_back({{"key", "Dropped"}, {"value", reference::WrittenDay(story.dropped->on) + ": " + why(*story.dropped)}});
  if (story.reopened) rows.push_back({{"key", "Last reopened"}, {"value", reference::WrittenDay(story.reopened->on) + ": " + why(*story.reopened)}});
  for (const auto& c : story.corrections) {
    rows.push_back({{"key", "Corrected"}, {"value", reference::WrittenDay(c.on) + ": " + why(c) + (c.fields.empty() ? "" : " (" + c.fields + ")")}});
  }
  const ActionVerb* updated = FindActionVerb(ex.Query("updated"));
  const nlohmann::json forms = past ? nlohmann::json::array() : UpdateForms(ex, found->state, form, open);
  auto key = RandomHex();  // each form drawn is one request: submitting it twice records it once
  if (!key.ok()) return SendErrorPage(ex.res, 500, key.status().message(), frame);
  form.ShowErrors(frame);
  SendPage(ex.res,
           RenderPage("action", {{"reference", ref}, {"text", a.text}, {"tag_text", tag.text},
                                 {"tag_class", tag.css}, {"rows", rows},
                                 {"timeline", Timeline(ex, timeline->events, std::move(timeline->reminders))},
                                 {"pagination", pages},
                                 {"entries_text", std::to_string(timeline->total) + (timeline->total == 1 ? " entry" : " entries")},
                                 {"meeting", a.meeting},
                                 {"updated", updated ? nlohmann::json(updated->title) : nlohmann::json(false)},
                                 {"forms", forms}, {"has_forms", !forms.empty()},
                                 {"version", std::to_string(*version)},
                                 {"idempotency", *key}, {"csrf", ex.csrf}},
                      frame),
           status);
}

}  // namespace

void ActionPage(Exchange& ex) { ShowAction(ex, FormState(), "", 200); }

void UpdateActionPage(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  const std::string_view path = ex.route.path;
  const ActionVerb& verb = *FindActionVerb(path.substr(path.rfind('/') + 1));  // the route is the verb's
  FormState form(ex.req);
  const std::string prefix = FieldPrefix(verb);
  // The form's fields, as the command's form reads them (the API's JSON body has the same).
  const nlohmann::json body = form.Read(UpdateFields(verb), *ex.route.form, prefix);
  auto refuse = [&](const Status& why) {
    form.AddError(why, prefix, prefix + "text");
    ShowAction(ex, form, verb.name, HttpStatus(why.code()));
  };
  auto command = ReadFields(*ex.route.form, body, ref, "the form");
  if (!command.ok()) return refuse(command.status());
  CommandContext context = FormContext(ex, form.Value("idempotency"));
  auto version = ParseWholeNumber(form.Value("version"), "the form's version", UINT32_MAX);
  if (!version.ok()) return refuse(version.status());
  context.expected_version = *version;
  size_t failed = 0;
  auto outcome = Append(ex, context, {Step{std::move(*command), std::nullopt}}, &failed);
  if (!outcome.ok()) {
    if (outcome.status().code() == Status::Code::kConflict) {
      form.AddError(prefix + "text", "This action was updated by someone else after you opened this page. "
                                     "Check what happened below, then submit the form again");
      return ShowAction(ex, form, verb.name, 409);
    }
    return refuse(outcome.status());
  }
  SeeOther(ex.res, "/actions/" + ref + "?updated=" + std::string(verb.name));
}

}  // namespace jem::api::web
