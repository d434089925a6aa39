// `jem audit ...`: for auditors. The history of any record with what each event changed,
// what was recorded late, promises against delivery per agency, and who saw an action.
#include <iostream>

#include <fmt/format.h>

#include "engine/audit/who_saw.h"
#include "projections/audit/as_of.h"
#include "projections/audit/history.h"
#include "projections/plain_text.h"
#include "projections/audit/promises.h"
#include "projections/reference.h"
#include "tools/jem/cli.h"
#include "tools/jem/reading.h"

namespace jem::cli {
namespace {

// "due: 2009-11-30 -> 2009-12-31", "decisions: + Set up a taskforce".
std::string ChangeText(const audit::FieldChange& c) {
  auto text = [](const audit::Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  if (c.added) {
    std::string out = c.field + ": +";
    for (const auto& item : *c.added) out += " " + text(item);
    return out;
  }
  if (!c.from) return c.field + ": " + text(*c.to);  // set when created
  return c.field + ": " + text(*c.from) + " -> " + text(*c.to);
}

int PrintHistory(const audit::History& h) {
  std::cout << fmt::format("{} {}: {} entries\n", h.kind, h.id, h.count);
  for (const audit::HistoryEntry& e : h.entries) {
    std::string when = e.occurred_at.substr(0, 10);
    if (e.days_late > 0) when += fmt::format(" (recorded {}, {} days late)", e.recorded_at.substr(0, 10), e.days_late);
    const std::string position = e.position ? fmt::format("#{} ", *e.position) : "";
    std::cout << fmt::format("\n{}{}  {}  by {} ({})\n", position, when, Shown(e.what), Shown(e.actor.user),
                             Shown(e.actor.role));
    if (!e.detail.empty()) std::cout << "  why: " << Shown(e.detail) << "\n";
    if (e.corrects) std::cout << fmt::format("  corrects #{} ({})\n", e.corrects->position, e.corrects->type);
    if (e.changes) {
      for (const audit::FieldChange& c : *e.changes) std::cout << "  " << text::OneLine(ChangeText(c)) << "\n";
    }
    if (e.message) std::cout << fmt::format("  to {}: {}\n", Shown(e.to.value_or("")), Shown(e.delivery.value_or("")));
  }
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Globals& g) {
  auto* audit = app.add_subcommand("audit", "for auditors: history, late records, promises, access, proofs");
  RequireVerb(*audit);
  AddProofCommands(*audit, g);
  auto json = std::make_shared<bool>(false);
  auto as = std::make_shared<ReadOptions>();

  struct Subject {
    std::string kind, id;
  };
  auto subject = std::make_shared<Subject>();
  auto* history = audit->add_subcommand(
      "history", "every event of a record: who, when recorded, when it happened, what changed and why");
  history->add_option("kind", subject->kind, "action, meeting, practice or issue")->required();
  history->add_option("id", subject->id, "its reference or id, e.g. CAM-2009-03 or CAM-20090616")->required();
  history->add_flag("--json", *json, "print one JSON object");
  history->callback([&g, subject, json] {
    auto kind = audit::ParseRecordKind(subject->kind);
    if (!kind.ok()) {
      g.exit_code = Fail(kind.status());
      return;
    }
    auto log = OpenLog(g, false);
    if (!log) {
      g.exit_code = kExitError;
      return;
    }
    auto reminders = ReminderBook::Load(*log, log->head().position);
    if (!reminders.ok()) {
      g.exit_code = Fail(reminders.status());
      return;
    }
    auto h = audit::HistoryOf(*log, *kind, subject->id, &*reminders, 0, SIZE_MAX);
    if (!h.ok()) {
      g.exit_code = Fail(h.status());
      return;
    }
    if (*json) {
      std::cout << views::ToJson(*h).dump() << "\n";
      g.exit_code = 0;
    } else {
      g.exit_code = PrintHistory(*h);
    }
  });

  auto late_day = std::make_shared<std::string>();
  auto* late = audit->add_subcommand(
      "late", "what happened by a day but was recorded after it, and the actions the record then shows otherwise");
  late->add_option("--date", *late_day, "the day, YYYY-MM-DD")->required();
  late->add_flag("--json", *json, "print one JSON object");
  late->callback([&g, late_day, json] {
    auto day = reference::ParseDate(*late_day, "--date");
    if (!day.ok()) {
      g.exit_code = Fail(day.status());
      return;
    }
    auto log = OpenLog(g, false);
    if (!log) {
      g.exit_code = kExitError;
      return;
    }
    auto both = audit::BothAsOf(*log, *day);
    if (!both.ok()) {
      g.exit_code = Fail(both.status());
      return;
    }
    const auto diff = audit::Difference(*both, *day);
    if (*json) {
      std::cout << views::ToJson(diff).dump() << "\n";
    } else {
      std::cout << fmt::format("{} events happened by {} but were recorded later (at most {} days late)\n\n",
                               diff.count, *late_day, diff.days_late_max);
      using Late = audit::LateRecordRow;
      PrintRows(diff.late, {{"POSITION", &Late::position}, {"STREAM", &Late::stream}, {"TYPE", &Late::type},
                            {"HAPPENED", &Late::occurred_at}, {"RECORDED", &Late::recorded_at},
                            {"DAYS LATE", &Late::days_late}});
      std::cout << "\nActions the record showed otherwise on " << *late_day << ":\n";
      using Action = audit::StatusThenAndNow;
      PrintRows(diff.actions, {{"REFERENCE", &Action::reference}, {"RECORDED THEN", &Action::recorded},
                               {"KNOWN NOW", &Action::happened}});
    }
    g.exit_code = 0;
  });

  auto query = std::make_shared<audit::PromiseQuery>();
  auto* promises = audit->add_subcommand(
      "promises", "promises against delivery per agency: on time, late, re-dated, reassigned, dropped, open");
  promises->add_option("--borough", query->borough, "only this borough");
  promises->add_option("--theme", query->theme, "only this theme");
  promises->add_option("--round", query->round, "only this round");
  promises->add_option("--by", query->by, "rows per agency and borough, theme or round")
      ->check(CLI::IsMember({"borough", "theme", "round"}));
  promises->add_flag("--json", *json, "print one JSON object");
  AddReader(*promises, *as);
  promises->callback([&g, query, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day today) {
      if (Status s = EverythingReader(reader, "promises against delivery"); !s.ok()) return Fail(s);
      using Row = audit::PromiseRow;
      std::vector<FieldColumn<Row>> columns = {{"AGENCY", &Row::agency}};
      if (query->by == "borough") columns.push_back({"GROUP", &Row::borough});
      if (query->by == "theme") columns.push_back({"GROUP", &Row::theme});
      if (query->by == "round") columns.push_back({"GROUP", &Row::round});
      columns.insert(columns.end(), {{"AGREED", &Row::agreed}, {"ON TIME", &Row::completed_on_time},
                                     {"LATE", &Row::completed_late}, {"SLIP DAYS", &Row::slip_days},
                                     {"BY REVISED", &Row::completed_by_revised_date}, {"REDATED", &Row::redated},
                                     {"AWAY", &Row::reassigned_away}, {"RECEIVED", &Row::received},
                                     {"DROPPED", &Row::dropped}, {"OPEN", &Row::open}, {"OVERDUE", &Row::overdue},
                                     {"DELIVERED", &Row::delivered}});
      return ShowRows(audit::Promises(m, *query, today), *json, &audit::PromisesView::rows, columns);
    });
  });

  struct Access {
    std::string action, before;
  };
  auto access_query = std::make_shared<Access>();
  auto* access = audit->add_subcommand("access", "who could see an action, and who did see it, before a day");
  access->add_option("--action", access_query->action, "the action's reference, e.g. CAM-2009-03")->required();
  access->add_option("--before", access_query->before, "only before this day, YYYY-MM-DD (default: all)");
  access->add_flag("--json", *json, "print one JSON object");
  access->callback([&g, access_query, json] {
    std::optional<views::Day> before;
    if (!access_query->before.empty()) {
      auto day = reference::ParseDate(access_query->before, "--before");
      if (!day.ok()) {
        g.exit_code = Fail(day.status());
        return;
      }
      before = *day;
    }
    auto log = OpenLog(g, false);
    if (!log) {
      g.exit_code = kExitError;
      return;
    }
    auto model = LoadModel(*log);
    auto answer = model.ok() ? audit::WhoSaw(*log, *model, access_query->action, before, 0, SIZE_MAX)
                             : Result<audit::AccessRecords>(model.status());
    if (!answer.ok()) {
      g.exit_code = Fail(answer.status());
      return;
    }
    if (*json) {
      std::cout << views::ToJson(*answer).dump() << "\n";
    } else {
      std::cout << "Could see " << access_query->action << ":\n";
      using Could = audit::CouldSee;
      PrintRows(answer->could_see, {{"USER", &Could::user}, {"ROLE", &Could::role}, {"AGENCY", &Could::agency},
                                    {"TOKEN", &Could::token}, {"ISSUED", &Could::issued}, {"REVOKED", &Could::revoked}});
      std::cout << "\nDid see it (the action, its meeting's reports, its round's):\n";
      using Did = audit::DidSee;
      PrintRows(answer->did_see, {{"USER", &Did::user}, {"ROLE", &Did::role}, {"AGENCY", &Did::agency},
                                  {"READS", &Did::reads}, {"FIRST", &Did::first}, {"LAST", &Did::last}});
      if (answer->unrecorded > 0) {
        std::cout << fmt::format("\n{} reads were not recorded (the server's queue was full)\n", answer->unrecorded);
      }
    }
    g.exit_code = 0;
  });
}

}  // namespace jem::cli
