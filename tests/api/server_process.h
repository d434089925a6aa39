// A `jem serve` child process on a free loopback port, and raw TCP connections to a server:
// for tests that kill it, measure it, or behave as no HTTP library would.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace jem::testing {

// `jem --data DATA serve --port 0 EXTRA...`, started, its port read from what it prints.
struct ServerProcess {
  pid_t pid = -1;
  int port = 0;

  explicit ServerProcess(const std::string& data, std::vector<std::string> extra = {"--rate", "100000", "--burst",
                                                                                    "100000"}) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    std::vector<std::string> args = {"jem", "--data", data, "serve", "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(kJemBinary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const size_t colon = line.rfind(':');
    port = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
    EXPECT_GT(port, 0) << "jem serve said: " << line;
  }
  // Sends `signal` and waits for the process to end; its wait status.
  int Stop(int signal) {
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return status;
  }
  ~ServerProcess() {
    if (pid > 0) Stop(SIGKILL);
  }
  // The memory the process holds now (VmRSS), in bytes.
  size_t ResidentBytes() const {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmRSS:", 0) == 0) return size_t(std::stoull(line.substr(6))) * 1024;
    }
    return 0;
  }
};

// A raw TCP connection to the server, for clients no HTTP library would be.
class RawConnection {
 public:
  // `receive_buffer`: a small one makes a client that reads nothing hold up the server's writes sooner.
  explicit RawConnection(int port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size()); }
  // What the server has sent once something arrives (an answer on a kept-alive
  // connection), or "" if nothing does within `wait`.
  std::string ReadSome(std::chrono::milliseconds wait) {
    timeval tv{long(wait.count() / 1000), long(wait.count() % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, size_t(n)) : "";
  }
  // Everything the server sends until it closes the connection or `wait` passes.
  std::string ReadAll(std::chrono::milliseconds wait) {
    timeval tv{long(wait.count() / 1000), long(wait.count() % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;) out.append(buf, size_t(n));
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// The metric `name` of the server at `port`, read with `admin`'s token (0 until it has one).
// Reading it takes a connection of its own.
inline uint64_t Metric(int port, const std::string& admin, const std::string& name) {
  httplib::Client client("127.0.0.1", port);
  auto r = client.Get("/metrics", {{"Authorization", "Bearer " + admin}});
  if (!r || r->status != 200) return 0;
  const size_t at = r->body.find("\n" + name + " ");
  return at == std::string::npos ? 0 : std::stoull(r->body.substr(at + name.size() + 2));
}

// Waits until `done()`, asking again and again; fails the test if it never is (60 s: an
// event that does not come, not a bound on how soon it comes).
inline void Await(const std::function<bool()>& done, const char* what) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!done()) {
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "never: " << what;
    std::this_thread::yield();
  }
}

}  // namespace jem::testing
