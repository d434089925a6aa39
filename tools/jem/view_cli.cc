// The read-only verbs: `jem board`, `jem meeting summary`, `jem report follow-up|brief|committee`,
// `jem reminders preview|sent`, `jem contact list`,
// `jem practice search`, `jem issues`, `jem coverage`, `jem rebuild`.
#include <iostream>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "api/web/brief.h"
#include "api/web/follow_up.h"
#include "engine/access_policy.h"
#include "engine/reminders/schedule.h"
#include "events/views_cache.h"
#include "projections/due_index.h"
#include "projections/papers/brief.h"
#include "projections/papers/follow_up.h"
#include "projections/reference.h"
#include "projections/views.h"
#include "tools/jem/cli.h"
#include "tools/jem/reading.h"

namespace jem::cli {
namespace {

using views::ActionRow;
const std::vector<FieldColumn<ActionRow>> kActionColumns = {
    {"REFERENCE", &ActionRow::reference}, {"BOROUGH", &ActionRow::borough},  {"LEAD", &ActionRow::lead},
    {"SUPPORTING", &ActionRow::supporting}, {"DUE", &ActionRow::due},       {"ORIGINAL", &ActionRow::original_due},
    {"STATUS", &ActionRow::status},       {"BLOCKED", &ActionRow::blocked}, {"OVERDUE", &ActionRow::days_overdue},
    {"RAG", &ActionRow::rag},             {"TEXT", &ActionRow::text}};

}  // namespace

void AddViewCommands(CLI::App& app, Globals& g) {
  auto board_filter = std::make_shared<views::BoardFilter>();
  auto json = std::make_shared<bool>(false);
  auto as = std::make_shared<ReadOptions>();
  auto* board = app.add_subcommand("board", "the action board: every action, its owners, dates, status and RAG");
  board->add_option("--borough", board_filter->borough, "only this borough");
  board->add_option("--agency", board_filter->agency, "only actions this agency leads or supports");
  board->add_option("--status", board_filter->status, "open, in progress, completed, dropped, blocked or not closed");
  board->add_option("--theme", board_filter->theme, "only this theme");
  board->add_option("--round", board_filter->round, "only this round");
  board->add_flag("--overdue", board_filter->overdue_only, "only overdue actions");
  board->add_flag("--due-this-month", board_filter->due_this_month, "only open actions due from today to the month's end");
  board->add_flag("--json", *json, "print one JSON object");
  AddReader(*board, *as);
  board->callback([&g, board_filter, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day today) {
      views::BoardFilter filter = *board_filter;
      filter.visible = access::ActionsOpenTo(reader);
      return ShowRows(views::ActionBoard(m, filter, today, views::WholeList()), *json, &views::Board::actions, kActionColumns);
    });
  });

  auto* meeting = app.get_subcommand("meeting");
  auto summary_id = std::make_shared<std::string>();
  auto* summary = meeting->add_subcommand("summary", "the summary of agreed actions circulated after a JEM");
  summary->add_option("meeting", *summary_id, "meeting id")->required();
  summary->add_flag("--json", *json, "print one JSON object");
  AddReader(*summary, *as);
  summary->callback([&g, summary_id, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      auto part = access::MeetingPart(reader, m, *summary_id);
      auto view = part.ok() ? views::MeetingSummary(*part, *summary_id) : Result<views::SummaryOfAgreedActions>(part.status());
      using views::AgreedAction;
      if (!view.ok() || *json) return ShowRows(view, true, &views::SummaryOfAgreedActions::actions, {});
      PrintRecord({{"meeting", view->meeting}, {"date", view->date}, {"chair", view->chair}, {"decisions", view->decisions}},
                  false);
      std::cout << "\n";
      ShowRows(view, false, &views::SummaryOfAgreedActions::actions,
               {{"REFERENCE", &AgreedAction::reference}, {"LEAD", &AgreedAction::lead},
                {"SUPPORTING", &AgreedAction::supporting}, {"DUE", &AgreedAction::due},
                {"PRIORITY", &AgreedAction::priority}, {"TEXT", &AgreedAction::text}});
      return 0;
    });
  });

  auto* report = app.add_subcommand("report", "reports: follow-up and brief (per meeting), committee (per round)");
  RequireVerb(*report);
  struct FollowUp {
    std::string meeting, format = "md";
    uint64_t at_position = 0;
  };
  auto fu = std::make_shared<FollowUp>();
  auto* follow_up = report->add_subcommand("follow-up", "a meeting's six-month follow-up report");
  follow_up->add_option("meeting", fu->meeting, "meeting id")->required();
  follow_up->add_option("--at-position", fu->at_position,
                        "as the record stood after the event at this position (see jem log dump)");
  follow_up->add_option("--format", fu->format, "json, csv, md or html")
      ->check(CLI::IsMember({"json", "csv", "md", "html"}))
      ->capture_default_str();
  AddReader(*follow_up, *as);
  follow_up->callback([&g, fu, as] {
    // What one meeting recorded by a day is in its own streams: no need to fold the whole log.
    auto fold = [&](Log& log, views::Day day) -> Result<ReadModel> {
      if (fu->at_position) return ModelAtPosition(log, fu->at_position);
      if (!as->as_of.empty() && as->basis == "recorded") return MeetingModelAsOf(log, fu->meeting, day);
      return FoldAsAsked(log, *as);
    };
    g.exit_code = WithModel(g, *as, fold, [&](const ReadModel& m, const Caller& reader, views::Day today) {
      auto part = access::MeetingPart(reader, m, fu->meeting);
      auto view = part.ok() ? views::FollowUpReport(*part, fu->meeting, today) : Result<views::FollowUp>(part.status());
      if (!view.ok()) {
        const std::string when = (as->basis == "happened" ? "as known to have happened by the end of "
                                                           : "as recorded by the end of ") + as->as_of;
        return Fail(as->as_of.empty() ? view.status() : view.status().WithContext(when));
      }
      if (fu->format == "json") std::cout << views::ToJson(*view).dump(2) << "\n";
      if (fu->format == "csv") std::cout << papers::FollowUpCsv(*view);
      if (fu->format == "md") std::cout << papers::FollowUpMarkdown(*view);
      if (fu->format == "html") std::cout << api::web::FollowUpHtml(*view);
      return 0;
    });
  });

  struct Brief {
    std::string meeting, format = "md";
  };
  auto br = std::make_shared<Brief>();
  auto* brief = report->add_subcommand("brief", "a meeting's brief (data pack): the borough's story so far");
  brief->add_option("meeting", br->meeting, "meeting id")->required();
  brief->add_option("--format", br->format, "json, md or html")->check(CLI::IsMember({"json", "md", "html"}))->capture_default_str();
  AddReader(*brief, *as);
  brief->callback([&g, br, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day today) {
      if (Status s = EverythingReader(reader, "a meeting's brief"); !s.ok()) return Fail(s);
      auto view = brief::BriefOf(m, br->meeting, today);
      if (!view.ok()) return Fail(view.status());
      if (br->format == "json") std::cout << views::ToJson(*view).dump(2) << "\n";
      if (br->format == "md") std::cout << papers::BriefMarkdown(*view);
      if (br->format == "html") std::cout << api::web::BriefHtml(*view);
      return 0;
    });
  });

  auto committee_round = std::make_shared<uint32_t>(0);
  auto* committee = report->add_subcommand("committee", "progress across a round, for the committee");
  committee->add_option("round", *committee_round, "round number")->required();
  committee->add_flag("--json", *json, "print one JSON object");
  AddReader(*committee, *as);
  committee->callback([&g, committee_round, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day today) {
      if (Status s = EverythingReader(reader, "the committee report"); !s.ok()) return Fail(s);
      auto view = views::CommitteeReport(m, *committee_round, today);
      if (!view.ok() || *json) return ShowRows(view, true, &views::CommitteeFigures::overdue, kActionColumns);
      std::cout << fmt::format("Round {}: {} actions from {} meetings, as of {}\n\n", view->round, view->actions,
                               view->meetings, view->as_of);
      PrintRecord({{"by status", views::ToJson(view->by_status)}, {"by theme", views::ToJson(view->by_theme)}}, false);
      std::cout << "\n";
      using views::AgencyProgress;
      ShowRows(view, false, &views::CommitteeFigures::by_agency,
               {{"AGENCY", &AgencyProgress::agency}, {"ACTIONS", &AgencyProgress::actions},
                {"COMPLETED", &AgencyProgress::completed}, {"OVERDUE", &AgencyProgress::overdue},
                {"DROPPED", &AgencyProgress::dropped}, {"COMPLETION", &AgencyProgress::completion_rate}});
      std::cout << "\nOverdue:\n";
      return ShowRows(view, false, &views::CommitteeFigures::overdue, kActionColumns);
    });
  });

  auto query = std::make_shared<views::PracticeQuery>();
  auto* search = app.get_subcommand("practice")->add_subcommand("search", "search the good-practice register");
  search->add_option("--borough", query->borough, "a borough, or pan-London");
  search->add_option("--theme", query->theme, "a theme");
  search->add_option("--status", query->status, "identified, validated, disseminated or rejected");
  search->add_option("--text", query->text, "words in the title, description or contact");
  search->add_flag("--json", *json, "print one JSON object");
  AddReader(*search, *as);
  search->callback([&g, query, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      views::PracticeQuery q = *query;
      q.meeting_visible = access::MeetingsOpenTo(reader);
      using views::GoodPractice;
      return ShowRows(views::PracticeRegister(m, q, views::WholeList()), *json, &views::GoodPracticeRegister::good_practice,
                      {{"ID", &GoodPractice::id}, {"SCOPE", &GoodPractice::scope}, {"THEME", &GoodPractice::theme},
                       {"STATUS", &GoodPractice::status}, {"MEETING", &GoodPractice::meeting}, {"TITLE", &GoodPractice::title}});
    });
  });

  auto issue_status = std::make_shared<std::string>();
  auto* issues = app.add_subcommand("issues", "the pan-London issue register");
  issues->add_option("--status", *issue_status, "open or resolved");
  issues->add_flag("--json", *json, "print one JSON object");
  AddReader(*issues, *as);
  issues->callback([&g, issue_status, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      using views::PanLondonIssue;
      return ShowRows(views::IssueRegister(m, *issue_status, access::MeetingsOpenTo(reader), views::WholeList()), *json,
                      &views::PanLondonIssues::pan_london_issues,
                      {{"ID", &PanLondonIssue::id}, {"LEAD", &PanLondonIssue::lead}, {"STATUS", &PanLondonIssue::status},
                       {"MEETING", &PanLondonIssue::meeting}, {"TITLE", &PanLondonIssue::title}});
    });
  });

  auto coverage_round = std::make_shared<uint32_t>(0);
  auto* coverage = app.add_subcommand("coverage", "which boroughs have had their JEM in a round");
  coverage->add_option("round", *coverage_round, "round number")->required();
  coverage->add_flag("--json", *json, "print one JSON object");
  AddReader(*coverage, *as);
  coverage->callback([&g, coverage_round, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      if (Status s = EverythingReader(reader, "round coverage"); !s.ok()) return Fail(s);
      auto view = views::RoundCoverage(m, *coverage_round);
      using views::BoroughCoverage;
      int code = ShowRows(view, *json, &views::Coverage::boroughs,
                          {{"CODE", &BoroughCoverage::code}, {"BOROUGH", &BoroughCoverage::borough},
                           {"STATUS", &BoroughCoverage::status}, {"MEETING", &BoroughCoverage::meeting},
                           {"DATE", &BoroughCoverage::date}});
      if (view.ok() && !*json) {
        std::cout << fmt::format("\n{} held, {} scheduled, {} missing\n", view->held, view->scheduled, view->missing);
      }
      return code;
    });
  });

  auto rebuild_view = std::make_shared<std::string>();
  auto* rebuild = app.add_subcommand("rebuild", "drop the views' cache and rebuild them from position 1");
  rebuild->add_option("view", *rebuild_view, "board, summary, follow-up, practice, issues, coverage or committee "
                                             "(all share one read model, so any rebuilds them all)")
      ->check(CLI::IsMember({"board", "summary", "follow-up", "practice", "issues", "coverage", "committee"}));
  rebuild->callback([&g, rebuild_view] {  // holds the option's storage
    auto log = OpenLog(g, false);
    if (!log) {
      g.exit_code = kExitError;
      return;
    }
    Status s = ViewsCache(*log).Clear();
    auto model = s.ok() ? LoadModel(*log) : Result<ReadModel>(s);
    if (!model.ok()) {
      g.exit_code = Fail(model.status());
      return;
    }
    std::cout << fmt::format("rebuilt the read model from {} events: {} meetings, {} actions, {} good "
                             "practices, {} pan-London issues\n",
                             model->position, model->meetings.size(), model->actions.size(),
                             model->practices.size(), model->issues.size());
    g.exit_code = 0;
  });

  auto preview_day = std::make_shared<std::string>();
  auto policy_file = std::make_shared<std::string>();
  auto* reminders = app.add_subcommand("reminders", "the reminders that chase overdue actions");
  RequireVerb(*reminders);
  auto* preview = reminders->add_subcommand("preview", "what would go out on a day, as one digest per agency");
  preview->add_option("--date", *preview_day, "the day, YYYY-MM-DD (default: today in London)");
  preview->add_option("--policy", *policy_file, "the reminder policy file (default: every setting's default)");
  preview->add_flag("--json", *json, "print one JSON object");
  AddReader(*preview, *as);
  preview->callback([&g, preview_day, policy_file, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      if (Status s = EverythingReader(reader, "the reminders"); !s.ok()) return Fail(s);
      auto policy = reminders::ReadPolicyFile(*policy_file);
      if (!policy.ok()) return Fail(policy.status());
      auto calendar = reminders::SendCalendar::Of(*policy);
      if (!calendar.ok()) return Fail(calendar.status());
      auto day = preview_day->empty() ? Result<reminders::Day>(calendar->LocalDay(RealClock().Now()))
                                      : reference::ParseDate(*preview_day, "--date");
      if (!day.ok()) return Fail(day.status());
      const reminders::ReminderPreview out = reminders::Preview(m, *policy, *calendar, *day, SIZE_MAX);
      if (*json) {
        std::cout << views::ToJson(out).dump() << "\n";
        return 0;
      }
      if (!out.working_day) {
        std::cout << out.date << " is not a working day: nothing is sent.\n";
        return 0;
      }
      std::cout << fmt::format("{}: {} digest{}, sent at {}\n", out.date, out.digests.size(),
                               out.digests.size() == 1 ? "" : "s", out.sent_at);
      for (const reminders::PreviewDigest& d : out.digests) {
        std::cout << "\n" << Shown(d.agency) << ":\n";
        using Reminder = reminders::PreviewReminder;
        PrintRows(d.reminders, {{"SUBJECT", &Reminder::subject}, {"WINDOW", &Reminder::window},
                                {"ALSO TO", &Reminder::escalated_to}, {"TEXT", &Reminder::text}});
      }
      return 0;
    });
  });

  auto sent_filter = std::make_shared<views::SentFilter>();
  auto* sent = reminders->add_subcommand("sent", "what the reminder engine sent: each message, its items and deliveries");
  sent->add_option("--action", sent_filter->action, "only messages about this action (or meeting)");
  sent->add_option("--agency", sent_filter->agency, "only messages about actions this agency leads");
  sent->add_option("--date", sent_filter->day, "only the messages of this day, YYYY-MM-DD");
  sent->add_flag("--json", *json, "print one JSON object");
  AddReader(*sent, *as);
  sent->callback([&g, sent_filter, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      if (Status s = EverythingReader(reader, "the reminders sent"); !s.ok()) return Fail(s);
      auto view = views::RemindersSent(m, *sent_filter, views::WholeList());
      if (!view.ok() || *json) return ShowRows(view, true, &views::SentMessages::messages, {});
      for (const views::SentMessage& message : view->messages) {
        std::cout << Shown(message.day) << "  " << Shown(message.channel) << " to " << Shown(message.recipient) << "  "
                  << Shown(message.status) << " (attempts: " << message.attempts << ")  " << Shown(message.subject)
                  << "\n";
        using views::SentItem;
        PrintRows(message.items, {{"  SUBJECT", &SentItem::subject}, {"WINDOW", &SentItem::window}, {"WHY", &SentItem::why}});
      }
      for (const std::string& id : view->unaddressed) std::cout << "not sent, no contact takes it: " << Shown(id) << "\n";
      return 0;
    });
  });

  auto* contacts = app.get_subcommand("contact")->add_subcommand("list", "the contact directory (removed ones last)");
  contacts->add_flag("--json", *json, "print one JSON object");
  AddReader(*contacts, *as);
  contacts->callback([&g, json, as] {
    g.exit_code = WithModel(g, *as, [&](const ReadModel& m, const Caller& reader, views::Day) {
      if (Status s = EverythingReader(reader, "the contact directory"); !s.ok()) return Fail(s);
      using views::ContactItem;
      return ShowRows(Result<views::ContactList>(views::ContactsOf(m, views::WholeList())), *json,
                      &views::ContactList::contacts,
                      {{"ID", &ContactItem::id}, {"KIND", &ContactItem::kind}, {"NAME", &ContactItem::name},
                       {"EMAIL", &ContactItem::email}, {"AGENCY", &ContactItem::agency},
                       {"BOROUGH", &ContactItem::borough}, {"USER", &ContactItem::user},
                       {"REMOVED", &ContactItem::removed}});
    });
  });
}

}  // namespace jem::cli
