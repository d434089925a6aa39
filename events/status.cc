#include "events/status.h"

#include <cstdio>
#include <cstdlib>

namespace jem {

const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kInvalidArgument: return "invalid argument";
    case Status::Code::kNotFound: return "not found";
    case Status::Code::kConflict: return "conflict";
    case Status::Code::kCorruption: return "corruption";
    case Status::Code::kIOError: return "I/O error";
    case Status::Code::kBusy: return "busy";
    case Status::Code::kUnsupported: return "unsupported";
    case Status::Code::kFailedPrecondition: return "refused";
    case Status::Code::kPermissionDenied: return "forbidden";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::Problems(std::vector<Problem> problems) {
  if (problems.empty()) problems.push_back({"", "the request is not valid"});
  std::string message;
  for (const Problem& p : problems) message += (message.empty() ? "" : "; ") + p.message;
  Status out(Code::kInvalidArgument, std::move(message));
  out.field_ = problems.front().field;
  if (problems.size() > 1) out.problems_ = std::move(problems);
  return out;
}

std::vector<Status::Problem> Status::problems() const {
  if (ok()) return {};
  if (!problems_.empty()) return problems_;
  return {{field_, message_}};
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  if (!problems_.empty()) {
    std::vector<Problem> each = problems_;
    for (Problem& p : each) p.message = context + ": " + p.message;
    return Problems(std::move(each));
  }
  Status out(code_, context + ": " + message_);
  out.field_ = field_;
  return out;
}

Status Status::OnField(std::string field) const {
  Status out = *this;
  if (!ok() && problems_.empty()) out.field_ = std::move(field);
  return out;
}

void DieTakingValueOf(const Status& status) {
  std::fprintf(stderr, "jem: bug: took the value of a failed result (%s)\n", status.ToString().c_str());
  std::abort();
}

}  // namespace jem
