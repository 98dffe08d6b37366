// Any bytes as a folder tree for the folder walker: each line "KIND NAME CONTENT" makes a file
// (f), a folder (d) or a symbolic link (l, to CONTENT) below a fresh temporary folder, and the
// batch read from it accounts for every record (read = articles + rejects), nothing crashes.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/read.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

namespace {

// A name for one path component: no '/', no NUL, not "." or "..", at most 40 bytes.
std::string component(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\0') c = '_';
  if (name.size() > 40) name.resize(40);
  if (name.empty() || name == "." || name == "..") name = "x";
  return name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path root = fs::temp_directory_path() / ("crossdup-fuzz-folder-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories(root / "feed");
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::string line;
  fs::path current = root / "feed";
  for (int entries = 0; std::getline(in, line) && entries < 32; ++entries) {
    if (line.size() < 2) continue;
    const char kind = line[0];
    std::string rest = line.substr(2);
    const size_t space = rest.find(' ');
    const fs::path path = current / component(rest.substr(0, space));
    const std::string content = space == std::string::npos ? "" : rest.substr(space + 1);
    if (kind == 'd') {
      fs::create_directories(path, ec);
      if (!ec) current = path;  // later entries go inside it
    } else if (kind == 'l') {
      fs::create_symlink(content.empty() ? fs::path("missing") : fs::path(component(content)), path, ec);
    } else if (kind == 'u') {
      current = root / "feed";  // back to the top
    } else {
      std::ofstream(path, std::ios::binary) << content;
    }
  }
  crossdup::Options o;
  o.max_article_bytes = 1024;
  try {
    crossdup::ReadResult r = crossdup::read_inputs({(root / "feed").string()}, o);
    if (r.records_read != r.articles.size() + r.rejects.size()) std::abort();
    for (const auto& a : r.articles)
      if (!crossdup::is_valid_utf8(a.id)) std::abort();
  } catch (const crossdup::InputError&) {
  }
  fs::remove_all(root, ec);
  return 0;
}
