// Small files written so that a crash leaves the old file or the whole new one, and an
// acknowledged write is on disk: the e-mail outbox, a witness's state, key files.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "events/status.h"

namespace jem {

// Writes `bytes` to a temporary file beside `path` (".NAME.tmp"), syncs it, renames it over
// `path` and syncs the directory. Readers see the old file or the new one, never half.
Status ReplaceFileDurably(const std::filesystem::path& path, std::string_view bytes, mode_t mode);

// Creates `path` with `mode` (never wider, whatever the umask), writes and syncs `bytes`;
// fails with kInvalidArgument if it exists, so nothing is ever overwritten.
Status CreateFileDurably(const std::filesystem::path& path, std::string_view bytes, mode_t mode);

}  // namespace jem
