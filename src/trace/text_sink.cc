#include "trace/text_sink.h"

#include <fmt/compile.h>

#include <algorithm>
#include <utility>

namespace vtsim::trace {

namespace {

constexpr std::size_t kCycleWidth = 14;  // "[c=" + 10 digits + "]"; longer cycles push right
constexpr std::size_t kKindWidth = 10;   // "exception " and "interrupt " are the longest
constexpr std::size_t kCountWidth = 10;  // "#", 8 digits of icount and a space
constexpr std::size_t kBytesWidth = 25;  // 8 bytes as "xx " and a space before the disassembly

// Appends blanks until the text since start is width characters wide (at most 32).
void pad_from(fmt::memory_buffer& out, std::size_t start, std::size_t width) {
  constexpr std::string_view kBlanks = "                                ";
  std::size_t used = out.size() - start;
  if (used < width) out.append(kBlanks.substr(0, width - used));
}

// Appends s; control characters become \xNN so that every event stays on one line.
void append_text(fmt::memory_buffer& out, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      fmt::format_to(fmt::appender(out), FMT_COMPILE("\\x{:02x}"), u);
    } else {
      out.push_back(c);
    }
  }
}

// "0x" and the value in hex, zero-padded to the width of an access of size bytes.
void append_sized(fmt::memory_buffer& out, u64 value, unsigned size) {
  unsigned digits = std::clamp(size * 2, 2u, 16u);
  fmt::format_to(fmt::appender(out), FMT_COMPILE("0x{:0{}x}"), value, digits);
}

}  // namespace

TextSink::TextSink(std::FILE* file, bool owns_file, std::string name)
    : out_(file, owns_file, std::move(name)) {}

fmt::memory_buffer& TextSink::begin(u64 cycle, Kind kind) {
  fmt::memory_buffer& out = out_.buffer();
  std::size_t start = out.size();
  fmt::format_to(fmt::appender(out), FMT_COMPILE("[c={}]"), cycle);
  out.push_back(' ');
  pad_from(out, start, kCycleWidth + 1);
  start = out.size();
  out.append(kind_name(kind));
  out.push_back(' ');
  pad_from(out, start, kKindWidth);
  return out;
}

void TextSink::end() {
  out_.buffer().push_back('\n');
  out_.commit();
}

// #42       0008:00001234 (00001234) 89 d8                    mov eax, ebx
void TextSink::retire(const Retire& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kRetire);
  std::size_t start = out.size();
  fmt::format_to(fmt::appender(out), FMT_COMPILE("#{} "), e.icount);
  pad_from(out, start, kCountWidth);
  fmt::format_to(fmt::appender(out), FMT_COMPILE("{:04x}:{:08x} ({:08x}) "), e.cs, e.ip, e.pc);
  start = out.size();
  std::size_t length = e.bytes != nullptr ? e.length : 0;
  for (std::size_t i = 0; i < length; ++i) {
    fmt::format_to(fmt::appender(out), FMT_COMPILE("{:02x} "), e.bytes[i]);
  }
  out.push_back(' ');
  pad_from(out, start, kBytesWidth);
  append_text(out, e.disasm);
  end();
}

// write 4 at 00001234 (phys 00101234) = 0x12345678
void TextSink::memory(const Memory& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kMemory);
  fmt::format_to(fmt::appender(out), FMT_COMPILE("{:<5} {} at {:08x} (phys {:08x}) = "),
                 e.write ? "write" : "read", e.size, e.linear, e.physical);
  append_sized(out, e.value, e.size);
  end();
}

// #GP(0x0010) vector 13 fault at 00001234
void TextSink::exception(const Exception& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kException);
  append_text(out, e.name);
  if (e.has_error_code) fmt::format_to(fmt::appender(out), FMT_COMPILE("(0x{:04x})"), e.error_code);
  fmt::format_to(fmt::appender(out), FMT_COMPILE(" vector {} "), e.vector);
  append_text(out, e.cls);
  fmt::format_to(fmt::appender(out), FMT_COMPILE(" at {:08x}"), e.pc);
  end();
}

// vector 32 from pic at 00001234
void TextSink::interrupt(const Interrupt& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kInterrupt);
  fmt::format_to(fmt::appender(out), FMT_COMPILE("vector {} from "), e.vector);
  append_text(out, e.source);
  fmt::format_to(fmt::appender(out), FMT_COMPILE(" at {:08x}"), e.pc);
  end();
}

// out 0x3f8 size 1 = 0x41
void TextSink::port_io(const PortIo& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kPortIo);
  fmt::format_to(fmt::appender(out), FMT_COMPILE("{} {:#x} size {} = "), e.write ? "out" : "in",
                 e.port, e.size);
  append_sized(out, e.value, e.size);
  end();
}

// 0x41
void TextSink::post_code(const PostCode& e) {
  fmt::format_to(fmt::appender(begin(e.cycle, Kind::kPostCode)), FMT_COMPILE("0x{:02x}"), e.code);
  end();
}

// real -> protected
void TextSink::mode_switch(const ModeSwitch& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kModeSwitch);
  append_text(out, e.from);
  out.append(std::string_view(" -> "));
  append_text(out, e.to);
  end();
}

// halt: waiting with interrupts disabled   (just "halt" when there is no detail)
void TextSink::note(const Note& e) {
  fmt::memory_buffer& out = begin(e.cycle, Kind::kNote);
  append_text(out, e.what);
  if (!e.detail.empty()) {
    out.append(std::string_view(": "));
    append_text(out, e.detail);
  }
  end();
}

}  // namespace vtsim::trace
