// A small streaming JSON object writer for the JSONL and Chrome sinks.
#pragma once
#include <fmt/format.h>

#include <cstddef>
#include <string_view>

#include "common/types.h"

namespace vtsim::trace {

// Appends s as a quoted JSON string: '"' and '\' are escaped, control characters become \u00XX.
// Other bytes pass through, so UTF-8 text stays UTF-8.
void append_json_string(fmt::memory_buffer& out, std::string_view s);

// Writes one object, member by member, into a buffer. Keys are written verbatim: they must be
// plain ASCII names.
class JsonObject {
 public:
  explicit JsonObject(fmt::memory_buffer& out) : out_(out) { out_.push_back('{'); }

  void number(std::string_view key, u64 value);
  void hex(std::string_view key, u64 value);  // "0x1f": addresses and data values
  void bytes(std::string_view key, const u8* data, std::size_t n);  // "89d8"
  void string(std::string_view key, std::string_view value);
  void boolean(std::string_view key, bool value);
  void null(std::string_view key);
  // Writes the key and returns the buffer; the caller appends one JSON value.
  fmt::memory_buffer& raw(std::string_view key);
  // Opens a nested object; close it before adding members to this one.
  JsonObject object(std::string_view key);
  void close() { out_.push_back('}'); }

 private:
  void key(std::string_view name);

  fmt::memory_buffer& out_;
  bool first_ = true;
};

}  // namespace vtsim::trace
