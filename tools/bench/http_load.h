// Load generators for `jem-bench http`: the same mix of requests sent either by wrk (a
// separate, event-driven process: little CPU of its own) or by cpp-httplib clients on
// threads inside jem-bench (no extra tool, but they compete with the server for the cores).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "events/status.h"

namespace jem::bench {

// What the load is sent to.
struct HttpTarget {
  int port = 0;
  std::string token;                   // an officer's bearer token
  std::vector<std::string> refs;       // actions to note progress on
  std::vector<std::string> meetings;   // meetings whose follow-up report is read
};

// `clients` connections for `seconds`; `write_share` of the requests are action notes, the
// rest split evenly between the overdue board and a meeting's follow-up report.
struct HttpLoad {
  int clients = 1;
  double seconds = 1;
  double write_share = 0;
};

// What came back: only answers under 300 count as done.
struct HttpFigures {
  double seconds = 0;
  uint64_t done = 0;    // requests answered 2xx
  uint64_t writes = 0;  // of those, action notes
  uint64_t failed = 0;  // errors and answers of 300 and over
  double p50_ms = 0, p99_ms = 0;
  double per_second() const { return seconds > 0 ? double(done) / seconds : 0; }
  double writes_per_second() const { return seconds > 0 ? double(writes) / seconds : 0; }
};

// Drives `target` with wrk (Debian package wrk); kNotFound if it is not installed.
Result<HttpFigures> DriveWithWrk(const HttpTarget& target, const HttpLoad& load);

// Drives `target` with cpp-httplib clients, one thread each, inside this process.
Result<HttpFigures> DriveWithHttplib(const HttpTarget& target, const HttpLoad& load);

// `clients` cpp-httplib clients on threads, each sending GETs of `paths` in turn with `headers`
// for `seconds`; every answer must be 200. A set of `paths` answered counts as one done (what
// one page needs from several JSON routes), its latency the sum of theirs.
Result<HttpFigures> DriveGets(int port, int clients, double seconds, const std::vector<std::string>& paths,
                              const std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace jem::bench
