// The action board, one action, and its history. (Updates are commands: commands.cc.)
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/access_policy.h"
#include "projections/audit/history.h"
#include "projections/papers/counts.h"
#include "projections/reference.h"

namespace jem::api {

void ActionBoard(Exchange& ex) {
  views::BoardFilter filter;
  filter.borough = ex.Query("borough");
  filter.agency = ex.Query("agency");
  filter.status = ex.Query("status");
  filter.theme = ex.Query("theme");
  for (const auto& [name, flag] : {std::pair{"overdue", &filter.overdue_only}, std::pair{"due_this_month", &filter.due_this_month}}) {
    const std::string value = ex.Query(name);
    if (!value.empty() && value != "true" && value != "false") {
      return SendError(ex.res, Status::InvalidArgument(std::string(name) + " must be true or false, not '" +
                                                       value.substr(0, 40) + "'").OnField(name));
    }
    *flag = value == "true";
  }
  if (ex.req.has_param("round")) {
    auto round = WholeNumber(ex, ex.Query("round"), "round", UINT32_MAX);
    if (!round) return;
    filter.round = uint32_t(*round);
  }
  filter.visible = access::ActionsOpenTo(ex.caller);
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  auto board = ex.ReadViewAnswer([&](const ReadModel& m, views::Day day) { return views::ActionBoard(m, filter, day, *page); });
  if (!board.ok()) return SendError(ex.res, board.status());
  SendJson(ex.res, *board);
}

void CountActions(Exchange& ex) {
  const std::string format = ex.Query("format");
  if (!format.empty() && format != "json" && format != "csv") {
    return SendError(ex.res, Status::InvalidArgument("format must be json or csv, not '" + format.substr(0, 40) + "'")
                                 .OnField("format"));
  }
  const auto visible = access::ActionsOpenTo(ex.caller);
  auto count = [&](const ReadModel& m, views::Day day) -> Result<views::ActionCounts> {
    return views::CountActions(m, day, visible);
  };
  if (format == "csv") {
    std::string as_of;
    auto counts = ex.ReadViews([&](const ReadModel& m, views::Day day) {
      as_of = reference::FormatDate(day);
      return count(m, day);
    });
    if (!counts.ok()) return SendError(ex.res, counts.status());
    ex.res.set_content(papers::CountsCsv(*counts, as_of), "text/csv; charset=utf-8");
    return;
  }
  auto counts = ex.ReadViewAnswer(count);
  if (!counts.ok()) return SendError(ex.res, counts.status());
  SendJson(ex.res, *counts);
}

void ActionDetail(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  auto row = ex.ReadViewAnswer([&](const ReadModel& m, views::Day day) -> Result<views::ActionRow> {
    if (Status visible = access::FindAction(ex.caller, m, ref).status(); !visible.ok()) return visible;
    return views::ActionDetail(m, ref, day);
  });
  if (!row.ok()) return SendError(ex.res, row.status());
  if (auto v = ex.s.log.StreamVersion(ActionStream(ref)); v.ok()) ex.res.set_header("ETag", "\"" + std::to_string(*v) + "\"");
  SendJson(ex.res, *row);
}

void ActionHistory(Exchange& ex) {
  const std::string& ref = ex.Param("ref");
  const Status visible = ex.s.views.Read([&](const ReadModel& m) { return access::FindAction(ex.caller, m, ref).status(); });
  if (!visible.ok()) return SendError(ex.res, visible);
  auto page = ex.CountedPageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  const std::string stream = ActionStream(ref);
  auto count = ex.s.log.StreamVersion(stream);
  if (!count.ok()) return SendError(ex.res, count.status());
  // Versions after the cursor, up to the page's end; read a few at a time as they are sent.
  const uint64_t first = page->first + 1, last = std::min<uint64_t>(*count, page->first + page->second);
  const Log& log = ex.s.log;
  auto read = [&log, stream](uint64_t from, size_t n) { return log.ReadStream(stream, from, n); };
  auto render = [caller = ex.caller](const RecordedEvent& e) {
    // What another partner agency wrote stays theirs: the reader learns only which agency wrote.
    auto withheld = access::WithheldEvent(caller, AsView(e.envelope().getActor().getRole()));
    if (!withheld) return EventToJson(e);
    Json event = Json::parse(EventToJson(e));
    event["body"] = Json{{"withheld", *withheld}};
    event["actor"].erase("userId");
    return Dump(event);
  };
  auto items = EventItems(read, first, last, render);
  const uint64_t total = *count;
  StreamJson(ex.res, Json{{"reference", ref}, {"count", total}}, "events", items, [last, total, page = *page] {
    return views::ToJson(audit::CountedCursors(page.first, last, total, page.second));
  });
}

}  // namespace jem::api
