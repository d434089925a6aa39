#include "tools/jem/keys.h"

#include <sys/stat.h>

#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jem::cli {
namespace {

constexpr size_t kMaxKeyFileBytes = 4096;

}  // namespace

Result<std::string> ReadSmallFile(const std::string& path, size_t limit, std::string_view what) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::NotFound("cannot read " + std::string(what) + " " + path + ": " + ec.message());
  if (size > limit) {
    return Status::InvalidArgument(path + " is " + std::to_string(size) + " bytes: too large for " +
                                   std::string(what));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Status::IOError("cannot read " + path);
  return text.str();
}

// A private key from a file only its owner can read, as ssh insists for its keys.
Result<proofs::Signer> ReadSigner(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return Status::PermissionDenied("the key file " + path +
                                    " can be read by others; make it private with `chmod 600 " + path + "`");
  }
  JEM_ASSIGN_OR_RETURN(auto text, ReadSmallFile(path, kMaxKeyFileBytes, "a private key"));
  return proofs::Signer::Parse(text);
}

Result<proofs::Verifier> ReadVerifier(const std::string& path) {
  JEM_ASSIGN_OR_RETURN(auto text, ReadSmallFile(path, kMaxKeyFileBytes, "a verifier key"));
  return proofs::Verifier::Parse(text);
}

}  // namespace jem::cli
