// The brief's formats for people. Every value from the record is made safe for where it
// lands (projections/plain_text.h).
#include "projections/papers/brief.h"

#include <sstream>

#include "projections/papers/lines.h"
#include "projections/plain_text.h"
#include "projections/reference.h"

namespace jem::papers {
namespace {

// "Brief for the Camden JEM of 16 June 2009 (round 1, serious youth violence)".
std::string Title(const brief::Brief& b) {
  return "Brief for the " + b.borough_name + " JEM of " + reference::WrittenDay(b.date) + " (round " +
         std::to_string(b.round) + ", " + reference::ThemeWordsOf(b.theme) + ")";
}

// "The 100 shown are the first of 240." when a list was cut to its bound; "" otherwise.
std::string Shown(size_t shown, size_t count) {
  if (count <= shown) return "";
  return "The " + std::to_string(shown) + " shown are the first of " + std::to_string(count) + ".";
}

// "Agreed 12; completed on time 5, late 3; open 4, overdue 2; dropped 0; re-dated 6 times".
std::string PromiseLine(const audit::PromiseCounts& c) {
  std::ostringstream out;
  out << "Agreed " << c.agreed << "; completed on time " << c.completed_on_time << ", late " << c.completed_late
      << "; open " << c.open << ", overdue " << c.overdue << "; dropped " << c.dropped << "; re-dated " << c.redates
      << (c.redates == 1 ? " time" : " times");
  return out.str();
}

}  // namespace

std::string BriefMarkdown(const brief::Brief& b) {
  const auto M = [](std::string_view v) { return text::Markdown(v); };
  std::ostringstream out;
  out << "# " << M(Title(b)) << "\n\n";
  out << "- Meeting: " << M(b.meeting) << " (" << M(b.status) << ")\n";
  out << "- When: " << M(b.date) << ", " << M(b.start) << " to " << M(b.end) << "\n";
  out << "- Where: " << M(b.room) << "\n- Chair: " << M(b.chair) << "\n";
  out << "- Invited: " << M(Join(b.invited, ", ")) << "\n- Figures as of: " << M(b.as_of) << "\n\n";
  out << "## Earlier JEMs in " << M(b.borough_name) << "\n\n";
  if (b.earlier.empty()) out << "None: this is the borough's first.\n\n";
  for (const auto& e : b.earlier) {
    out << "### " << M(e.meeting) << ", held " << M(e.held) << " (round " << e.round << ", " << M(e.theme) << ")\n\n";
    for (const auto& d : e.decisions) out << "- Decided: " << M(d) << "\n";
    out << "- Actions: " << TotalsLine(e.actions) << "\n";
    out << "- Follow-up report " << (e.follow_up_published ? "published" : "not published") << "\n\n";
  }
  if (const std::string more = Shown(b.earlier.size(), b.earlier_count); !more.empty()) out << more << "\n\n";
  out << "## Actions still open\n\n";
  if (b.open_actions.empty()) out << "None.\n\n";
  for (const auto& a : b.open_actions) out << ActionMarkdown(a, a.slipped) << "\n";
  if (const std::string more = Shown(b.open_actions.size(), b.open_actions_count); !more.empty()) out << more << "\n\n";
  out << "## What the invited agencies promised and delivered in " << M(b.borough_name) << "\n\n";
  if (b.promises.empty()) out << "No agencies are invited yet.\n";
  for (const auto& p : b.promises) out << "- " << M(p.agency) << ": " << PromiseLine(p) << "\n";
  out << "\n## Good practice from " << M(b.borough_name) << "\n\n";
  const auto practices = [&](const std::vector<views::GoodPractice>& list, size_t count, std::string_view none) {
    if (list.empty()) out << none << "\n";
    for (const auto& p : list) {
      out << "- " << M(p.id) << " " << M(p.title) << " (" << M(p.scope) << ", " << M(p.theme) << "): " << M(p.status) << "\n";
    }
    if (const std::string more = Shown(list.size(), count); !more.empty()) out << "\n" << more << "\n";
  };
  practices(b.good_practice_here, b.good_practice_here_count, "None yet.");
  out << "\n## Good practice on " << M(reference::ThemeWordsOf(b.theme)) << " from elsewhere\n\n";
  practices(b.good_practice_elsewhere, b.good_practice_elsewhere_count, "None yet.");
  out << "\n## Open pan-London issues on " << M(reference::ThemeWordsOf(b.theme)) << "\n\n";
  if (b.pan_london_issues.empty()) out << "None open.\n";
  for (const auto& i : b.pan_london_issues) {
    out << "- " << M(i.id) << " " << M(i.title) << " (lead " << M(i.lead) << ")";
    if (!i.updates.empty()) out << " — " << M(i.updates.back());
    out << "\n";
  }
  if (const std::string more = Shown(b.pan_london_issues.size(), b.pan_london_issues_count); !more.empty()) {
    out << "\n" << more << "\n";
  }
  out << "\n## Feedback on the last JEM\n\n";
  if (b.last_meeting.empty()) out << "There was no earlier JEM.\n";
  else if (b.feedback.empty()) out << "None was given on " << M(b.last_meeting) << ".\n";
  for (const auto& f : b.feedback) {
    out << "- " << M(f.agency) << " (" << M(f.day) << "): " << M(f.positive);
    if (!f.suggestions.empty()) out << " Suggested: " << M(f.suggestions);
    out << "\n";
  }
  return out.str();
}

nlohmann::json BriefPaper(const brief::Brief& b) {
  nlohmann::json earlier = nlohmann::json::array(), actions = nlohmann::json::array(),
                 promises = nlohmann::json::array(), feedback = nlohmann::json::array();
  for (const auto& e : b.earlier) {
    earlier.push_back({{"meeting", e.meeting}, {"held", reference::WrittenDay(e.held)}, {"round", e.round},
                       {"theme", reference::ThemeWordsOf(e.theme)}, {"decisions", e.decisions}, {"has_decisions", !e.decisions.empty()},
                       {"totals", TotalsLine(e.actions)}, {"published", e.follow_up_published}});
  }
  for (const auto& a : b.open_actions) {
    nlohmann::json& item = actions.emplace_back(ActionItem(a, a.slipped));
    item["meeting"] = a.meeting;
  }
  for (const auto& p : b.promises) {
    promises.push_back({{"agency", p.agency}, {"agreed", p.agreed}, {"on_time", p.completed_on_time},
                        {"late", p.completed_late}, {"open", p.open}, {"overdue", p.overdue},
                        {"dropped", p.dropped}, {"redates", p.redates}});
  }
  for (const auto& f : b.feedback) {
    feedback.push_back({{"agency", f.agency}, {"day", reference::WrittenDay(f.day)}, {"positive", f.positive},
                        {"suggestions", f.suggestions}});
  }
  const auto practices = [](const std::vector<views::GoodPractice>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : list) {
      out.push_back({{"id", p.id}, {"title", p.title}, {"scope", reference::BoroughWords(p.scope)},
                     {"theme", reference::ThemeWordsOf(p.theme)}, {"status", reference::Sentence(p.status)}});
    }
    return out;
  };
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : b.pan_london_issues) {
    issues.push_back({{"id", i.id}, {"title", i.title}, {"lead", i.lead},
                      {"latest", i.updates.empty() ? nlohmann::json(false) : nlohmann::json(i.updates.back())}});
  }
  const auto more = [](size_t shown, size_t count) {
    const std::string line = Shown(shown, count);
    return line.empty() ? nlohmann::json(false) : nlohmann::json(line);
  };
  nlohmann::json here = practices(b.good_practice_here), elsewhere = practices(b.good_practice_elsewhere);
  return {{"title", Title(b)},
          {"meeting", b.meeting},
          {"borough", b.borough_name},
          {"theme", reference::ThemeWordsOf(b.theme)},
          {"status", reference::Sentence(b.status)},
          {"date", reference::WrittenDay(b.date)},
          {"start", b.start.empty() ? "" : reference::WrittenTime(b.start)},
          {"end", b.end.empty() ? "" : reference::WrittenTime(b.end)},
          {"room", b.room},
          {"chair", b.chair},
          {"invited", Join(b.invited, ", ")},
          {"as_of", reference::WrittenDay(b.as_of)},
          {"earlier", earlier},
          {"earlier_more", more(b.earlier.size(), b.earlier_count)},
          {"actions", actions},
          {"has_actions", !actions.empty()},
          {"actions_more", more(b.open_actions.size(), b.open_actions_count)},
          {"open_count", b.open_actions_count},
          {"promises", promises},
          {"has_promises", !promises.empty()},
          {"here", here},
          {"has_here", !here.empty()},
          {"here_more", more(b.good_practice_here.size(), b.good_practice_here_count)},
          {"elsewhere", elsewhere},
          {"has_elsewhere", !elsewhere.empty()},
          {"elsewhere_more", more(b.good_practice_elsewhere.size(), b.good_practice_elsewhere_count)},
          {"issues", issues},
          {"has_issues", !issues.empty()},
          {"issues_more", more(b.pan_london_issues.size(), b.pan_london_issues_count)},
          {"last_meeting", b.last_meeting},
          {"feedback", feedback},
          {"has_feedback", !feedback.empty()}};
}

}  // namespace jem::papers
