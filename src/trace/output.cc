#include "trace/output.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include "common/error.h"

namespace vtsim::trace {

Output::Output(std::FILE* file, bool owns_file, std::string name)
    : file_(file), owns_file_(owns_file), seekable_(std::ftell(file) >= 0), name_(std::move(name)) {
  buf_.reserve(kBlockSize + kBlockSize / 4);
}

Output::~Output() {
  try {
    flush();
  } catch (const UserError&) {
    // A destructor cannot report; callers that care call flush() first.
  }
  if (owns_file_) std::fclose(file_);
}

void Output::drain() {
  if (buf_.size() != 0 && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
    fail(errno);
  }
  buf_.clear();
}

void Output::flush() {
  drain();
  if (std::fflush(file_) != 0) fail(errno);
  if (!error_.empty()) {
    std::string message = std::exchange(error_, {});
    throw UserError(fmt::format("cannot write trace '{}': {}", name_, message));
  }
}

void Output::rewind(std::size_t n) {
  drain();
  if (std::fseek(file_, -static_cast<long>(n), SEEK_CUR) != 0) {
    throw UserError(fmt::format("cannot seek in trace '{}': {}", name_, std::strerror(errno)));
  }
}

void Output::fail(int error) {
  if (error_.empty()) error_ = error != 0 ? std::strerror(error) : "write failed";
}

}  // namespace vtsim::trace
