// Files written whole: each through a temporary file beside it, synced, then renamed over the
// target, so a reader (or a run killed half-way) never sees a half-written file under the
// final name. Used for every file crossdup writes: outputs, models, concept tables, settings.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace crossdup {

// Writes `content` to `path`. Throws Error naming the path and the cause (disk full, no such
// folder, no permission); the file that was there before is then left as it was.
void write_file_atomically(const std::string& path, const std::string& content);

// Writes every (path, content) in full before renaming any, and renames them in the order
// given: put the file that marks a complete set last.
// Both first remove the temporaries of earlier runs that were killed before renaming
// (remove_stale_temporaries).
void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);

// Removes `path.tmp.PID` files beside `path` whose process is gone (a run killed half-way
// leaves one as large as the output); a running writer's temporary is kept. Returns how many.
size_t remove_stale_temporaries(const std::string& path);

}  // namespace crossdup
