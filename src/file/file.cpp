#include "crossdup/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

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

// A process id that no running process has: its temporaries are left over from a killed run.
bool process_gone(const std::string& digits) {
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  const long pid = std::stol(digits);
  return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

size_t remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const std::string prefix = target.filename().string() + ".tmp.";
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !process_gone(name.substr(prefix.size()))) continue;
    std::error_code gone;
    if (fs::remove(it->path(), gone)) {
      ++removed;
      spdlog::info("removed {}, left by a run that was killed", it->path().string());
    }
  }
  return removed;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& file : files) remove_stale_temporaries(file.first);
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
