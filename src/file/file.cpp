#include "crossdup/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "crossdup/error.h"

namespace crossdup {
namespace {

// The process id keeps two runs writing the same target from sharing a temporary.
std::string temporary_name(const std::string& path) { return path + ".tmp." + std::to_string(::getpid()); }

// Writes through POSIX calls so that a full disk (ENOSPC, or EFBIG past a file-size limit)
// is reported with its cause, and syncs before the rename so that a crash right after never
// leaves an empty file under the final name.
void write_temporary(const std::string& path, const std::string& tmp, const std::string& content) {
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(path + ": cannot write: " + std::strerror(errno) + " (check the folder exists and is writable)");
  auto fail = [&](const char* what) {
    std::string cause = std::strerror(errno);
    ::close(fd);
    std::remove(tmp.c_str());
    throw Error(path + ": " + what + ": " + cause + "; nothing was replaced, earlier outputs are intact");
  };
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write failed (disk full?)");
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) fail("sync failed");
  if (::close(fd) != 0) {
    std::string cause = std::strerror(errno);
    std::remove(tmp.c_str());
    throw Error(path + ": close failed: " + cause);
  }
}

void move_into_place(const std::string& tmp, const std::string& path) {
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string cause = std::strerror(errno);
    std::remove(tmp.c_str());
    throw Error(path + ": cannot rename the temporary file into place: " + cause);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> temporaries;
  try {
    for (const auto& [path, content] : files) {
      temporaries.push_back(temporary_name(path));
      write_temporary(path, temporaries.back(), content);
    }
  } catch (...) {
    for (const auto& tmp : temporaries) std::remove(tmp.c_str());
    throw;
  }
  for (size_t k = 0; k < files.size(); ++k) move_into_place(temporaries[k], files[k].first);
}

}  // namespace crossdup
