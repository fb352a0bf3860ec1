// The buffered writer under every sink: events are formatted into memory and written to a C
// stream in large blocks.
#pragma once
#include <fmt/format.h>

#include <cstddef>
#include <cstdio>
#include <string>

namespace vtsim::trace {

class Output {
 public:
  // Writes to file; closes it on destruction when owns_file. name ("-" or a path) appears in
  // error messages.
  Output(std::FILE* file, bool owns_file, std::string name);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // Where sinks format their text. Call commit() after each event.
  [[nodiscard]] fmt::memory_buffer& buffer() { return buf_; }
  void commit() {
    if (buf_.size() >= kBlockSize) drain();
  }
  // Writes out the buffer and fflushes. Throws UserError if a write failed since the last flush.
  void flush();
  // True when the stream can be repositioned (a regular file, not a pipe or terminal).
  [[nodiscard]] bool seekable() const { return seekable_; }
  // Moves the write position back over the last n bytes written. The buffer must be empty.
  void rewind(std::size_t n);

 private:
  static constexpr std::size_t kBlockSize = 64 * 1024;

  void drain();
  void fail(int error);

  std::FILE* file_;
  bool owns_file_;
  bool seekable_;
  std::string name_;
  std::string error_;  // the first write error not yet reported
  fmt::memory_buffer buf_;
};

}  // namespace vtsim::trace
