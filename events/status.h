// Status and Result: errors as values at every module boundary, in the manner of
// LevelDB's Status. A message always says what was wrong and, where it can, what to do.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jem {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,     // the caller sent something malformed or forbidden
    kNotFound,            // the thing asked for does not exist
    kConflict,            // an expected version did not match; re-read and retry
    kCorruption,          // stored data is not what jem wrote
    kIOError,             // the disk or the OS failed
    kBusy,                // the resource is held by someone else (e.g. another process)
    kUnsupported,         // written by a newer jem, or a feature this build lacks
    kFailedPrecondition,  // a rule refused it in the current state (e.g. completing a dropped action)
    kPermissionDenied,    // the caller's role may not do this
  };

  // An OK status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status IOError(std::string m) { return {Code::kIOError, std::move(m)}; }
  static Status Busy(std::string m) { return {Code::kBusy, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {Code::kFailedPrecondition, std::move(m)};
  }
  static Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }

  // One thing wrong with a request: the field it is about ("" for the request as a whole)
  // and what is wrong, in words a form can show beside the field.
  struct Problem {
    std::string field, message;
    bool operator==(const Problem&) const = default;
  };
  // InvalidArgument naming every problem of a request at once (at least one), so that a
  // form shows them all together instead of one per submission. message() joins them;
  // field() is the first's.
  static Status Problems(std::vector<Problem> problems);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "conflict: stream ... " — the code's name, then the message.
  std::string ToString() const;

  // Returns a copy whose message starts with `context: `.
  Status WithContext(const std::string& context) const;

  // The field of the request that is wrong ("due", "lead"), when a rule knows it, so that a
  // form can point at it; "" otherwise. OnField returns a copy that names it.
  const std::string& field() const { return field_; }
  Status OnField(std::string field) const;

  // Every problem: those given to Problems, else this status's own message on its field;
  // none when OK.
  std::vector<Problem> problems() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
  std::vector<Problem> problems_;  // from Problems(); empty otherwise
};

// The name of a code, e.g. "conflict".
const char* CodeName(Status::Code code);

// Stops the program, printing `status`: taking the value of a failed Result is a bug, and
// carrying on with a made-up value would hide it. In every build type, not only with asserts.
[[noreturn]] void DieTakingValueOf(const Status& status);

// Either a value or the non-OK Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  // `status` must not be OK: a Result without a value must say why.
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) DieTakingValueOf(Status::InvalidArgument("a Result was made from an OK status"));
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // The value; stops the program (DieTakingValueOf) when there is none.
  T& value() & { Check(); return *value_; }
  const T& value() const& { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void Check() const {
    if (!ok()) DieTakingValueOf(status_);
  }
  std::optional<T> value_;
  Status status_;
};

}  // namespace jem

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define JEM_RETURN_IF_ERROR(expr)       \
  do {                                  \
    ::jem::Status jem_status_ = (expr); \
    if (!jem_status_.ok()) return jem_status_; \
  } while (0)

// `lhs = value of expr`, or returns early with its Status when `expr` (a Result) failed.
// `lhs` may declare: JEM_ASSIGN_OR_RETURN(auto meeting, HeldMeeting(c, id, "actions"));
#define JEM_ASSIGN_OR_RETURN(lhs, expr) \
  JEM_ASSIGN_OR_RETURN_IMPL_(JEM_STATUS_CONCAT_(jem_result_, __LINE__), lhs, expr)
#define JEM_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result.ok()) return result.status();           \
  lhs = std::move(result).value()
#define JEM_STATUS_CONCAT_(a, b) JEM_STATUS_CONCAT_INNER_(a, b)
#define JEM_STATUS_CONCAT_INNER_(a, b) a##b
