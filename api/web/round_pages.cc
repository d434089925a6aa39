// The rounds of JEMs, for officers and auditors: the list, each round's coverage of the 32
// boroughs as a grid (each borough's standing in words, and in colour), and the committee
// report: totals, completion by lead agency as a chart drawn here in SVG with the same
// figures in a table beside it, and the overdue actions.
#include <fmt/format.h>

#include "api/answer.h"
#include "api/web/form.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/web/status_tag.h"
#include "engine/fields.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// The round in the path, or why not.
Result<uint32_t> RoundOf(const Exchange& ex) {
  JEM_ASSIGN_OR_RETURN(auto n, ParseWholeNumber(ex.Param("n"), "the round", UINT32_MAX));
  if (n == 0) return Status::NotFound("rounds are numbered from 1");
  return uint32_t(n);
}

}  // namespace

void RoundsPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Rounds", "/rounds");
  auto listed = ex.ReadViews([](const ReadModel& m, views::Day) -> Result<views::RoundList> { return views::RoundsOf(m); });
  if (!listed.ok()) return SendErrorPage(ex.res, HttpStatus(listed.status().code()), listed.status().message(), frame);
  nlohmann::json rounds = nlohmann::json::array();
  for (const views::RoundItem& r : listed->rounds) {
    rounds.push_back({{"round", std::to_string(r.round)}, {"title", r.title}, {"start", reference::WrittenDay(r.start)}, {"end", reference::WrittenDay(r.end)},
                      {"meetings", std::to_string(r.meetings)}});
  }
  SendPage(ex.res, RenderPage("rounds", {{"rounds", rounds}, {"any", !rounds.empty()}}, frame));
}

void CoveragePage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Coverage of round " + ex.Param("n"), "/rounds");
  auto round = RoundOf(ex);
  if (!round.ok()) return SendErrorPage(ex.res, 404, round.status().message(), frame);
  auto coverage = ex.ReadViews([&](const ReadModel& m, views::Day) { return views::RoundCoverage(m, *round); });
  if (!coverage.ok()) return SendErrorPage(ex.res, HttpStatus(coverage.status().code()), coverage.status().message(), frame);
  nlohmann::json boroughs = nlohmann::json::array();
  for (const views::BoroughCoverage& b : coverage->boroughs) {
    const std::string& status = b.status;
    boroughs.push_back({{"borough", b.borough}, {"meeting", b.meeting}, {"status", status},
                        {"words", status == "held"        ? "Held on " + reference::WrittenDay(b.date)
                                  : status == "scheduled" ? "Scheduled for " + reference::WrittenDay(b.date)
                                                          : std::string("No JEM yet")},
                        {"tag_class", status == "held" ? "govuk-tag--green" : status == "scheduled" ? "govuk-tag--blue"
                                                                                                      : "govuk-tag--red"},
                        {"tag", status == "held" ? "Held" : status == "scheduled" ? "Scheduled" : "Missing"}});
  }
  const views::Coverage& c = *coverage;
  SendPage(ex.res, RenderPage("coverage", {{"round", std::to_string(c.round)}, {"title", c.title},
                                           {"held", std::to_string(c.held)}, {"scheduled", std::to_string(c.scheduled)},
                                           {"missing", std::to_string(c.missing)}, {"boroughs", boroughs}},
                              frame));
}

void CommitteePage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Committee report, round " + ex.Param("n"), "/rounds");
  auto round = RoundOf(ex);
  if (!round.ok()) return SendErrorPage(ex.res, 404, round.status().message(), frame);
  auto report = ex.ReadViews([&](const ReadModel& m, views::Day day) { return views::CommitteeReport(m, *round, day); });
  if (!report.ok()) return SendErrorPage(ex.res, HttpStatus(report.status().code()), report.status().message(), frame);
  const views::CommitteeFigures& r = *report;
  // The chart: one bar per lead agency, its length the share of expected actions completed.
  constexpr int kBarTop = 10, kBarHeight = 24, kRowHeight = 36, kLabelWidth = 90, kBarWidth = 380;
  nlohmann::json bars = nlohmann::json::array(), agencies = nlohmann::json::array();
  int row = 0;
  for (const views::AgencyProgress& a : r.by_agency) {
    const double rate = a.completion_rate;
    const int y = kBarTop + row++ * kRowHeight;
    const std::string percent = fmt::format("{:.0f}%", rate * 100);
    bars.push_back({{"agency", a.agency}, {"y", std::to_string(y)}, {"text_y", std::to_string(y + 17)},
                    {"height", std::to_string(kBarHeight)},
                    {"x", std::to_string(kLabelWidth)}, {"width", std::to_string(int(rate * kBarWidth))},
                    {"label_x", std::to_string(kLabelWidth + int(rate * kBarWidth) + 6)}, {"percent", percent}});
    agencies.push_back({{"agency", a.agency}, {"actions", std::to_string(a.actions)}, {"completed", std::to_string(a.completed)},
                        {"overdue", std::to_string(a.overdue)}, {"dropped", std::to_string(a.dropped)}, {"percent", percent}});
  }
  nlohmann::json statuses = nlohmann::json::array();
  for (const auto& [status, count] : r.by_status) {
    statuses.push_back({{"status", Sentence(status)}, {"count", std::to_string(count)}});
  }
  nlohmann::json overdue = nlohmann::json::array();
  for (const views::ActionRow& a : r.overdue) {
    const Tag tag = StatusTag(a);
    overdue.push_back({{"reference", a.reference}, {"text", a.text}, {"lead", a.lead}, {"due", reference::WrittenDay(a.due)},
                       {"tag_text", tag.text}, {"tag_class", tag.css}});
  }
  SendPage(ex.res,
           RenderPage("committee", {{"round", std::to_string(r.round)}, {"as_of", r.as_of}, {"meetings", std::to_string(r.meetings)},
                                    {"actions", std::to_string(r.actions)}, {"bars", bars}, {"agencies", agencies},
                                    {"has_agencies", !agencies.empty()},
                                    {"chart_height", std::to_string(kBarTop * 2 + row * kRowHeight)},
                                    {"chart_width", std::to_string(kLabelWidth + kBarWidth + 60)},
                                    {"statuses", statuses}, {"overdue", overdue}, {"has_overdue", !overdue.empty()},
                                    {"overdue_shown", std::to_string(overdue.size())},
                                    {"overdue_more", r.overdue_count > overdue.size()
                                                         ? nlohmann::json(std::to_string(r.overdue_count))
                                                         : nlohmann::json(false)}},
                      frame));
}

}  // namespace jem::api::web
