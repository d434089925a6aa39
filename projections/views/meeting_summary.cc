// The summary of agreed actions circulated after each JEM.
#include <algorithm>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

Result<const MeetingRecord*> FindMeeting(const ReadModel& model, const std::string& meeting_id) {
  auto it = model.meetings.find(meeting_id);
  if (it == model.meetings.end() || it->second.state.status == MeetingState::Status::kNone) {
    return Status::NotFound("there is no meeting " + meeting_id + " (meeting ids look like CAM-20090616)");
  }
  return &it->second;
}

MeetingList MeetingsOf(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                       const PageRequest& page) {
  auto day = [](const MeetingState& m) { return m.held_date.empty() ? m.date : m.held_date; };
  auto key = [&](const MeetingRecord* r) { return day(r->state) + " " + r->state.id; };
  std::vector<const MeetingRecord*> found;
  for (const auto& [id, record] : model.meetings) {
    if (record.state.status != MeetingState::Status::kNone && (!visible || visible(record.state))) {
      found.push_back(&record);
    }
  }
  std::sort(found.begin(), found.end(), [&](const MeetingRecord* a, const MeetingRecord* b) { return key(a) > key(b); });
  const Window w = WindowOf(found, key, page, /*descending=*/true);
  MeetingList list{CursorsOf(w), found.size(), {}};
  for (size_t i = w.begin; i < w.end; ++i) {
    const MeetingState& m = found[i]->state;
    list.meetings.push_back({m.id, m.borough, m.round, std::string(reference::ThemeName(m.theme)),
                             std::string(StatusName(m.status)), day(m), found[i]->actions.size()});
  }
  return list;
}

FeedbackList FeedbackOf(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible,
                        const PageRequest& page) {
  struct Given {
    const MeetingRecord* meeting;
    const FeedbackRecord* feedback;
    std::string key;  // newest day first; then by meeting, and the order it was given in
  };
  std::vector<Given> all;
  for (const auto& [id, record] : model.meetings) {
    if (visible && !visible(record.state)) continue;
    for (size_t i = 0; i < record.feedback.size(); ++i) {
      char order[24];  // a size_t's 20 digits and the end
      std::snprintf(order, sizeof order, "%09zu", record.feedback.size() - i);
      all.push_back({&record, &record.feedback[i], record.feedback[i].day + " " + id + " " + order});
    }
  }
  std::sort(all.begin(), all.end(), [](const Given& a, const Given& b) { return a.key > b.key; });
  const Window w = WindowOf(all, [](const Given& g) { return g.key; }, page, /*descending=*/true);
  FeedbackList list{CursorsOf(w), all.size(), {}};
  for (size_t i = w.begin; i < w.end; ++i) {
    const MeetingState& m = all[i].meeting->state;
    const FeedbackRecord& f = *all[i].feedback;
    list.feedback.push_back({m.id, m.borough, m.round, f.day, f.agency, f.positive, f.suggestions});
  }
  return list;
}

std::string PromisedBy(const ActionRecord& record) {
  auto first = std::ranges::find(record.history, "reassigned", &ActionHistoryEntry::kind);
  return first == record.history.end() ? record.state.lead_agency : first->from;
}

Result<SummaryOfAgreedActions> MeetingSummary(const ReadModel& model, const std::string& meeting_id) {
  JEM_ASSIGN_OR_RETURN(auto found, FindMeeting(model, meeting_id));
  const MeetingState& m = found->state;
  SummaryOfAgreedActions summary{.meeting = m.id,
                                 .borough = m.borough,
                                 .round = m.round,
                                 .theme = std::string(reference::ThemeName(m.theme)),
                                 .status = std::string(StatusName(m.status)),
                                 .date = m.held_date.empty() ? m.date : m.held_date,
                                 .start = m.start_time,
                                 .end = m.end_time,
                                 .room = m.room,
                                 .chair = m.chair,
                                 .invited = m.invited,
                                 .decisions = m.decisions};
  for (const auto& a : m.attendees) summary.attendees.push_back({a.name, a.agency, a.role});
  for (const auto& ref : found->actions) {
    const ActionRecord& record = model.actions.at(ref);
    const ActionState& a = record.state;
    // As agreed (the first lead, the original date), then where it stands today and why.
    summary.actions.push_back({.reference = a.reference,
                               .text = a.text,
                               .lead = PromisedBy(record),
                               .supporting = a.supporting_agencies,
                               .due = a.original_due,
                               .priority = std::string(reference::PriorityName(a.priority)),
                               .today = {std::string(StatusName(a.status)), a.blocked, a.lead_agency, a.due},
                               .story = StoryOf(record)});
  }
  // Recorded with the meeting, so circulated with it (the briefing paper's summary).
  for (const std::string& id : found->practices) {
    if (auto p = model.practices.find(id); p != model.practices.end()) {
      summary.good_practice.push_back(PracticeOf(model, p->second, nullptr));
    }
  }
  for (const std::string& id : found->issues) {
    if (auto i = model.issues.find(id); i != model.issues.end()) {
      summary.pan_london_issues.push_back(IssueOf(model, i->second, nullptr));
    }
  }
  return summary;
}

}  // namespace jem::views
