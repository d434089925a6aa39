// The action board as a page: filters as a GET form (so a filtered board is a link),
// columns sorted by links the server answers (aria-sort says which, and which way), pages of
// kPageSize actions, each status a tag in words (status_tag.h), each reference a link.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "api/answer.h"
#include "api/web/handlers.h"
#include "api/web/pages.h"
#include "api/web/status_tag.h"
#include "engine/access_policy.h"
#include "engine/fields.h"
#include "projections/reference.h"

namespace jem::api::web {
namespace {

constexpr size_t kPageSize = 50;

// The columns the board sorts by: the query's name, the header, and whether it sorts.
struct Column {
  const char* key;
  const char* header;
};
constexpr Column kColumns[] = {{"reference", "Reference"}, {"text", ""}, {"lead", "Lead"}, {"due", "Due"},
                               {"status", "Status"}};

struct Row {
  const ActionRecord* record;
  int urgency = 0;  // the status tag's, when sorting by status
};

// Orders `rows` by `key`, ties by due date then reference, so that a page is always the same.
void Sort(std::vector<Row>& rows, const std::string& key, bool descending) {
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
    const ActionState &a = x.record->state, &b = y.record->state;
    auto tie = [&] { return std::tie(a.due, a.reference) < std::tie(b.due, b.reference); };
    int order = 0;  // <0: a first
    if (key == "reference") order = a.reference.compare(b.reference);
    if (key == "lead") order = a.lead_agency.compare(b.lead_agency);
    if (key == "status") order = x.urgency - y.urgency;  // most urgent first; then the most overdue
    if (order == 0 && key == "status") order = a.due.compare(b.due);
    if (order == 0) return descending ? !tie() && a.reference != b.reference : tie();
    return descending ? order > 0 : order < 0;
  });
}

}  // namespace

void BoardPage(Exchange& ex) {
  const nlohmann::json frame = Frame(ex, "Actions", "/");
  views::BoardFilter filter;
  filter.borough = ex.Query("borough").substr(0, 100);
  filter.agency = ex.Query("agency").substr(0, 100);
  filter.status = ex.Query("status");
  filter.theme = ex.Query("theme");
  filter.overdue_only = ex.Query("overdue") == "true";
  filter.due_this_month = ex.Query("due_this_month") == "true";
  filter.visible = access::ActionsOpenTo(ex.caller);
  if (const std::string round = ex.Query("round"); !round.empty()) {
    auto n = ParseWholeNumber(round, "Round", UINT32_MAX);
    if (!n.ok()) return SendErrorPage(ex.res, 400, n.status().message(), frame);
    filter.round = uint32_t(*n);
  }
  std::string sort = ex.Query("sort");
  if (std::none_of(std::begin(kColumns), std::end(kColumns), [&](const Column& c) { return *c.header && sort == c.key; })) {
    sort = "due";
  }
  const bool descending = ex.Query("order") == "descending";
  // Only the actions of the page shown are drawn in full; the others are sorted by their state.
  std::vector<Row> rows;
  size_t page = 1, pages = 1;
  nlohmann::json actions = nlohmann::json::array();
  std::string as_of;
  // Unfiltered, the board heads its list with the figures of every action the reader may see.
  const bool headline = filter.borough.empty() && filter.agency.empty() && filter.status.empty() &&
                        filter.theme.empty() && filter.round == 0 && !filter.overdue_only && !filter.due_this_month;
  views::StandingCounts all;
  auto board = ex.ReadViews([&](const ReadModel& m, views::Day today) -> Result<bool> {
    JEM_ASSIGN_OR_RETURN(auto records, views::BoardActions(m, filter, today));
    if (headline) all = views::CountActions(m, today, filter.visible).all;
    for (const ActionRecord* r : records) rows.push_back({r, sort == "status" ? int(views::StandingOf(r->state, today).urgency) : 0});
    if (sort != "due" || descending) Sort(rows, sort, descending);  // by due date they come already
    pages = std::max<size_t>(1, (rows.size() + kPageSize - 1) / kPageSize);
    // A page that is not there is not there: page 1 in its place would look like the answer.
    if (const std::string asked = ex.Query("page"); !asked.empty()) {
      auto n = ParseWholeNumber(asked, "page", UINT32_MAX);
      if (!n.ok() || *n < 1 || *n > pages) {
        return Status::NotFound(fmt::format("there is no page {} of these actions: they fill {} page{}", asked.substr(0, 20),
                                            pages, pages == 1 ? "" : "s"));
      }
      page = *n;
    }
    for (size_t i = (page - 1) * kPageSize; i < std::min(rows.size(), page * kPageSize); ++i) {
      const views::ActionRow a = views::ActionRowOf(m, *rows[i].record, today);
      const Tag tag = StatusTag(a);
      actions.push_back({{"reference", a.reference},
                         {"text", a.text},
                         {"borough", a.borough},
                         {"round", a.round},
                         {"lead", a.lead},
                         {"supporting_text", fmt::format("{}", fmt::join(a.supporting, ", "))},
                         {"due", reference::WrittenDay(a.due)},
                         {"tag_text", tag.text},
                         {"tag_class", tag.css}});
    }
    as_of = reference::WrittenDate(today);
    return true;
  });
  if (!board.ok()) return SendErrorPage(ex.res, HttpStatus(board.status().code()), board.status().message(), frame);

  // The filters as a query, to which sorting and paging links add their own parameters.
  httplib::Params kept;
  for (const char* name : {"borough", "agency", "status", "theme", "round", "overdue", "due_this_month", "basis"}) {
    if (const std::string v = ex.Query(name); !v.empty()) kept.emplace(name, v.substr(0, 100));
  }
  // The day as a link gives it, however it was asked for (whole, or typed in its three boxes).
  if (auto asked = ex.AsOfAsked(); asked.ok() && *asked) kept.emplace("as_of", reference::FormatDate((*asked)->day));
  auto link = [&](const std::string& by, bool desc, size_t page) {
    httplib::Params q = kept;
    if (by != "due" || desc) q.emplace("sort", by);
    if (desc) q.emplace("order", "descending");
    if (page > 1) q.emplace("page", std::to_string(page));
    return q.empty() ? std::string("/") : httplib::append_query_params("/", q);
  };
  nlohmann::json headers = nlohmann::json::array();
  for (const Column& c : kColumns) {
    const bool sorted = sort == c.key;
    headers.push_back({{"text", c.header[0] ? c.header : "Action"},
                       {"sortable", c.header[0] != '\0'},
                       {"aria_sort", !sorted ? "none" : descending ? "descending" : "ascending"},
                       {"href", link(c.key, sorted && !descending, 1)}});
  }

  nlohmann::json pagination = nlohmann::json::array();
  for (size_t p = 1; p <= pages && pages > 1; ++p) {
    // The first, the last, and those beside the current; a gap shows as an ellipsis.
    if (p != 1 && p != pages && (p + 1 < page || p > page + 1)) {
      if (pagination.empty() || !pagination.back()["ellipsis"].get<bool>()) pagination.push_back({{"ellipsis", true}});
      continue;
    }
    pagination.push_back({{"number", std::to_string(p)}, {"href", link(sort, descending, p)}, {"current", p == page},
                          {"ellipsis", false}});
  }
  auto options = [](std::string_view chosen, const std::vector<std::pair<std::string, std::string>>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [value, text] : list) out.push_back({{"value", value}, {"text", text}, {"selected", chosen == value}});
    return out;
  };
  const nlohmann::json themes = options(filter.theme, ThemeOptions("Any"));
  // A borough or agency asked for by any of its names (?borough=Camden) is the one chosen.
  const auto borough = reference::FindBorough(filter.borough);
  const auto agency = reference::FindAgency(filter.agency);
  const nlohmann::json boroughs = options(borough.ok() ? std::string(borough->code) : filter.borough, BoroughOptions("Any"));
  const nlohmann::json agencies = options(agency.ok() ? *agency : filter.agency, AgencyOptions("Any"));
  const size_t count = rows.size();
  nlohmann::json data = {
      {"count", count > 0},  // a section: shown when there are actions
      {"one", count == 1},
      {"count_text", std::to_string(count)},
      {"as_of", as_of},
      {"partner", ex.caller.role == Role::kPartner},
      {"filtered", !kept.empty()},
      {"filter", {{"borough", filter.borough}, {"agency", filter.agency}, {"overdue", filter.overdue_only},
                  {"due_this_month", filter.due_this_month},
                  {"round", ex.Query("round").substr(0, 10)}}},
      {"statuses", options(filter.status, {{"", "Any"}, {"not closed", "Open or in progress"}, {"open", "Open"},
                                           {"in progress", "In progress"}, {"blocked", "Blocked"},
                                           {"completed", "Completed"}, {"dropped", "Dropped"}})},
      {"themes", themes},
      {"boroughs", boroughs},
      {"agencies", agencies},
      {"headers", headers},
      {"headline", headline},
      {"figures", headline ? FigureLinks(all, nullptr, kept) : nlohmann::json::array()},  // kept: the day asked for
      {"actions", actions},
      {"paged", pages > 1},
      {"pages", pagination},
      {"page_text", fmt::format("Page {} of {}", page, pages)},
      {"previous", page > 1 ? nlohmann::json(link(sort, descending, page - 1)) : nlohmann::json(false)},
      {"next", page < pages ? nlohmann::json(link(sort, descending, page + 1)) : nlohmann::json(false)}};
  SendPage(ex.res, RenderPage("board", data, frame));
}

}  // namespace jem::api::web
