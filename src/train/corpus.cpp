// Reading the training corpora: plain or xz-compressed text, one document per line.
#include <lzma.h>

#include <cstdio>
#include <fstream>

#include "crossdup/error.h"
#include "crossdup/train.h"

namespace crossdup {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void for_each_xz_line(const std::string& path, const std::function<void(std::string&)>& fn) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path + ": cannot open");
  lzma_stream strm = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&strm, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    std::fclose(f);
    throw InputError(path + ": cannot start the xz decoder");
  }
  std::vector<uint8_t> in(1 << 16), out(1 << 18);
  std::string pending;
  lzma_action action = LZMA_RUN;
  strm.next_out = out.data();
  strm.avail_out = out.size();
  for (;;) {
    if (strm.avail_in == 0 && action == LZMA_RUN) {
      strm.next_in = in.data();
      strm.avail_in = std::fread(in.data(), 1, in.size(), f);
      if (std::feof(f)) action = LZMA_FINISH;
    }
    lzma_ret ret = lzma_code(&strm, action);
    if (strm.avail_out == 0 || ret == LZMA_STREAM_END) {
      size_t produced = out.size() - strm.avail_out;
      size_t start = 0;
      for (size_t i = 0; i < produced; ++i) {
        if (out[i] == '\n') {
          pending.append(reinterpret_cast<char*>(out.data()) + start, i - start);
          fn(pending);
          pending.clear();
          start = i + 1;
        }
      }
      pending.append(reinterpret_cast<char*>(out.data()) + start, produced - start);
      strm.next_out = out.data();
      strm.avail_out = out.size();
    }
    if (ret == LZMA_STREAM_END) break;
    if (ret != LZMA_OK) {
      lzma_end(&strm);
      std::fclose(f);
      throw InputError(path + ": xz data is damaged (lzma error " + std::to_string(ret) + ")");
    }
  }
  if (!pending.empty()) fn(pending);
  lzma_end(&strm);
  std::fclose(f);
}

}  // namespace

void for_each_line(const std::string& path, const std::function<void(std::string&)>& fn) {
  if (ends_with(path, ".xz")) return for_each_xz_line(path, fn);
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  std::string line;
  while (std::getline(in, line)) fn(line);
}

}  // namespace crossdup
