// Round coverage: which of the 32 boroughs have had their JEM in a round.
#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {

Json RoundList(const ReadModel& model) {
  std::map<uint32_t, int> meetings;
  for (const auto& [id, record] : model.meetings) ++meetings[record.state.round];
  Json rounds = Json::array();
  for (const auto& [number, r] : model.rounds) {
    rounds.push_back({{"round", number}, {"title", r.title}, {"start", r.start_date}, {"end", r.end_date},
                      {"meetings", meetings[number]}});
  }
  return Json{{"rounds", rounds}};
}

Result<Json> RoundCoverage(const ReadModel& model, uint32_t round) {
  if (round == 0) return Status::InvalidArgument("rounds are numbered from 1");
  Json boroughs = Json::array();
  int held = 0, scheduled = 0, missing = 0;
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
    held += status == "held";
    scheduled += status == "scheduled";
    missing += status == "missing";
    boroughs.push_back({{"code", b.code}, {"borough", b.name}, {"status", status},
                        {"meeting", best ? best->id : ""},
                        {"date", !best ? "" : best->held_date.empty() ? best->date : best->held_date}});
  }
  auto r = model.rounds.find(round);
  return Json{{"round", round},
              {"title", r == model.rounds.end() ? "" : r->second.title},
              {"held", held},
              {"scheduled", scheduled},
              {"missing", missing},
              {"boroughs", boroughs}};
}

}  // namespace jem::views
