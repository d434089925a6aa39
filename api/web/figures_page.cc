// The figures: how the actions the reader may see stand, in all, per agency and per borough
// (views::CountActions), each figure a link to the board filtered to show exactly the actions
// it counts.
#include <httplib.h>

#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "engine/access_policy.h"
#include "projections/audit/as_of.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

// One figure of the table: the board's filter that shows what it counts, and its words.
struct Figure {
  const char* header;
  std::pair<const char*, const char*> filter;  // the board's query parameter and value
  int64_t views::StandingCounts::*count;
};
constexpr Figure kFigures[] = {
    {"Open", {"status", "not closed"}, &views::StandingCounts::open},
    {"Overdue", {"overdue", "true"}, &views::StandingCounts::overdue},
    {"Blocked", {"status", "blocked"}, &views::StandingCounts::blocked},
    {"Due this month", {"due_this_month", "true"}, &views::StandingCounts::due_this_month},
};

}  // namespace

nlohmann::json FigureLinks(const views::StandingCounts& row, const char* by, const httplib::Params& base) {
  nlohmann::json cells = nlohmann::json::array();
  for (const Figure& f : kFigures) {
    const int64_t n = row.*f.count;
    httplib::Params query = base;
    if (by != nullptr) query.emplace(by, row.key);
    query.emplace(f.filter.first, f.filter.second);
    cells.push_back({{"header", f.header},
                     {"count", std::to_string(n)},
                     {"href", n > 0 ? nlohmann::json(httplib::append_query_params("/", query)) : nlohmann::json(false)},
                     {"what", Sentence(f.header) + ": " + row.name}});
  }
  return cells;
}

void FiguresPage(Exchange& ex) {
  nlohmann::json frame = Frame(ex, "Figures", "/");
  const auto visible = access::ActionsOpenTo(ex.caller);
  views::Day day = ex.Today();
  auto counts = ex.ReadViews([&](const ReadModel& m, views::Day today) -> Result<views::ActionCounts> {
    day = today;
    return views::CountActions(m, today, visible);
  });
  if (!counts.ok()) return SendErrorPage(ex.res, HttpStatus(counts.status().code()), counts.status().message(), frame);
  // A figure's link shows the board as of the same day as the figure.
  httplib::Params as_of;
  if (auto asked = ex.AsOfAsked(); asked.ok() && *asked) {
    as_of.emplace("as_of", reference::FormatDate(day));
    as_of.emplace("basis", audit::BasisName((*asked)->basis));
  }
  auto table = [&](const std::string& caption, const std::string& first, const char* by,
                   const std::vector<views::StandingCounts>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const views::StandingCounts& row : rows) out.push_back({{"name", row.name}, {"cells", FigureLinks(row, by, as_of)}});
    return nlohmann::json{{"caption", caption}, {"first", first}, {"rows", out}};
  };
  nlohmann::json headers = nlohmann::json::array();
  for (const Figure& f : kFigures) headers.push_back(f.header);
  const nlohmann::json tables = {table("In all", "Actions", nullptr, {counts->all}),
                                 table("By agency, leading or supporting", "Agency", "agency", counts->agencies),
                                 table("By borough", "Borough", "borough", counts->boroughs)};
  SendPage(ex.res, RenderPage("figures", {{"day", reference::WrittenDate(day)}, {"headers", headers},
                                          {"tables", tables}, {"partner", ex.caller.role == Role::kPartner}},
                              frame));
}

}  // namespace jem::api::web
