#include "tools/bench/nginx_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <thread>

extern char** environ;

namespace jem::bench {
namespace {

// A loopback socket: connected to `port` (connect), or bound to any free port (bind).
int LoopbackSocket(int port, bool connect) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const auto* a = reinterpret_cast<const sockaddr*>(&addr);
  if ((connect ? ::connect(fd, a, sizeof addr) : ::bind(fd, a, sizeof addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// A port nothing listens on now (nginx binds it a moment later).
int FreePort() {
  const int fd = LoopbackSocket(0, false);
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

Result<std::unique_ptr<NginxProxy>> NginxProxy::Start(int upstream_port) {
  if (::access("/usr/sbin/nginx", X_OK) != 0) return Status::NotFound("nginx is not installed (apt install nginx)");
  auto dir = std::make_unique<ScratchDir>("nginx");
  const int port = FreePort();
  std::ifstream in(std::string(JEM_DEPLOY_DIR) + "/loopback-nginx.conf");
  if (!in) return Status::NotFound(std::string("no ") + JEM_DEPLOY_DIR + "/loopback-nginx.conf");
  std::string conf{std::istreambuf_iterator<char>(in), {}};
  const std::map<std::string, std::string> values = {
      {"dir", dir->path()},
      {"deploy", JEM_DEPLOY_DIR},
      {"port", std::to_string(port)},
      {"upstream", "127.0.0.1:" + std::to_string(upstream_port)},
      {"user", ::geteuid() == 0 ? "user root;" : ""},
      {"limits", ""},
  };
  for (const auto& [name, value] : values) conf = std::regex_replace(conf, std::regex("\\{\\{" + name + "\\}\\}"), value);
  const std::string path = dir->path() + "/nginx.conf";
  std::ofstream(path) << conf;

  std::string prefix = dir->path();
  const char* argv[] = {"nginx", "-p", prefix.c_str(), "-c", path.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, "/usr/sbin/nginx", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
    return Status::IOError("cannot start nginx");
  }
  std::unique_ptr<NginxProxy> proxy(new NginxProxy(std::move(dir), pid, port));
  for (int tries = 0; tries < 200; ++tries) {
    if (const int fd = LoopbackSocket(port, true); fd >= 0) {
      ::close(fd);
      return proxy;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::IOError("nginx did not listen on port " + std::to_string(port) + " within 10 s (see " +
                             prefix + "/error.log)");
}

NginxProxy::~NginxProxy() {
  ::kill(pid_, SIGQUIT);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace jem::bench
