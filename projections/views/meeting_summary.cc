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

Json MeetingList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible) {
  std::vector<const MeetingRecord*> found;
  for (const auto& [id, record] : model.meetings) {
    if (record.state.status != MeetingState::Status::kNone && (!visible || visible(record.state))) {
      found.push_back(&record);
    }
  }
  auto day = [](const MeetingState& m) { return m.held_date.empty() ? m.date : m.held_date; };
  std::stable_sort(found.begin(), found.end(),
                   [&](const MeetingRecord* a, const MeetingRecord* b) { return day(a->state) > day(b->state); });
  Json meetings = Json::array();
  for (const MeetingRecord* r : found) {
    const MeetingState& m = r->state;
    meetings.push_back({{"meeting", m.id}, {"borough", m.borough}, {"round", m.round},
                        {"theme", reference::ThemeName(m.theme)}, {"status", StatusName(m.status)},
                        {"date", day(m)}, {"actions", r->actions.size()}});
  }
  return Json{{"count", meetings.size()}, {"meetings", meetings}};
}

Json FeedbackList(const ReadModel& model, const std::function<bool(const MeetingState&)>& visible) {
  Json feedback = Json::array();
  for (const auto& [id, record] : model.meetings) {
    if (visible && !visible(record.state)) continue;
    for (const FeedbackRecord& f : record.feedback) {
      feedback.push_back({{"meeting", id}, {"borough", record.state.borough}, {"round", record.state.round},
                          {"day", f.day}, {"agency", f.agency}, {"positive", f.positive},
                          {"suggestions", f.suggestions}});
    }
  }
  std::stable_sort(feedback.begin(), feedback.end(),
                   [](const Json& a, const Json& b) { return a["day"].get<std::string>() > b["day"].get<std::string>(); });
  return Json{{"count", feedback.size()}, {"feedback", feedback}};
}

Result<Json> MeetingSummary(const ReadModel& model, const std::string& meeting_id) {
  JEM_ASSIGN_OR_RETURN(auto found, FindMeeting(model, meeting_id));
  const MeetingState& m = (found)->state;
  Json attendees = Json::array();
  for (const auto& a : m.attendees) attendees.push_back({{"name", a.name}, {"agency", a.agency}, {"role", a.role}});
  Json actions = Json::array();
  for (const auto& ref : (found)->actions) {
    const ActionRecord& record = model.actions.at(ref);
    const ActionState& a = record.state;
    // As agreed (the first lead, the original date), then where it stands today and why.
    std::string agreed_lead = a.lead_agency;
    for (auto h = record.history.rbegin(); h != record.history.rend(); ++h) {
      if (h->kind == "reassigned") agreed_lead = h->from;
    }
    actions.push_back({{"reference", a.reference}, {"text", a.text}, {"lead", agreed_lead},
                       {"supporting", a.supporting_agencies}, {"due", a.original_due},
                       {"priority", reference::PriorityName(a.priority)},
                       {"today", {{"status", StatusName(a.status)}, {"blocked", a.blocked}, {"lead", a.lead_agency},
                                  {"due", a.due}}},
                       {"story", Story(record)}});
  }
  return Json{{"meeting", m.id},
              {"borough", m.borough},
              {"round", m.round},
              {"theme", reference::ThemeName(m.theme)},
              {"status", StatusName(m.status)},
              {"date", m.held_date.empty() ? m.date : m.held_date},
              {"chair", m.chair},
              {"attendees", attendees},
              {"decisions", m.decisions},
              {"actions", actions}};
}

}  // namespace jem::views
