// Errors at the library boundary. Problems with one input record never throw: they become
// Reject entries. These exceptions are for what stops a whole run.
#pragma once

#include <stdexcept>
#include <string>

namespace crossdup {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A model file that cannot be used; the message names the file and what is wrong.
class ModelError : public Error {
 public:
  ModelError(const std::string& path, const std::string& what) : Error(path + ": " + what), path_(path) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An input that cannot be opened or read at all (a missing file, a folder without access).
class InputError : public Error {
 public:
  using Error::Error;
};

// Options that contradict each other or are out of range.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace crossdup
