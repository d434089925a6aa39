// The registers: good practice (searchable) and pan-London issues.
#include <algorithm>
#include <cctype>

#include "projections/reference.h"
#include "projections/views/rows.h"

namespace jem::views {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

// The meeting `id`, if the reader may open it; else nullptr (its register entries keep
// their meeting, and the day it met, to themselves).
const MeetingState* Opened(const ReadModel& model, const std::string& id, const MeetingVisible& visible) {
  auto it = model.meetings.find(id);
  if (it == model.meetings.end() || (visible && !visible(it->second.state))) return nullptr;
  return &it->second.state;
}

}  // namespace

GoodPractice PracticeOf(const ReadModel& model, const PracticeState& p, const MeetingVisible& visible) {
  const MeetingState* meeting = Opened(model, p.meeting_id, visible);
  return {.id = p.id,
          .title = p.title,
          .scope = p.borough,
          .theme = std::string(reference::ThemeName(p.theme)),
          .status = std::string(StatusName(p.status)),
          .partners = p.partners,
          .description = p.description,
          .contact = p.contact,
          .meeting = meeting ? std::optional(meeting->id) : std::nullopt,
          .identified_on = meeting ? std::optional(meeting->held_date) : std::nullopt};
}

PanLondonIssue IssueOf(const ReadModel& model, const IssueState& i, const MeetingVisible& visible) {
  const size_t shown = std::min(i.updates.size(), kIssueUpdatesShown);
  return {.id = i.id,
          .title = i.title,
          .lead = i.lead_agency,
          .status = std::string(StatusName(i.status)),
          .meeting = Opened(model, i.meeting_id, visible) ? std::optional(i.meeting_id) : std::nullopt,
          .description = i.description,
          .updates = std::vector<std::string>(i.updates.end() - long(shown), i.updates.end()),
          .updates_count = i.updates.size(),
          .resolution = i.resolution};
}

Result<GoodPracticeRegister> PracticeRegister(const ReadModel& model, const PracticeQuery& q, const PageRequest& page) {
  std::string scope;
  if (!q.borough.empty()) {
    JEM_ASSIGN_OR_RETURN(auto s, reference::FindScope(q.borough));
    scope = s;
  }
  std::optional<schema::Theme> theme;
  if (!q.theme.empty()) {
    JEM_ASSIGN_OR_RETURN(auto t, reference::ParseTheme(q.theme));
    theme = t;
  }
  static const std::vector<std::string> kStatuses = {"identified", "validated", "disseminated", "rejected"};
  if (!q.status.empty() && std::find(kStatuses.begin(), kStatuses.end(), q.status) == kStatuses.end()) {
    return Status::InvalidArgument("'" + q.status + "' is not a good practice status; use identified, "
                                   "validated, disseminated or rejected");
  }
  const std::string text = Lower(q.text);
  std::vector<const PracticeState*> found;
  for (const auto& [id, p] : model.practices) {
    if (!scope.empty() && p.borough != scope) continue;
    if (theme && p.theme != *theme) continue;
    if (!q.status.empty() && StatusName(p.status) != q.status) continue;
    if (!text.empty() && Lower(p.title + "\n" + p.description + "\n" + p.contact).find(text) == std::string::npos) {
      continue;
    }
    found.push_back(&p);
  }
  const Window w = WindowOf(found, [](const PracticeState* p) { return p->id; }, page);
  GoodPracticeRegister reg{CursorsOf(w), found.size(), {}};
  for (size_t i = w.begin; i < w.end; ++i) reg.good_practice.push_back(PracticeOf(model, *found[i], q.meeting_visible));
  return reg;
}

Result<PanLondonIssues> IssueRegister(const ReadModel& model, const std::string& status,
                                      const MeetingVisible& meeting_visible, const PageRequest& page) {
  if (!status.empty() && status != "open" && status != "resolved") {
    return Status::InvalidArgument("'" + status + "' is not an issue status; use open or resolved");
  }
  std::vector<const IssueState*> found;
  for (const auto& [id, i] : model.issues) {
    if (status.empty() || StatusName(i.status) == status) found.push_back(&i);
  }
  const Window w = WindowOf(found, [](const IssueState* i) { return i->id; }, page);
  PanLondonIssues reg{CursorsOf(w), found.size(), {}};
  for (size_t n = w.begin; n < w.end; ++n) reg.pan_london_issues.push_back(IssueOf(model, *found[n], meeting_visible));
  return reg;
}

}  // namespace jem::views
