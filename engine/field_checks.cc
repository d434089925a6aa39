// FieldChecks: every problem of a command's fields, gathered before the rule answers.
#include "engine/rules.h"

#include <algorithm>

#include "projections/reference.h"

namespace jem::rules {

void FieldChecks::Check(const Status& status, std::string_view field) {
  if (status.ok()) return;
  found_.push_back(status.field().empty() ? status.OnField(std::string(field)) : status);
}

std::vector<std::string> FieldChecks::Agencies(const std::vector<std::string>& names, std::string_view what,
                                               std::string_view field) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    auto agency = Choice(n, reference::FindAgency, what, field);
    if (!agency) continue;
    if (std::find(out.begin(), out.end(), *agency) != out.end()) {
      Check(Status::InvalidArgument(*agency + " is named twice; name each " + std::string(what) + " once"), field);
    } else {
      out.push_back(*agency);
    }
  }
  return out;
}

Status FieldChecks::Verdict() const {
  if (found_.empty()) return Status::Ok();
  if (found_.size() == 1) return found_.front();
  std::vector<Status::Problem> problems;
  for (const Status& s : found_) {
    for (Status::Problem& p : s.problems()) problems.push_back(std::move(p));
  }
  return Status::Problems(std::move(problems));
}

}  // namespace jem::rules
