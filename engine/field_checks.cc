// FieldChecks: every problem of a command's fields, gathered before the rule answers.
#include "engine/rules.h"

namespace jem::rules {

void FieldChecks::Check(const Status& status, std::string_view field) {
  if (status.ok()) return;
  found_.push_back(status.field().empty() ? status.OnField(std::string(field)) : status);
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
