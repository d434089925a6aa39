#include "projections/brief/brief.h"

#include <algorithm>

#include "projections/borough_run.h"
#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::brief {
namespace {

// The first `shown` of `all`, moved into `out`; `count` is set to how many there were.
template <class T>
void Keep(std::vector<T> all, size_t shown, std::vector<T>* out, size_t* count) {
  *count = all.size();
  if (all.size() > shown) all.resize(shown);
  *out = std::move(all);
}

}  // namespace

Result<Brief> BriefOf(const ReadModel& model, const std::string& meeting_id, views::Day today) {
  JEM_ASSIGN_OR_RETURN(const MeetingRecord* found, views::FindMeeting(model, meeting_id));
  const MeetingState& m = found->state;
  JEM_ASSIGN_OR_RETURN(const reference::Borough borough, reference::FindBorough(m.borough));
  const std::string date = m.held_date.empty() ? m.date : m.held_date;
  Brief brief{.meeting = m.id,
              .borough = m.borough,
              .borough_name = std::string(borough.name),
              .round = m.round,
              .theme = std::string(reference::ThemeName(m.theme)),
              .status = std::string(StatusName(m.status)),
              .date = date,
              .start = m.start_time,
              .end = m.end_time,
              .room = m.room,
              .chair = m.chair,
              .invited = m.invited,
              .as_of = reference::FormatDate(today)};

  // The borough's JEMs held before this one, newest first, and what is still open from them.
  std::vector<const MeetingRecord*> earlier;
  for (const auto& [id, record] : OfBorough(model.meetings, m.borough)) {
    const MeetingState& e = record.state;
    if (id != m.id && e.status == MeetingState::Status::kHeld && e.held_date <= date) earlier.push_back(&record);
  }
  std::ranges::sort(earlier, [](const MeetingRecord* x, const MeetingRecord* y) {
    return std::tie(x->state.held_date, x->state.id) > std::tie(y->state.held_date, y->state.id);
  });
  std::vector<EarlierMeeting> meetings;
  std::vector<const ActionRecord*> open;
  for (const MeetingRecord* record : earlier) {
    const MeetingState& e = record->state;
    EarlierMeeting& row = meetings.emplace_back(EarlierMeeting{.meeting = e.id,
                                                               .round = e.round,
                                                               .theme = std::string(reference::ThemeName(e.theme)),
                                                               .held = e.held_date,
                                                               .decisions = e.decisions,
                                                               .follow_up_published = e.follow_up_published});
    for (const std::string& ref : record->actions) {
      const ActionRecord& action = model.actions.at(ref);
      views::CountAgreed(action.state, today, &row.actions);
      if (!action.state.closed()) open.push_back(&action);
    }
  }
  Keep(std::move(meetings), kEntriesShown, &brief.earlier, &brief.earlier_count);
  // As the board orders them: by due date, then reference.
  std::ranges::sort(open, [](const ActionRecord* x, const ActionRecord* y) {
    return std::tie(x->state.due, x->state.reference) < std::tie(y->state.due, y->state.reference);
  });
  brief.open_actions_count = open.size();
  if (open.size() > kOpenActionsShown) open.resize(kOpenActionsShown);
  for (const ActionRecord* action : open) {
    OpenAction row{views::ActionRowOf(model, *action, today)};
    row.slipped = views::SlipsOf(*action);
    brief.open_actions.push_back(std::move(row));
  }

  // What each invited agency promised and delivered in the borough; a row for every one.
  JEM_ASSIGN_OR_RETURN(audit::PromisesView promises, audit::Promises(model, {.borough = m.borough}, today));
  for (const std::string& agency : m.invited) {
    auto row = std::ranges::find(promises.rows, agency, &audit::PromiseRow::agency);
    brief.promises.push_back(row != promises.rows.end() ? *row : audit::PromiseRow{{}, agency});
  }

  std::vector<views::GoodPractice> here, elsewhere;
  for (const auto& [id, p] : model.practices) {
    if (p.status == PracticeState::Status::kRejected || p.status == PracticeState::Status::kNone) continue;
    if (p.borough == m.borough) here.push_back(views::PracticeOf(model, p, nullptr));
    else if (p.theme == m.theme) elsewhere.push_back(views::PracticeOf(model, p, nullptr));
  }
  Keep(std::move(here), kEntriesShown, &brief.good_practice_here, &brief.good_practice_here_count);
  Keep(std::move(elsewhere), kEntriesShown, &brief.good_practice_elsewhere, &brief.good_practice_elsewhere_count);

  std::vector<views::PanLondonIssue> issues;
  for (const auto& [id, i] : model.issues) {
    auto raised_at = model.meetings.find(i.meeting_id);
    if (i.status == IssueState::Status::kOpen && raised_at != model.meetings.end() &&
        raised_at->second.state.theme == m.theme) {
      issues.push_back(views::IssueOf(model, i, nullptr));
    }
  }
  Keep(std::move(issues), kEntriesShown, &brief.pan_london_issues, &brief.pan_london_issues_count);

  if (!earlier.empty()) {
    brief.last_meeting = earlier.front()->state.id;
    std::vector<FeedbackGiven> feedback;
    for (const FeedbackRecord& f : earlier.front()->feedback) feedback.push_back({f.day, f.agency, f.positive, f.suggestions});
    Keep(std::move(feedback), kEntriesShown, &brief.feedback, &brief.feedback_count);
  }
  return brief;
}

}  // namespace jem::brief
