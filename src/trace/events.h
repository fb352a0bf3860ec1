// Typed trace events. Every field is plain data; string_views point at storage owned by the
// producer and are valid only during the Sink call.
#pragma once
#include <string_view>

#include "common/types.h"

namespace vtsim::trace {

// One bit per event kind; --trace-events selects a set of them.
enum class Kind : u8 {
  kRetire = 0,     // an instruction retired
  kMemory = 1,     // a data memory access
  kException = 2,  // an exception delivered to the guest (fault, trap, abort)
  kInterrupt = 3,  // an external interrupt delivered to the guest
  kPortIo = 4,     // an IN/OUT access to a device
  kPostCode = 5,   // a byte written to the POST port 0x80
  kModeSwitch = 6, // the CPU changed operating mode (real, protected, v86, ...)
  kNote = 7,       // a simulator message: limit reached, triple fault, halt, shutdown
  kCount
};

using KindMask = u32;
constexpr KindMask bit(Kind k) { return KindMask{1} << static_cast<unsigned>(k); }
constexpr KindMask kAllKinds = (KindMask{1} << static_cast<unsigned>(Kind::kCount)) - 1;

// The name of a kind as written in --trace-events and in the JSON "type" field.
std::string_view kind_name(Kind k);

struct Retire {
  u64 icount;          // instructions retired before this one
  u64 cycle;           // clock when it retired
  u64 pc;              // linear address of the instruction
  u16 cs;              // code segment selector (IA-32), 0 on IA-64
  u64 ip;              // EIP (IA-32) or IP (IA-64)
  const u8* bytes;     // instruction bytes as fetched
  u8 length;           // number of bytes
  std::string_view disasm;  // Intel-syntax disassembly
};

struct Memory {
  u64 cycle;
  u64 linear;
  u64 physical;
  u64 value;
  u8 size;  // bytes
  bool write;
};

struct Exception {
  u64 cycle;
  u64 pc;              // linear address of the faulting or trapping instruction
  u8 vector;
  bool has_error_code;
  u32 error_code;
  std::string_view name;  // mnemonic, "#GP", "#PF", ...
  std::string_view cls;   // "fault", "trap", "abort", "software"
};

struct Interrupt {
  u64 cycle;
  u64 pc;  // where the guest was interrupted
  u8 vector;
  std::string_view source;  // "pic", "nmi", ...
};

struct PortIo {
  u64 cycle;
  u16 port;
  u8 size;
  bool write;
  u32 value;
};

struct PostCode {
  u64 cycle;
  u8 code;
};

struct ModeSwitch {
  u64 cycle;
  std::string_view from;
  std::string_view to;
};

struct Note {
  u64 cycle;
  std::string_view what;    // short tag: "halt", "limit", "triple-fault", "shutdown", "exit"
  std::string_view detail;  // free text, one line
};

}  // namespace vtsim::trace
