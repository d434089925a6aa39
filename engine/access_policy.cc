#include "engine/access_policy.h"

#include <algorithm>

namespace jem::access {
namespace {

// Actors of partners are "partner:AGENCY" (see Caller::ToActor).
constexpr std::string_view kPartnerRole = "partner:";

}  // namespace

bool MayRead(const Caller& caller) { return caller.role != Role::kAdmin; }

bool SeesEverything(const Caller& caller) {
  return caller.role == Role::kOfficer || caller.role == Role::kAuditor;
}

bool MaySee(const Caller& caller, const MeetingState& meeting) {
  if (meeting.status == MeetingState::Status::kNone || !MayRead(caller)) return false;
  if (caller.role != Role::kPartner) return true;
  return std::any_of(meeting.attendees.begin(), meeting.attendees.end(),
                     [&](const AttendeeInfo& a) { return a.agency == caller.agency; });
}

bool MaySee(const Caller& caller, const ActionState& action) {
  if (action.status == ActionState::Status::kNone || !MayRead(caller)) return false;
  return caller.role != Role::kPartner || action.Involves(caller.agency);
}

std::optional<std::string> Withheld(const Caller& reader, std::string_view writer_agency) {
  if (reader.role != Role::kPartner || writer_agency.empty() || writer_agency == reader.agency) return std::nullopt;
  return "written by " + std::string(writer_agency);
}

std::optional<std::string> WithheldEvent(const Caller& reader, std::string_view actor_role) {
  if (!actor_role.starts_with(kPartnerRole)) return std::nullopt;
  return Withheld(reader, actor_role.substr(kPartnerRole.size()));
}

Status NoSuchMeeting(std::string_view meeting_id) {
  return Status::NotFound("there is no meeting " + std::string(meeting_id) + " (meeting ids look like CAM-20090616)");
}

Status NoSuchAction(std::string_view reference) {
  return Status::NotFound("there is no action " + std::string(reference) + " (action references look like CAM-2009-03)");
}

std::function<bool(const ActionState&)> ActionsOpenTo(const Caller& caller) {
  if (SeesEverything(caller)) return {};  // every action: the views' own "all", and their fast paths
  return [&caller](const ActionState& a) { return MaySee(caller, a); };
}

std::function<bool(const MeetingState&)> MeetingsOpenTo(const Caller& caller) {
  return [&caller](const MeetingState& m) { return MaySee(caller, m); };
}

Result<const ActionRecord*> FindAction(const Caller& caller, const ReadModel& model, std::string_view reference) {
  auto it = model.actions.find(std::string(reference));
  if (it == model.actions.end() || !MaySee(caller, it->second.state)) return NoSuchAction(reference);
  return &it->second;
}

Result<ReadModel> MeetingPart(const Caller& caller, const ReadModel& model, const std::string& meeting_id) {
  auto meeting = model.meetings.find(meeting_id);
  if (meeting == model.meetings.end() || !MaySee(caller, meeting->second.state)) return NoSuchMeeting(meeting_id);
  ReadModel part;
  part.position = model.position;
  part.rounds = model.rounds;
  MeetingRecord& m = part.meetings[meeting_id] = meeting->second;
  m.actions.clear();
  for (const std::string& ref : meeting->second.actions) {
    auto action = model.actions.find(ref);
    if (action == model.actions.end() || !MaySee(caller, action->second.state)) continue;
    m.actions.push_back(ref);
    ActionRecord& a = part.actions[ref] = action->second;
    for (ActionHistoryEntry& h : a.history) {
      if (auto withheld = Withheld(caller, h.partner_agency)) {
        h.text.clear();
        h.withheld = std::move(*withheld);
      }
    }
  }
  for (const std::string& id : m.practices) {
    if (auto p = model.practices.find(id); p != model.practices.end()) part.practices.insert(*p);
  }
  for (const std::string& id : m.issues) {
    if (auto i = model.issues.find(id); i != model.issues.end()) part.issues.insert(*i);
  }
  return part;
}

}  // namespace jem::access
