#include "trace/json.h"

#include <fmt/compile.h>

namespace vtsim::trace {

namespace {
bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }
}  // namespace

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of characters not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!needs_escape(c)) continue;
    out.append(s.substr(plain, i - plain));
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      fmt::format_to(fmt::appender(out), FMT_COMPILE("\\u{:04x}"), static_cast<unsigned char>(c));
    }
    plain = i + 1;
  }
  out.append(s.substr(plain));
  out.push_back('"');
}

void JsonObject::key(std::string_view name) {
  out_.append(first_ ? std::string_view("\"") : std::string_view(",\""));
  first_ = false;
  out_.append(name);
  out_.append(std::string_view("\":"));
}

void JsonObject::number(std::string_view key_name, u64 value) {
  key(key_name);
  fmt::format_to(fmt::appender(out_), FMT_COMPILE("{}"), value);
}

void JsonObject::hex(std::string_view key_name, u64 value) {
  key(key_name);
  fmt::format_to(fmt::appender(out_), FMT_COMPILE("\"{:#x}\""), value);
}

void JsonObject::bytes(std::string_view key_name, const u8* data, std::size_t n) {
  key(key_name);
  out_.push_back('"');
  for (std::size_t i = 0; i < n; ++i) {
    fmt::format_to(fmt::appender(out_), FMT_COMPILE("{:02x}"), data[i]);
  }
  out_.push_back('"');
}

void JsonObject::string(std::string_view key_name, std::string_view value) {
  key(key_name);
  append_json_string(out_, value);
}

void JsonObject::boolean(std::string_view key_name, bool value) {
  key(key_name);
  out_.append(value ? std::string_view("true") : std::string_view("false"));
}

void JsonObject::null(std::string_view key_name) {
  key(key_name);
  out_.append(std::string_view("null"));
}

fmt::memory_buffer& JsonObject::raw(std::string_view key_name) {
  key(key_name);
  return out_;
}

JsonObject JsonObject::object(std::string_view key_name) {
  key(key_name);
  return JsonObject(out_);
}

}  // namespace vtsim::trace
