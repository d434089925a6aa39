// The HTTP server's connections, hardened for a hostile network. cpp-httplib serves each
// connection on a blocking worker; here jem owns the loop around each request (through
// cpp-httplib's process_request), so that:
//  - a request's head and body must arrive within a deadline (slow "drip-feeding" clients
//    are cut off with 408), the head within a size (431) and the body within a size (413),
//    whatever framing the client chose;
//  - workers are made on demand up to a cap, and when every worker is taken a new
//    connection takes the place of an idle kept-alive one, so idle clients cannot starve
//    others;
//  - a stop is bounded: idle connections and requests still arriving are closed at once,
//    answers being sent get a grace period, then every connection is closed;
//  - pipelined requests (sent before the answer to the one ahead) are answered in order;
//  - a request refused before cpp-httplib could read its request line (too long: 414; too
//    slow: 408) is still answered, never closed in silence.
// Socket timeouts are transport deadlines, measured on the steady clock, not the time of
// day the rest of jem takes from its injected Clock.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>

#include <httplib.h>

// jem reaches into cpp-httplib beyond its public API (docs/architecture.md, "cpp-httplib", lists
// each use and the test that shows the limit it protects), so a release it was not read against
// must not build silently.
static_assert(std::string_view(CPPHTTPLIB_VERSION) == "0.11.4",
              "jem relies on cpp-httplib 0.11.4's protected and private members: read the uses listed in "
              "docs/architecture.md against this release, run tests/api/hostile_client_test, then update this check");

namespace jem::api {

struct ConnectionLimits {
  size_t max_workers = 256;                          // connections served at once
  // The memory an answer built whole may hold while it is sent, on one connection and on all
  // of them together; a streamed answer holds one chunk (api/answer.h) and is never refused.
  size_t max_answer_bytes = 16 << 20;
  size_t max_answers_bytes = 256 << 20;
  std::chrono::milliseconds request_timeout{10000};  // for a request's head and body to arrive
  std::chrono::milliseconds keep_alive{5000};        // idle between requests
  std::chrono::milliseconds write_timeout{5000};     // for the client to take each part of an answer
  std::chrono::milliseconds stop_grace{2000};        // for answers in progress when stopping
  size_t max_head_bytes = 16 << 10;                  // request line and headers
  size_t max_body_bytes = 1 << 20;
  size_t max_requests_per_connection = 1000;
};

class HardenedServer : public httplib::Server {
 public:
  explicit HardenedServer(ConnectionLimits limits);
  ~HardenedServer() override;

  // Lets connections queue while the server accepts (cpp-httplib listens with a backlog
  // of 5, which drops bursts of connections into the client's retransmission timeouts).
  // Call after binding.
  void DeepenBacklog();

  // Stops accepting, closes idle connections and requests still arriving at once, and
  // every other connection after the grace period. The accept loop then returns, or, if it
  // has not begun yet, returns as soon as it begins. Thread-safe.
  void Shutdown();

  // For the handlers running on this thread's connection:
  // why its current request could not be read (408, 413, 431), or 0;
  static int ReadFailure();
  // a number no other request served by this thread has (never 0): the key of what the
  // layers above learn of a request before its handler runs;
  static uint64_t RequestSerial();
  // closes the connection after answering `res`, and says so in it (a request whose body
  // was not read): a client must not send its next request on this connection.
  static void CloseAfterAnswer(httplib::Response& res);

  // Why an answer built whole cannot be held to be sent.
  enum class Hold { kHeld, kTooLarge, kServerFull };
  // Counts the current request's answer of `bytes`, built whole, as held in memory until it
  // has been sent: kTooLarge past the connection's cap, kServerFull past the server's (then
  // nothing is counted, and the caller answers something small instead).
  static Hold HoldAnswer(size_t bytes);
  // Counts `bytes` of the current request's streamed answer as held while it lives.
  class HeldBytes {
   public:
    explicit HeldBytes(size_t bytes);
    ~HeldBytes();
    HeldBytes(const HeldBytes&) = delete;
    HeldBytes& operator=(const HeldBytes&) = delete;

   private:
    HardenedServer* server_;
    size_t bytes_;
  };
  // Bytes of answers held in memory now, on every connection; answers refused for their size.
  size_t answer_bytes() const { return answer_bytes_; }
  // Connections open now (and those still closing).
  size_t open_connections() const;
  // Connections accepted since the start, served yet or not: what a test waits on to know
  // that the server has the connections it opened.
  uint64_t connections_accepted() const { return accepted_; }
  uint64_t answers_refused() const { return answers_refused_; }

  const ConnectionLimits& limits() const { return limits_; }

  // The body of an answer the connection layer makes itself (a request line too long or too
  // slow to read), for status `status`: set by the layer above, which owns the error shape.
  std::function<std::string(int status)> refusal_body;

 private:
  class Stream;
  class Workers;
  enum class Phase { kIdle, kReading, kAnswering };
  struct Open {
    Phase phase = Phase::kIdle;
    std::chrono::steady_clock::time_point since;
  };

  bool process_and_close_socket(socket_t sock) override;
  // Answers `status` on `stream` when cpp-httplib could not read a request far enough to.
  void Refuse(Stream& stream, int status);
  void SetPhase(socket_t sock, Phase phase);
  // Closes the longest-idle connection, to free its worker for a waiting one.
  void ShedIdle();
  // Gives the memory freed by answers back to the system.
  void GiveMemoryBack();
  static constexpr size_t kTrimAfterBytes = 1 << 20;  // a connection that sent an answer this large trims when it closes

  const ConnectionLimits limits_;
  mutable std::mutex mu_;
  std::condition_variable all_closed_;
  std::map<socket_t, Open> open_;
  size_t closing_ = 0;  // connections taken from open_ whose worker has not finished with them
  bool stopping_ = false;
  std::atomic<size_t> waiting_{0};  // accepted connections waiting for a worker
  std::atomic<uint64_t> accepted_{0};
  std::atomic<size_t> answer_bytes_{0};
  std::atomic<uint64_t> answers_refused_{0};
  std::atomic<int64_t> last_trim_ms_{0};  // steady clock
  std::thread reaper_;  // closes what is left when the grace period ends
};

}  // namespace jem::api
