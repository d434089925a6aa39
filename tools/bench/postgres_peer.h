// The optional PostgreSQL peer of `jem-bench append --peer postgres`: a throwaway server in
// a scratch directory, driven by pgbench with one-row inserts under a unique (stream,
// version) constraint, fsync and synchronous_commit on.
#pragma once

#include "tools/bench/bench.h"

namespace jem::bench {

// Fails with a clear message when PostgreSQL (apt package postgresql) is not installed.
Result<Figures> RunPostgres(int clients, uint64_t events, size_t payload_bytes);

}  // namespace jem::bench
