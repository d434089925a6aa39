// The registers (good practice, pan-London issues) and the reports across a round.
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "engine/access_policy.h"

namespace jem::api {
namespace {

// Runs a report of round {n}.
template <class Report>
void RoundReport(Exchange& ex, const Report& report) {
  auto round = WholeNumber(ex, ex.Param("n"), "round", UINT32_MAX);
  if (!round) return;
  auto result = ex.ReadViewAnswer([&](const ReadModel& m, views::Day day) { return report(m, uint32_t(*round), day); });
  if (!result.ok()) return SendError(ex.res, result.status());
  SendJson(ex.res, *result);
}

}  // namespace

void PracticeRegister(Exchange& ex) {
  views::PracticeQuery query{ex.Query("borough"), ex.Query("theme"), ex.Query("status"), ex.Query("text"),
                             access::MeetingsOpenTo(ex.caller)};
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  auto result = ex.ReadViewAnswer([&](const ReadModel& m, views::Day) { return views::PracticeRegister(m, query, *page); });
  if (!result.ok()) return SendError(ex.res, result.status());
  SendJson(ex.res, *result);
}

void IssueRegister(Exchange& ex) {
  auto page = ex.PageAsked();
  if (!page.ok()) return SendError(ex.res, page.status());
  auto result = ex.ReadViewAnswer([&](const ReadModel& m, views::Day) {
    return views::IssueRegister(m, ex.Query("status"), access::MeetingsOpenTo(ex.caller), *page);
  });
  if (!result.ok()) return SendError(ex.res, result.status());
  SendJson(ex.res, *result);
}

void RoundCoverage(Exchange& ex) {
  RoundReport(ex, [](const ReadModel& m, uint32_t n, views::Day) { return views::RoundCoverage(m, n); });
}

void CommitteeReport(Exchange& ex) {
  RoundReport(ex, [](const ReadModel& m, uint32_t n, views::Day day) { return views::CommitteeReport(m, n, day); });
}

}  // namespace jem::api
