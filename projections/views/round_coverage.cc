// Round coverage: which of the 32 boroughs have had their JEM in a round.
#include <set>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

RoundList RoundsOf(const ReadModel& model) {
  std::map<uint32_t, int64_t> meetings;
  for (const auto& [id, record] : model.meetings) ++meetings[record.state.round];
  RoundList list;
  for (const auto& [number, r] : model.rounds) {
    list.rounds.push_back({number, r.title, r.start_date, r.end_date, meetings[number]});
  }
  return list;
}

Status KnownRound(const ReadModel& model, uint32_t round) {
  if (round == 0) return Status::InvalidArgument("rounds are numbered from 1");
  if (model.rounds.contains(round)) return Status::Ok();
  std::set<uint32_t> known;
  for (const auto& [n, r] : model.rounds) known.insert(n);
  for (const auto& [id, record] : model.meetings) {
    if (record.state.round == round) return Status::Ok();
    known.insert(record.state.round);
  }
  std::string list;
  for (uint32_t n : known) list += (list.empty() ? "" : ", ") + std::to_string(n);
  return Status::NotFound("there is no round " + std::to_string(round) + " in the record" +
                          (list.empty() ? " (no round has been planned yet)" : "; the rounds are " + list));
}

Result<Coverage> RoundCoverage(const ReadModel& model, uint32_t round) {
  JEM_RETURN_IF_ERROR(KnownRound(model, round));
  auto r = model.rounds.find(round);
  Coverage coverage{.round = round, .title = r == model.rounds.end() ? "" : r->second.title};
  for (const reference::Borough& b : reference::Boroughs()) {
    // A borough's best standing in the round: held beats scheduled beats cancelled.
    const MeetingState* best = nullptr;
    auto rank = [](const MeetingState* m) {
      if (!m) return 0;
      switch (m->status) {
        case MeetingState::Status::kHeld: return 3;
        case MeetingState::Status::kScheduled: return 2;
        case MeetingState::Status::kCancelled: return 1;
        default: return 0;
      }
    };
    for (const auto& [id, record] : model.meetings) {
      const MeetingState& m = record.state;
      if (m.borough == b.code && m.round == round && rank(&m) > rank(best)) best = &m;
    }
    std::string status = "missing";
    if (best && best->status == MeetingState::Status::kHeld) status = "held";
    if (best && best->status == MeetingState::Status::kScheduled) status = "scheduled";
    coverage.held += status == "held";
    coverage.scheduled += status == "scheduled";
    coverage.missing += status == "missing";
    coverage.boroughs.push_back({std::string(b.code), std::string(b.name), status, best ? best->id : "",
                                 !best ? "" : best->held_date.empty() ? best->date : best->held_date});
  }
  return coverage;
}

}  // namespace jem::views
