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

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  Status out(code_, context + ": " + message_);
  out.field_ = field_;
  return out;
}

Status Status::OnField(std::string field) const {
  Status out = *this;
  if (!ok()) out.field_ = std::move(field);
  return out;
}

void DieTakingValueOf(const Status& status) {
  std::fprintf(stderr, "jem: bug: took the value of a failed result (%s)\n", status.ToString().c_str());
  std::abort();
}

}  // namespace jem
