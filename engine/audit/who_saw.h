// Who could see an action, and who did see it, before a day: the auditor's question about
// access. "Could": every token holder the access policy let read it (officers and auditors,
// and partners of the agencies that led or supported it), with a token issued before then.
// "Did": the access records of reads of the action, of its meeting's summary or follow-up
// report, and of its round's committee report.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <vector>

#include "events/log.h"
#include "projections/read_model.h"
#include "projections/views.h"

namespace jem::audit {

// A token holder the access policy let read the action.
struct CouldSee {
  std::string token, user, role, agency;
  std::string issued;                  // when its token was issued (RFC 3339)
  std::optional<std::string> revoked;  // and revoked, if it was before the day
  static constexpr std::string_view kName = "CouldSee";
  static constexpr auto kFields = std::tuple{
      views::Field{"token", &CouldSee::token},   views::Field{"user", &CouldSee::user},
      views::Field{"role", &CouldSee::role},     views::Field{"agency", &CouldSee::agency},
      views::Field{"issued", &CouldSee::issued}, views::Field{"revoked", &CouldSee::revoked}};
};

// A reader who did see it: how many reads, the first and the last.
struct DidSee {
  std::string user, role, agency;
  uint64_t reads = 0;
  std::string first, last;
  static constexpr std::string_view kName = "DidSee";
  static constexpr auto kFields = std::tuple{
      views::Field{"user", &DidSee::user},   views::Field{"role", &DidSee::role},
      views::Field{"agency", &DidSee::agency}, views::Field{"reads", &DidSee::reads},
      views::Field{"first", &DidSee::first}, views::Field{"last", &DidSee::last}};
};

// One access record: a reader's first read of a record on a day, or the count of its repeats.
struct AccessRead {
  std::string at, user, role, agency, what, subject, path;
  uint32_t count = 1;
  static constexpr std::string_view kName = "AccessRead";
  static constexpr auto kFields = std::tuple{
      views::Field{"at", &AccessRead::at},           views::Field{"user", &AccessRead::user},
      views::Field{"role", &AccessRead::role},       views::Field{"agency", &AccessRead::agency},
      views::Field{"what", &AccessRead::what},       views::Field{"subject", &AccessRead::subject},
      views::Field{"path", &AccessRead::path},
      views::Field{"count", &AccessRead::count,
                   "reads it stands for: a reader's first of a record on a day (1), or the day's repeats"}};
};

// Who could see an action and who did, before a day; a page of the access records.
struct AccessRecords : views::Cursors {
  std::string action;
  std::optional<std::string> before;  // the day, YYYY-MM-DD; none: up to now
  std::vector<CouldSee> could_see;
  std::vector<DidSee> did_see;
  std::vector<AccessRead> reads;  // the page
  uint64_t reads_count = 0;       // all of them
  uint64_t unrecorded = 0;        // reads the server could not record (its queue was full)
  static constexpr std::string_view kName = "AccessRecords";
  static constexpr auto kFields = std::tuple_cat(
      std::tuple{views::Field{"action", &AccessRecords::action}, views::Field{"before", &AccessRecords::before},
                 views::Field{"could_see", &AccessRecords::could_see}, views::Field{"did_see", &AccessRecords::did_see},
                 views::Field{"reads", &AccessRecords::reads}, views::Field{"reads_count", &AccessRecords::reads_count}},
      views::Cursors::kFields, std::tuple{views::Field{"unrecorded", &AccessRecords::unrecorded}});
};

// The access records of `reference` before `before`: every holder who could see it, every
// reader who did, and a page of the reads (those after number `after`, at most `limit`).
// `model` is the current one (for the action's meeting and the agencies it has had).
// Errors: kNotFound (no such action); the log's.
Result<AccessRecords> WhoSaw(const Log& log, const ReadModel& model, const std::string& reference,
                             std::optional<std::chrono::sys_days> before, size_t after, size_t limit);

}  // namespace jem::audit
