// nginx (Debian's) started in front of a server on loopback for `jem-bench http --via-nginx`,
// with the shipped proxy settings of tools/deploy (loopback-nginx.conf), without the
// per-client limits: the figure is the cost of the proxying, not of the limits.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "events/status.h"
#include "tools/bench/bench.h"

namespace jem::bench {

class NginxProxy {
 public:
  // Starts nginx proxying 127.0.0.1:`upstream_port`; returns once it accepts connections.
  // kNotFound if nginx is not installed; kIOError if it does not come up within 10 s.
  static Result<std::unique_ptr<NginxProxy>> Start(int upstream_port);
  // Stops nginx (SIGQUIT: it finishes what it is serving) and waits for it.
  ~NginxProxy();

  int port() const { return port_; }

 private:
  NginxProxy(std::unique_ptr<ScratchDir> dir, pid_t pid, int port) : dir_(std::move(dir)), pid_(pid), port_(port) {}
  std::unique_ptr<ScratchDir> dir_;
  pid_t pid_;
  int port_;
};

}  // namespace jem::bench
