// For auditors (and officers): the history of any record, what was recorded late, promises
// against delivery per agency, and who could see and did see an action.
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/audit/who_saw.h"
#include "projections/audit/history.h"
#include "projections/audit/promises.h"
#include "projections/reference.h"

namespace jem::api {

void RecordHistory(Exchange& ex) {
  auto kind = audit::ParseRecordKind(ex.Param("kind"));
  if (!kind.ok()) return SendError(ex.res, kind.status());
  auto page = ex.CountedPageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  // The reminders about the record are copied under the views' lock; its stream is read from
  // the log, a batch at a time, as the answer is sent.
  const std::string& id = ex.Param("record");
  auto opened = ex.s.views.Read([&](const ReadModel& m) { return audit::HistoryReader::Open(ex.s.log, *kind, id, &m.reminders); });
  if (!opened.ok()) return SendError(ex.res, opened.status());
  std::shared_ptr<audit::HistoryReader> reader = std::move(*opened);
  if (Status skipped = reader->SkipTo(page->first); !skipped.ok()) return SendError(ex.res, skipped);
  const size_t last = std::min(reader->count(), page->first + page->second);
  auto items = [reader, last]() -> Result<std::optional<std::string>> {
    if (reader->position() >= last) return std::optional<std::string>();
    JEM_ASSIGN_OR_RETURN(auto entry, reader->Next());
    return entry ? std::optional<std::string>(Dump(views::ToJson(*entry))) : std::nullopt;
  };
  StreamJson(ex.res, Json{{"kind", audit::RecordKindName(*kind)}, {"id", id}, {"count", reader->count()}}, "entries", items,
             [reader, last, after = page->first, limit = page->second] {
               return views::ToJson(audit::CountedCursors(after, last, reader->count(), limit));
             });
}

void LateRecords(Exchange& ex) {
  auto day = ex.Query("date").empty() ? Result<views::Day>(ex.Today()) : reference::ParseDate(ex.Query("date"), "date");
  if (!day.ok()) return SendError(ex.res, day.status().OnField("date"));
  auto turn = ex.s.past.Turn({ex.caller.role, ex.token_id});  // two folds of the log: in the caller's turn
  if (!turn.ok()) return SendError(ex.res, turn.status());
  auto both = audit::BothAsOf(ex.s.log, *day);
  if (!both.ok()) return SendError(ex.res, both.status());
  SendJson(ex.res, views::ToJson(audit::Difference(*both, *day)));
}

void Promises(Exchange& ex) {
  audit::PromiseQuery query;
  query.borough = ex.Query("borough");
  query.theme = ex.Query("theme");
  query.by = ex.Query("by");
  if (ex.req.has_param("round")) {
    auto round = WholeNumber(ex, ex.Query("round"), "round", UINT32_MAX);
    if (!round) return;
    query.round = uint32_t(*round);
  }
  auto promises = ex.ReadViewAnswer([&](const ReadModel& m, views::Day day) { return audit::Promises(m, query, day); });
  if (!promises.ok()) return SendError(ex.res, promises.status());
  SendJson(ex.res, *promises);
}

void AccessRecords(Exchange& ex) {
  std::optional<views::Day> before;
  if (!ex.Query("before").empty()) {
    auto day = reference::ParseDate(ex.Query("before"), "before");
    if (!day.ok()) return SendError(ex.res, day.status().OnField("before"));
    before = *day;
  }
  const std::string& ref = ex.Param("ref");
  auto page = ex.CountedPageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  if (ex.s.access_log != nullptr) (void)ex.s.access_log->Flush();  // the reads up to now are part of the answer
  auto answer = ex.s.views.Read(
      [&](const ReadModel& m) { return audit::WhoSaw(ex.s.log, m, ref, before, page->first, page->second); });
  if (!answer.ok()) return SendError(ex.res, answer.status());
  SendJson(ex.res, views::ToJson(*answer));
}

}  // namespace jem::api
