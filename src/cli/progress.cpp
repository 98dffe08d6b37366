#include <cstdio>
#include <string>

#include "commands.h"

namespace crossdup::cli {

Progress::Progress(bool enabled) : enabled_(enabled) {}

void Progress::operator()(const std::string& stage, size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  const int width = 30;
  int filled = static_cast<int>(width * done / total);
  std::fprintf(stderr, "\r[%s%s] %-10s", std::string(static_cast<size_t>(filled), '#').c_str(),
               std::string(static_cast<size_t>(width - filled), '.').c_str(), stage.c_str());
  std::fflush(stderr);
}

void Progress::finish() {
  if (enabled_) std::fprintf(stderr, "\r%60s\r", "");
}

}  // namespace crossdup::cli
