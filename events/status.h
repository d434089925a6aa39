// Status and Result: errors as values at every module boundary, in the manner of
// LevelDB's Status. A message always says what was wrong and, where it can, what to do.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace jem {

class Status {
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

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "conflict: stream ... " — the code's name, then the message.
  std::string ToString() const;

  // Returns a copy whose message starts with `context: `.
  Status WithContext(const std::string& context) const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// The name of a code, e.g. "conflict".
const char* CodeName(Status::Code code);

// Either a value or the non-OK Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
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
