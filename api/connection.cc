#include "api/connection.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <vector>

namespace jem::api {

struct ConnectionState;

namespace {

using SteadyClock = std::chrono::steady_clock;

thread_local ConnectionState* t_current = nullptr;
thread_local HardenedServer* t_server = nullptr;  // the server of this thread's connection
thread_local uint64_t t_requests = 0;  // requests begun on this thread

// Waits until `fd` has `events` or `deadline` passes; false on timeout or error.
bool WaitFor(int fd, short events, SteadyClock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, int(std::min<int64_t>(left, 1000)));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

void Address(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

}  // namespace

// What the handlers of this thread's connection may ask of it. (Not in the anonymous
// namespace: HardenedServer::Stream holds one.)
struct ConnectionState {
  int read_failure = 0;
  bool close_after = false;
  uint64_t serial = 0;
  size_t held = 0;  // bytes of the answer built whole, counted until it is sent
};

// One connection as cpp-httplib reads and writes it: buffered reads against the request's
// deadline and byte budgets, writes against the write timeout.
class HardenedServer::Stream : public httplib::Stream {
 public:
  Stream(socket_t fd, const ConnectionLimits& limits, ConnectionState& current)
      : fd_(fd), limits_(limits), current_(current) {}

  // A new request starts: its deadline runs from now, and its head is counted.
  void BeginRequest() {
    deadline_ = SteadyClock::now() + limits_.request_timeout;
    in_head_ = true;
    in_line_ = true;
    counted_ = 0;
    written_ = 0;
  }
  // The head has been read: what follows is the body.
  void HeadDone() {
    in_head_ = false;
    counted_ = 0;
  }

  bool is_readable() const override { return buffered() > 0 || WaitFor(fd_, POLLIN, deadline_); }
  bool is_writable() const override {
    return WaitFor(fd_, POLLOUT, SteadyClock::now() + limits_.write_timeout);
  }

  ssize_t read(char* ptr, size_t size) override {
    // Body framing (chunk sizes) is counted with the body; a little room for it.
    const size_t budget = in_head_ ? limits_.max_head_bytes : limits_.max_body_bytes + limits_.max_body_bytes / 8 + 4096;
    if (counted_ >= budget) return Fail(in_line_ ? 414 : in_head_ ? 431 : 413);
    size = std::min(size, budget - counted_);
    if (buffered() == 0) {
      if (!WaitFor(fd_, POLLIN, deadline_)) return Fail(408);
      const ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, 0);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = size_t(n);
    }
    const size_t n = std::min(size, buffered());
    std::memcpy(ptr, buffer_ + begin_, n);
    if (in_line_ && std::memchr(buffer_ + begin_, '\n', n) != nullptr) in_line_ = false;
    begin_ += n;
    counted_ += n;
    return ssize_t(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    if (n > 0) {
      written_ += size_t(n);
      largest_ = std::max(largest_, written_);
    }
    return n;
  }

  // The most bytes one answer on this connection has had.
  size_t largest_answer() const { return largest_; }

  // Bytes read from the socket that no request has taken yet: the next pipelined request.
  size_t buffered() const { return end_ - begin_; }
  // Whether any part of an answer to the current request has been sent.
  bool answered() const { return written_ > 0; }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Address(addr, len, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Address(addr, len, ip, port);
  }
  // cpp-httplib asks only to refuse descriptors past FD_SETSIZE, a limit of select(), which
  // this stream does not use: it never sees one past it.
  socket_t socket() const override { return fd_ < FD_SETSIZE ? fd_ : 0; }

 private:
  ssize_t Fail(int status) {
    if (current_.read_failure == 0) current_.read_failure = status;
    current_.close_after = true;
    return -1;
  }

  const socket_t fd_;
  const ConnectionLimits& limits_;
  ConnectionState& current_;
  SteadyClock::time_point deadline_ = SteadyClock::now();
  bool in_head_ = true;
  bool in_line_ = true;  // the request line has not ended yet
  size_t counted_ = 0;
  size_t written_ = 0;   // of the current request's answer
  size_t largest_ = 0;
  char buffer_[4096];
  size_t begin_ = 0, end_ = 0;
};

// Workers made on demand, up to the cap; when all are taken, a new connection waits for
// the server to close an idle one.
class HardenedServer::Workers : public httplib::TaskQueue {
 public:
  Workers(size_t max, HardenedServer& server) : max_(max), server_(server) {}

  void enqueue(std::function<void()> job) override {
    ++server_.accepted_;  // cpp-httplib hands each accepted connection over as a job
    bool full = false;
    {
      std::lock_guard lock(mu_);
      jobs_.push_back(std::move(job));
      if (idle_ > 0) ready_.notify_one();
      // Each queued connection needs a worker of its own: an idle worker woken for an
      // earlier one still counts as idle until it runs, and a job is a whole connection.
      if (jobs_.size() > idle_) {
        if (threads_.size() < max_) {
          threads_.emplace_back([this] { Work(); });
        } else {
          full = true;
        }
      }
      Count();
    }
    if (full) server_.ShedIdle();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  // Connections waiting because every worker there may be is taken (not merely starting).
  void Count() { server_.waiting_ = threads_.size() >= max_ && jobs_.size() > idle_ ? jobs_.size() - idle_ : 0; }

  void Work() {
    std::unique_lock lock(mu_);
    for (;;) {
      ++idle_;
      ready_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, and nothing left to serve
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      Count();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const size_t max_;
  HardenedServer& server_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stop_ = false;
};

HardenedServer::HardenedServer(ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [this] { return new Workers(limits_.max_workers, *this); };
  set_payload_max_length(limits_.max_body_bytes);
  set_keep_alive_max_count(limits_.max_requests_per_connection);
  set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(limits_.keep_alive).count()));
  set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.request_timeout));
  set_write_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.write_timeout));
}

HardenedServer::~HardenedServer() {
  if (reaper_.joinable()) reaper_.join();
}

int HardenedServer::ReadFailure() { return t_current ? t_current->read_failure : 0; }

uint64_t HardenedServer::RequestSerial() { return t_current ? t_current->serial : 0; }

HardenedServer::Hold HardenedServer::HoldAnswer(size_t bytes) {
  if (t_current == nullptr || t_server == nullptr) return Hold::kHeld;
  HardenedServer& server = *t_server;
  if (t_current->held + bytes > server.limits_.max_answer_bytes) {
    ++server.answers_refused_;
    return Hold::kTooLarge;
  }
  for (size_t now = server.answer_bytes_; ;) {
    if (now + bytes > server.limits_.max_answers_bytes) {
      ++server.answers_refused_;
      return Hold::kServerFull;
    }
    if (server.answer_bytes_.compare_exchange_weak(now, now + bytes)) break;
  }
  t_current->held += bytes;
  return Hold::kHeld;
}

HardenedServer::HeldBytes::HeldBytes(size_t bytes) : server_(t_server), bytes_(bytes) {
  if (server_ != nullptr) server_->answer_bytes_ += bytes_;
}

HardenedServer::HeldBytes::~HeldBytes() {
  if (server_ != nullptr) server_->answer_bytes_ -= bytes_;
}

void HardenedServer::CloseAfterAnswer(httplib::Response& res) {
  res.set_header("Connection", "close");
  if (t_current) t_current->close_after = true;
}

void HardenedServer::SetPhase(socket_t sock, Phase phase) {
  std::lock_guard lock(mu_);
  open_[sock] = Open{phase, SteadyClock::now()};
  // A connection that went idle during a stop closes now.
  if (stopping_ && phase != Phase::kAnswering) ::shutdown(sock, SHUT_RDWR);
}

void HardenedServer::ShedIdle() {
  std::lock_guard lock(mu_);
  auto oldest = open_.end();
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    if (it->second.phase == Phase::kIdle && (oldest == open_.end() || it->second.since < oldest->second.since)) {
      oldest = it;
    }
  }
  if (oldest != open_.end()) ::shutdown(oldest->first, SHUT_RDWR);
}

bool HardenedServer::process_and_close_socket(socket_t sock) {
  ConnectionState current;
  t_current = &current;
  t_server = this;
  Stream stream(sock, limits_, current);
  bool ok = true;
  for (size_t served = 0; served < limits_.max_requests_per_connection; ++served) {
    SetPhase(sock, Phase::kIdle);
    // While connections wait for a worker, one with no request under way gives its worker up.
    // A pipelined request already read is under way.
    const bool yield = waiting_ > 0;
    if (stream.buffered() == 0 &&
        !WaitFor(sock, POLLIN, SteadyClock::now() + (yield ? std::chrono::milliseconds(50) : limits_.keep_alive))) {
      break;
    }
    SetPhase(sock, Phase::kReading);
    current = ConnectionState{.serial = ++t_requests};
    stream.BeginRequest();
    bool closed_by_client = false;
    const bool last = served + 1 == limits_.max_requests_per_connection;
    ok = process_request(stream, last, closed_by_client, [&](httplib::Request& req) {
      stream.HeadDone();
      // Byte ranges are for files; on API answers they only multiply work.
      req.ranges.clear();
      SetPhase(sock, Phase::kAnswering);
    });
    answer_bytes_ -= current.held;  // sent, or given up: the answer's memory is free again
    current.held = 0;
    if (!ok && current.read_failure != 0 && !stream.answered()) Refuse(stream, current.read_failure);
    if (!ok || closed_by_client || current.close_after) break;
  }
  t_current = nullptr;
  t_server = nullptr;
  {
    std::lock_guard lock(mu_);
    open_.erase(sock);
    ++closing_;  // until its memory is given back
    if (open_.empty()) all_closed_.notify_all();
  }
  // A lingering close: the answer goes out before the connection is reset by unread bytes.
  ::shutdown(sock, SHUT_WR);
  char drain[4096];
  const auto until = SteadyClock::now() + std::chrono::milliseconds(200);
  for (size_t total = 0; total < 64 * 1024 && WaitFor(sock, POLLIN, until);) {
    const ssize_t n = ::recv(sock, drain, sizeof drain, MSG_DONTWAIT);
    if (n <= 0) break;
    total += size_t(n);
  }
  ::close(sock);
  if (stream.largest_answer() >= kTrimAfterBytes) GiveMemoryBack();
  {
    std::lock_guard lock(mu_);
    --closing_;
  }
  return ok;
}

void HardenedServer::GiveMemoryBack() {
  // glibc keeps what a worker thread freed in that thread's arena, for the thread's next
  // allocation: after large answers, hundreds of megabytes could stay with the process. Free
  // pages go back to the system once no answer holds memory, or at most once a second while
  // others do (a trim walks every arena).
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now().time_since_epoch()).count();
  int64_t before = last_trim_ms_;
  if (answer_bytes_ > 0 && (now - before < 1000 || !last_trim_ms_.compare_exchange_strong(before, now))) return;
  last_trim_ms_ = now;
  ::malloc_trim(0);
}

size_t HardenedServer::open_connections() const {
  std::lock_guard lock(mu_);
  return open_.size() + closing_;
}

void HardenedServer::Refuse(Stream& stream, int status) {
  static const std::map<int, std::string_view> kReasons = {
      {408, "Request Timeout"}, {413, "Content Too Large"}, {414, "URI Too Long"}, {431, "Request Header Fields Too Large"}};
  auto reason = kReasons.find(status);
  const std::string body = refusal_body ? refusal_body(status) : "";
  const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " +
                             std::string(reason == kReasons.end() ? "Bad Request" : reason->second) +
                             "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                             std::to_string(body.size()) +
                             "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n" + body;
  for (size_t sent = 0; sent < answer.size();) {
    const ssize_t n = stream.write(answer.data() + sent, answer.size() - sent);
    if (n <= 0) return;
    sent += size_t(n);
  }
}

void HardenedServer::DeepenBacklog() { ::listen(svr_sock_, SOMAXCONN); }

void HardenedServer::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    for (const auto& [sock, open] : open_) {
      if (open.phase != Phase::kAnswering) ::shutdown(sock, SHUT_RDWR);
    }
  }
  reaper_ = std::thread([this] {
    std::unique_lock lock(mu_);
    if (!all_closed_.wait_for(lock, limits_.stop_grace, [&] { return open_.empty(); })) {
      for (const auto& [sock, open] : open_) ::shutdown(sock, SHUT_RDWR);
    }
  });
  // cpp-httplib's stop() does nothing until its accept loop has begun: a stop that comes
  // first would leave that loop to accept for ever. Shut to the listening socket, any accept
  // fails at once, and the loop ends whenever it begins.
  if (svr_sock_ != INVALID_SOCKET) ::shutdown(svr_sock_, SHUT_RDWR);
  stop();
}

}  // namespace jem::api
