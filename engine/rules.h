// The rules: for each command, given the current state of the streams it touches, the
// event to append or the reason it is refused. Pure: they read through a Catalog and
// write nothing. Internal to engine/.
#pragma once

#include <optional>

#include "engine/caller.h"
#include "engine/catalog.h"
#include "engine/commands.h"
#include "projections/reference.h"

namespace jem::rules {

struct Context {
  Catalog& catalog;
  const Caller& caller;
  Timestamp now;                         // from the injected clock
  std::optional<Timestamp> occurred_at;  // when it happened, if not now
};

Result<Change> Decide(const Context& c, const command::PlanRound& cmd);
Result<Change> Decide(const Context& c, const command::ScheduleMeeting& cmd);
Result<Change> Decide(const Context& c, const command::RescheduleMeeting& cmd);
Result<Change> Decide(const Context& c, const command::CancelMeeting& cmd);
Result<Change> Decide(const Context& c, const command::HoldMeeting& cmd);
Result<Change> Decide(const Context& c, const command::RecordDecision& cmd);
Result<Change> Decide(const Context& c, const command::GiveFeedback& cmd);
Result<Change> Decide(const Context& c, const command::AgreeAction& cmd);
Result<Change> Decide(const Context& c, const command::UpdateAction& cmd);
Result<Change> Decide(const Context& c, const command::IdentifyPractice& cmd);
Result<Change> Decide(const Context& c, const command::UpdatePractice& cmd);
Result<Change> Decide(const Context& c, const command::RaiseIssue& cmd);
Result<Change> Decide(const Context& c, const command::UpdateIssue& cmd);
Result<Change> Decide(const Context& c, const command::CorrectEvent& cmd);
Result<Change> Decide(const Context& c, const command::IssueToken& cmd);
Result<Change> Decide(const Context& c, const command::RevokeToken& cmd);
Result<Change> Decide(const Context& c, const command::PublishFollowUp& cmd);
Result<Change> Decide(const Context& c, const command::SetContact& cmd);
Result<Change> Decide(const Context& c, const command::RemoveContact& cmd);
Result<Change> Decide(const Context& c, const command::ResetCalendarFeed& cmd);

// Shared by the rule files.

// `result`, its error naming `field` of the command as the one that is wrong.
template <typename T>
Result<T> OnField(Result<T> result, std::string_view field) {
  if (result.ok()) return result;
  return result.status().OnField(std::string(field));
}

// InvalidArgument(message) when `text` is empty or only spaces.
Status Require(std::string_view text, std::string message);

// What is wrong with a command's own fields, all of it: a rule checks every field before it
// answers, so that a form with three mistakes shows three messages at once.
class FieldChecks {
 public:
  // Keeps `status` when it failed, on `field` unless it names its own.
  void Check(const Status& status, std::string_view field);
  // The value of `result`; nullopt after keeping its error on `field`.
  template <typename T>
  std::optional<T> Take(Result<T> result, std::string_view field) {
    if (result.ok()) return std::move(result).value();
    Check(result.status(), field);
    return std::nullopt;
  }
  // `text` (an agency, borough, theme or priority) as `find` reads it; when `text` is empty,
  // nullopt and "Choose the <what>"; when `find` refuses it, "<What> '<text>' is not ...".
  template <typename T>
  std::optional<T> Choice(std::string_view text, Result<T> (*find)(std::string_view), std::string_view what,
                          std::string_view field) {
    if (text.empty()) {
      Check(Status::InvalidArgument("Choose the " + std::string(what)), field);
      return std::nullopt;
    }
    Result<T> found = find(text);
    if (found.ok()) return std::move(found).value();
    Check(found.status().WithContext(reference::Sentence(what)), field);
    return std::nullopt;
  }
  // The agencies `names` name, each checked as a `what` ("supporting agency") of `field`; one
  // named twice is kept once and refused ("MPS is named twice; name each supporting agency once").
  std::vector<std::string> Agencies(const std::vector<std::string>& names, std::string_view what,
                                    std::string_view field);
  bool ok() const { return found_.empty(); }
  // OK when nothing was wrong; the one error; else every problem at once (Status::Problems).
  Status Verdict() const;

 private:
  std::vector<Status> found_;
};

// The held meeting `id`, or why it cannot take `what` ("actions", "decisions", ...).
Result<Loaded<MeetingState>> HeldMeeting(const Context& c, const std::string& id, std::string_view what);

// `prefix`-NN: the first NN from 01 whose stream (made by `stream_of`) does not exist yet.
Result<std::string> NextFreeId(const Context& c, const std::string& prefix,
                               std::string (*stream_of)(std::string_view));

// A reference given by the user for something identified at `meeting`: "CAM-2009-03" form,
// the meeting's borough and year. Empty means "allocate the next free one".
Result<std::string> ChooseId(const Context& c, const MeetingState& meeting, const std::string& given,
                             std::string (*stream_of)(std::string_view), std::string_view what);

// When an update of a record happened: the day `happened_on` names ("YYYY-MM-DD"), else the
// context's occurred-at (the CLI's --on, an import's date); none when that is today (it
// happens as it is recorded). Refused, naming field happened_on, when it is after today or
// before `began` ("YYYY-MM-DD": the day the record it updates began, e.g. its meeting's).
Result<std::optional<Timestamp>> HappenedOn(const Context& c, const std::string& happened_on, const std::string& began,
                                            std::string_view record);

// Occurred-at for an event about day `date` ("YYYY-MM-DD"): the context's occurred-at if
// given; else that day if it is not today; else none (it happened as it was recorded).
std::optional<Timestamp> OccurredOn(const Context& c, const std::string& date);

}  // namespace jem::rules
