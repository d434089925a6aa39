#include "engine/audit/who_saw.h"

#include <limits>
#include <map>
#include <set>

#include "engine/access_policy.h"
#include "engine/caller.h"
#include "projections/audit/access_records.h"
#include "projections/audit/history.h"
#include "projections/reference.h"

namespace jem::audit {

Result<AccessRecords> WhoSaw(const Log& log, const ReadModel& model, const std::string& reference,
                             std::optional<std::chrono::sys_days> before, size_t after, size_t limit) {
  auto found = model.actions.find(reference);
  if (found == model.actions.end()) return access::NoSuchAction(reference);
  const ActionRecord& action = found->second;
  std::optional<Timestamp> end;
  if (before) end = Timestamp(*before);

  // Every agency that led or supported it at some time: a partner of any of them could see it then.
  ActionState involved = action.state;
  for (const ActionHistoryEntry& h : action.history) {
    if (h.kind == "reassigned") involved.supporting_agencies.push_back(h.from);
  }
  AccessRecords out;
  out.action = reference;
  if (before) out.before = reference::FormatDate(*before);
  JEM_ASSIGN_OR_RETURN(auto token_streams, log.ListStreams(StreamPrefix(StreamKind::kToken)));
  for (const std::string& stream : token_streams) {
    JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(stream, 1, std::numeric_limits<size_t>::max()));
    TokenState token;
    std::string issued, revoked;
    for (const RecordedEvent& e : events) {
      if (end && e.recorded_at() >= *end) break;
      token.Apply(e.envelope().getBody(), e.recorded_at());
      if (e.envelope().getBody().isTokenIssued()) issued = FormatTimestamp(e.recorded_at());
      if (e.envelope().getBody().isTokenRevoked()) revoked = FormatTimestamp(e.recorded_at());
    }
    if (token.status == TokenState::Status::kNone) continue;
    auto caller = ParseCaller(token.user_id + ":" + token.role + (token.agency.empty() ? "" : ":" + token.agency));
    if (!caller.ok() || !access::MayRead(*caller) || !access::MaySee(*caller, involved)) continue;
    out.could_see.push_back({token.id, token.user_id, token.role, token.agency, issued,
                             revoked.empty() ? std::nullopt : std::optional(revoked)});
  }

  // Reads of the action, of its meeting (summary, follow-up report), of its round (committee report).
  const MeetingRecord* meeting = model.MeetingOf(action.state);
  const std::string round = meeting != nullptr ? std::to_string(meeting->state.round) : "";
  auto about = [&](const AccessReadRecord& r) {
    return (r.what == "action" && r.subject == reference) ||
           (r.what == "meeting" && r.subject == action.state.meeting_id) ||
           (r.what == "round" && !round.empty() && r.subject == round);
  };
  JEM_ASSIGN_OR_RETURN(auto records, ReadAccessRecords(log, end, about));
  struct Reader {
    std::string role, agency, first, last;
    uint64_t reads = 0;
  };
  std::map<std::string, Reader> readers;
  for (size_t i = 0; i < records.reads.size(); ++i) {
    const AccessReadRecord& r = records.reads[i];
    const std::string at = FormatTimestamp(r.at);
    if (i >= after && i - after < limit) {
      out.reads.push_back({at, r.user_id, r.role, r.agency, r.what, r.subject, r.path, r.count});
    }
    Reader& who = readers[r.user_id];
    if (who.reads == 0) who = {r.role, r.agency, at, at, 0};
    who.reads += r.count;
    who.last = std::max(who.last, at);
  }
  for (const auto& [user, who] : readers) {
    out.did_see.push_back({user, who.role, who.agency, who.reads, who.first, who.last});
  }
  out.reads_count = records.reads.size();
  out.unrecorded = records.unrecorded;
  static_cast<views::Cursors&>(out) =
      CountedCursors(after, std::min(records.reads.size(), after + limit), records.reads.size(), limit);
  return out;
}

}  // namespace jem::audit
