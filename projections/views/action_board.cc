// The action board: every action with its meeting, owners, dates, status and RAG.
#include <fmt/format.h>

#include <cctype>

#include "projections/reference.h"
#include "projections/views.h"
#include "projections/views/rows.h"

namespace jem::views {

namespace {

// The current due day of an action (none if the stored date is unreadable).
std::optional<Day> DueDay(const ActionState& a) {
  auto due = reference::ParseDate(a.due, "due date");
  return due.ok() ? std::optional<Day>(*due) : std::nullopt;
}

}  // namespace

std::string_view Rag(const ActionState& a, Day today) {
  if (a.status == ActionState::Status::kCompleted) return "green";
  if (a.status == ActionState::Status::kDropped) return "grey";
  const auto due = DueDay(a);
  if (due && *due < today) return "red";
  if (a.blocked || (due && *due - today <= std::chrono::days(kDueSoonDays))) return "amber";
  return "green";
}

std::string Span(int64_t days) {
  const auto count = [](int64_t n, const char* unit) { return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s"); };
  if (days < 14) return count(days, "day");
  if (days < 8 * 7) return count(days / 7, "week");
  if (days < 731) return count(days * 12 / 365, "month");  // two years by the calendar, leap day or not
  return count(days * 4 / 1461, "year");
}

Standing StandingOf(const ActionState& a, Day today) {
  if (a.status == ActionState::Status::kCompleted) return {Urgency::kCompleted, "Completed"};
  if (a.status == ActionState::Status::kDropped) return {Urgency::kDropped, "Dropped"};
  // Every state the action is in, then when it is due: "Blocked, overdue since ...". An open
  // action that is only late or due says just that.
  const std::string state = a.blocked ? "Blocked" : a.status == ActionState::Status::kInProgress ? "In progress" : "";
  const auto with_state = [&](std::string when) {
    if (state.empty()) {
      when[0] = char(std::toupper(static_cast<unsigned char>(when[0])));
      return when;
    }
    return state + ", " + when;
  };
  const auto due = DueDay(a);
  if (due && *due < today) {
    return {Urgency::kOverdue,
            with_state(fmt::format("overdue since {} ({})", reference::WrittenDate(*due), Span((today - *due).count())))};
  }
  const bool soon = due && *due - today <= std::chrono::days(kDueSoonDays);
  const std::string when = !soon ? "" : *due == today ? "due today" : "due in " + Span((*due - today).count());
  if (a.blocked) return {Urgency::kBlocked, when.empty() ? state : with_state(when)};
  if (soon) return {Urgency::kDueSoon, with_state(when)};
  return {Urgency::kOpen, state.empty() ? "Open" : state};
}

std::string_view UrgencyName(Urgency urgency) { return kUrgencyWords[size_t(urgency)]; }

Urgency ParseUrgency(std::string_view name) {
  for (Urgency u : {Urgency::kOverdue, Urgency::kBlocked, Urgency::kDueSoon, Urgency::kCompleted, Urgency::kDropped}) {
    if (UrgencyName(u) == name) return u;
  }
  return Urgency::kOpen;
}

int64_t DaysOverdue(const ActionState& a, Day today) {
  const auto due = a.closed() ? std::nullopt : DueDay(a);
  return due && *due < today ? (today - *due).count() : 0;
}

bool DueThisMonth(const ActionState& a, Day today) {
  const auto due = a.closed() ? std::nullopt : DueDay(a);
  if (!due || *due < today) return false;
  const std::chrono::year_month_day d(*due), t(today);
  return d.year() == t.year() && d.month() == t.month();
}

Story StoryOf(const ActionRecord& record) {
  const ActionState& a = record.state;
  // A step's words, or who wrote them when the reader may not see them.
  auto step = [](const ActionHistoryEntry& h) {
    return h.withheld.empty() ? StoryStep{h.day, h.text, std::nullopt} : StoryStep{h.day, std::nullopt, h.withheld};
  };
  Story story;
  for (const ActionHistoryEntry& h : record.history) {
    if (h.kind == "blocked") story.blocked = step(h);
    if (h.kind == "dropped") story.dropped = step(h);
    if (h.kind == "reopened") story.reopened = step(h);
    if (h.kind == "reassigned") story.reassignments.push_back({step(h), h.from, h.to});
    if (h.kind == "correction") story.corrections.push_back({step(h), h.to});
  }
  if (!a.blocked) story.blocked.reset();
  if (a.status != ActionState::Status::kDropped) story.dropped.reset();
  // The latest steps of each list, however many there were (the history has every one).
  story.reassignments_count = story.reassignments.size();
  story.corrections_count = story.corrections.size();
  auto latest = [](auto& steps) {
    if (steps.size() > kStoryStepsShown) steps.erase(steps.begin(), steps.end() - long(kStoryStepsShown));
  };
  latest(story.reassignments);
  latest(story.corrections);
  return story;
}

ActionRow ActionRowOf(const ReadModel& model, const ActionRecord& record, Day today) {
  const ActionState& a = record.state;
  const MeetingRecord* meeting = model.MeetingOf(a);
  Standing standing = StandingOf(a, today);
  return ActionRow{.reference = a.reference,
                   .meeting = a.meeting_id,
                   .borough = meeting ? meeting->state.borough : "",
                   .round = meeting ? meeting->state.round : 0,
                   .theme = std::string(reference::ThemeName(a.theme)),
                   .text = a.text,
                   .lead = a.lead_agency,
                   .supporting = a.supporting_agencies,
                   .priority = std::string(reference::PriorityName(a.priority)),
                   .original_due = a.original_due,
                   .due = a.due,
                   .status = std::string(StatusName(a.status)),
                   .blocked = a.blocked,
                   .days_overdue = DaysOverdue(a, today),
                   .rag = std::string(Rag(a, today)),
                   .urgency = std::string(UrgencyName(standing.urgency)),
                   .standing = std::move(standing.words),
                   .last_update = reference::FormatDate(reference::DayOf(a.last_update)),
                   .story = StoryOf(record)};
}

Result<ActionRow> ActionDetail(const ReadModel& model, const std::string& reference, Day today) {
  auto it = model.actions.find(reference);
  if (it == model.actions.end()) return Status::NotFound("there is no action " + reference);
  return ActionRowOf(model, it->second, today);
}

Result<std::vector<const ActionRecord*>> BoardActions(const ReadModel& model, const BoardFilter& f, Day today) {
  std::string borough;
  if (!f.borough.empty()) {
    JEM_ASSIGN_OR_RETURN(auto b, reference::FindBorough(f.borough));
    borough = b.code;
  }
  std::string agency;
  if (!f.agency.empty()) {
    JEM_ASSIGN_OR_RETURN(auto a, reference::FindAgency(f.agency));
    agency = a;
  }
  std::optional<schema::Theme> theme;
  if (!f.theme.empty()) {
    JEM_ASSIGN_OR_RETURN(auto t, reference::ParseTheme(f.theme));
    theme = t;
  }
  static const std::vector<std::string> kStatuses = {"open", "in progress", "completed", "dropped", "blocked",
                                                      "not closed"};
  if (!f.status.empty() && std::find(kStatuses.begin(), kStatuses.end(), f.status) == kStatuses.end()) {
    return Status::InvalidArgument("'" + f.status + "' is not an action status; use open, in progress, "
                                   "completed, dropped, blocked or not closed");
  }
  std::vector<const ActionRecord*> rows;
  for (const auto& [ref, record] : model.actions) {
    const ActionState& a = record.state;
    if (a.status == ActionState::Status::kNone || (f.visible && !f.visible(a))) continue;  // never agreed: not an action
    const MeetingRecord* meeting = model.MeetingOf(a);
    if (!borough.empty() && (!meeting || meeting->state.borough != borough)) continue;
    if (!agency.empty() && !a.Involves(agency)) continue;
    if (theme && a.theme != *theme) continue;
    if (f.round && (!meeting || meeting->state.round != f.round)) continue;
    if (f.status == "blocked"      ? !a.blocked
        : f.status == "not closed" ? a.closed()
                                   : (!f.status.empty() && StatusName(a.status) != f.status)) {
      continue;
    }
    if (f.overdue_only && DaysOverdue(a, today) == 0) continue;
    if (f.due_this_month && !DueThisMonth(a, today)) continue;
    rows.push_back(&record);
  }
  // By due date, then reference: BoardKey's order, without making the keys.
  std::sort(rows.begin(), rows.end(), [](const ActionRecord* x, const ActionRecord* y) {
    return std::tie(x->state.due, x->state.reference) < std::tie(y->state.due, y->state.reference);
  });
  return rows;
}

std::string BoardKey(const ActionRecord& record) { return record.state.due + " " + record.state.reference; }

Result<Board> ActionBoard(const ReadModel& model, const BoardFilter& f, Day today, const PageRequest& page) {
  JEM_ASSIGN_OR_RETURN(auto rows, BoardActions(model, f, today));
  const Window w = WindowOf(rows, [](const ActionRecord* r) { return BoardKey(*r); }, page);
  Board board{CursorsOf(w), reference::FormatDate(today), rows.size(), {}};
  for (size_t i = w.begin; i < w.end; ++i) board.actions.push_back(ActionRowOf(model, *rows[i], today));
  return board;
}

}  // namespace jem::views
