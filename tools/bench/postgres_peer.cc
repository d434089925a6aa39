#include "tools/bench/postgres_peer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace jem::bench {
namespace {

namespace fs = std::filesystem;

// The newest installed PostgreSQL's bin directory, or empty.
std::string FindPostgresBin() {
  std::string best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(entry.path() / "bin" / "pgbench") && entry.path().string() > best) {
      best = entry.path().string();
    }
  }
  return best.empty() ? best : best + "/bin";
}

// PostgreSQL refuses to run as root; as root, run it as the postgres user.
std::string AsServerUser(const std::string& command) {
  return ::geteuid() == 0 ? "runuser -u postgres -- " + command : command;
}

Status Sh(const std::string& command) {
  const int rc = std::system((command + " >/dev/null 2>&1").c_str());
  if (rc != 0) return Status::IOError("`" + command + "` failed (exit " + std::to_string(rc) + ")");
  return Status::Ok();
}

}  // namespace

Result<Figures> RunPostgres(int clients, uint64_t events, size_t payload_bytes) {
  const std::string bin = FindPostgresBin();
  if (bin.empty()) {
    return Status::NotFound("PostgreSQL is not installed; install it with `apt-get install postgresql`");
  }
  ScratchDir dir("postgres");
  const std::string data = dir.path() + "/data", logs = dir.path() + "/logs";
  fs::create_directories(logs);
  if (::geteuid() == 0) JEM_RETURN_IF_ERROR(Sh("chown -R postgres " + dir.path()));
  const std::string port = "54329";
  const std::string conn = fmt::format("-h {} -p {} -U bench", dir.path(), port);
  JEM_RETURN_IF_ERROR(Sh(AsServerUser(fmt::format("{}/initdb -D {} -U bench --auth=trust", bin, data))));
  JEM_RETURN_IF_ERROR(Sh(AsServerUser(fmt::format(
      "{}/pg_ctl -D {} -w -l {}/server.log -o \"-k {} -p {} -c listen_addresses='' "
      "-c fsync=on -c synchronous_commit=on -c max_connections={}\" start",
      bin, data, dir.path(), dir.path(), port, clients + 10))));
  struct Stop {
    std::string command;
    // A failed stop leaves a scratch server behind; nothing better to do in a destructor.
    ~Stop() { (void)Sh(command); }
  } stop{AsServerUser(fmt::format("{}/pg_ctl -D {} -m fast stop", bin, data))};

  JEM_RETURN_IF_ERROR(Sh(AsServerUser(fmt::format(
      "{}/psql {} -d postgres -c \"CREATE TABLE events (position bigserial PRIMARY KEY, "
      "stream_id text NOT NULL, version bigint NOT NULL, payload text NOT NULL, "
      "UNIQUE (stream_id, version))\"",
      bin, conn))));
  // Each transaction appends the first event of a fresh stream, as jem-bench does to jem.
  const std::string script = dir.path() + "/append.sql";
  std::ofstream(script) << "\\set r random(1, 9000000000000000)\n"
                        << "INSERT INTO events (stream_id, version, payload) VALUES "
                        << "('action-' || :client_id || '-' || :r, 1, repeat('x', " << payload_bytes
                        << "));\n";
  if (::geteuid() == 0) JEM_RETURN_IF_ERROR(Sh("chown -R postgres " + dir.path()));
  const uint64_t per_client = std::max<uint64_t>(1, events / uint64_t(clients));
  Figures f;
  f.operations = per_client * uint64_t(clients);
  Status run;
  f.seconds = TimeSeconds([&] {
    run = Sh(AsServerUser(fmt::format("sh -c 'cd {} && {}/pgbench {} -n -c {} -j 2 -t {} -f {} --log "
                                      "--log-prefix=lat postgres'",
                                      logs, bin, conn, clients, per_client, script)));
  });
  JEM_RETURN_IF_ERROR(run);
  // pgbench --log lines: client transaction latency_us script epoch_s epoch_us
  for (const auto& entry : fs::directory_iterator(logs)) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      std::istringstream s(line);
      uint64_t client, transaction, latency_us;
      if (s >> client >> transaction >> latency_us) f.latencies_ms.push_back(double(latency_us) / 1000);
    }
  }
  if (f.latencies_ms.size() != f.operations) {
    return Status::IOError(fmt::format("pgbench logged {} transactions, expected {}",
                                       f.latencies_ms.size(), f.operations));
  }
  return f;
}

}  // namespace jem::bench
