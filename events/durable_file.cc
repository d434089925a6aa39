#include "events/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace jem {
namespace {

Status Failed(std::string_view doing, const std::filesystem::path& path) {
  return Status::IOError(std::string(doing) + " " + path.string() + ": " + std::strerror(errno));
}

// Writes all of `bytes` to `fd` and syncs it, then closes it.
Status WriteAndSync(int fd, std::string_view bytes, const std::filesystem::path& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = Failed("writing", path);
      ::close(fd);
      return s;
    }
    done += size_t(n);
  }
  const bool synced = ::fsync(fd) == 0;
  Status s = synced ? Status::Ok() : Failed("syncing", path);
  ::close(fd);
  return s;
}

// A new entry in a directory is durable once the directory is synced too.
void SyncDirectoryOf(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Status ReplaceFileDurably(const std::filesystem::path& path, std::string_view bytes, mode_t mode) {
  const std::filesystem::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Failed("writing", tmp);
  JEM_RETURN_IF_ERROR(WriteAndSync(fd, bytes, tmp));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Failed("renaming into", path);
  SyncDirectoryOf(path);
  return Status::Ok();
}

Status CreateFileDurably(const std::filesystem::path& path, std::string_view bytes, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0 && errno == EEXIST) {
    return Status::InvalidArgument(path.string() + " already exists; it is not overwritten");
  }
  if (fd < 0) return Failed("creating", path);
  JEM_RETURN_IF_ERROR(WriteAndSync(fd, bytes, path));
  SyncDirectoryOf(path);
  return Status::Ok();
}

}  // namespace jem
