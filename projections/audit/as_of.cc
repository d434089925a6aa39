#include "projections/audit/as_of.h"

#include "projections/audit/occurred.h"
#include "projections/reference.h"
#include "projections/reminder_book.h"

namespace jem::audit {

Result<Basis> ParseBasis(std::string_view name) {
  if (name == "recorded") return Basis::kRecorded;
  if (name == "happened") return Basis::kHappened;
  return Status::InvalidArgument("'" + std::string(name.substr(0, 40)) +
                                 "' is not a kind of as-of; use recorded (what the record said then) or happened "
                                 "(what is now known to have happened by then)");
}

std::string_view BasisName(Basis basis) { return basis == Basis::kRecorded ? "recorded" : "happened"; }

Result<ReadModel> ModelAsOf(const Log& log, std::chrono::sys_days day, Basis basis) {
  if (basis == Basis::kRecorded) return ModelAsOf(log, day);
  return ModelHappenedBy(log, reference::EndOf(day));
}

Result<AsOfBoth> BothAsOf(const Log& log, std::chrono::sys_days day) {
  const Timestamp end = reference::EndOf(day);
  JEM_ASSIGN_OR_RETURN(auto occurrences, Occurrences::Learn(log));
  AsOfBoth both;
  JEM_RETURN_IF_ERROR(log.Scan(1, [&](const RecordedEvent& e) {
    const bool recorded = e.recorded_at() < end, happened = occurrences.Counts(e, end, both.happened);
    if (recorded) both.recorded.Apply(e);
    if (happened) both.happened.Apply(e);
    if (happened && !recorded && IsRecordStream(e.stream_id())) {
      const Timestamp occurred = occurrences.Of(e);
      const int64_t days = (reference::DayOf(e.recorded_at()) - reference::DayOf(occurred)).count();
      ++both.late_count;
      both.days_late_max = std::max(both.days_late_max, days);
      both.days_late_total += days;
      if (both.late.size() < kLateListed) {
        both.late.push_back({e.position(), std::string(e.stream_id()), std::string(e.type()), occurred,
                             e.recorded_at(), days});
      }
    }
    return true;
  }));
  return both;
}

LateRecords Difference(const AsOfBoth& both, std::chrono::sys_days day) {
  LateRecords out{reference::FormatDate(day), {}, both.late_count, both.days_late_max, both.days_late_total, {},
                  both.late_count > both.late.size()};
  for (const LateRecord& r : both.late) {
    out.late.push_back({r.position, r.stream, r.type, FormatTimestamp(r.occurred_at), FormatTimestamp(r.recorded_at),
                        r.days_late});
  }
  for (const auto& [ref, happened] : both.happened.actions) {
    auto recorded = both.recorded.actions.find(ref);
    const ActionState::Status then =
        recorded == both.recorded.actions.end() ? ActionState::Status::kNone : recorded->second.state.status;
    if (then == happened.state.status) continue;
    if (out.actions.size() == kLateListed) {
      out.truncated = true;
      break;
    }
    out.actions.push_back({ref, then == ActionState::Status::kNone ? "not yet recorded" : std::string(StatusName(then)),
                           std::string(StatusName(happened.state.status))});
  }
  return out;
}

}  // namespace jem::audit
