// Guest exceptions (SDM Vol. 3A 6.3, Table 6-1), raised by instruction semantics as a C++
// exception and delivered to the guest by the CPU loop.
#pragma once
#include <string_view>

#include "common/types.h"

namespace vtsim::ia32 {

enum Vector : u8 {
  kDE = 0, kDB = 1, kNMI = 2, kBP = 3, kOF = 4, kBR = 5, kUD = 6, kNM = 7, kDF = 8,
  kTS = 10, kNP = 11, kSS = 12, kGP = 13, kPF = 14, kMF = 16, kAC = 17, kMC = 18, kXM = 19,
};

struct Fault {
  u8 vector;
  bool has_error;
  u32 error;
};

[[noreturn]] inline void raise(u8 vector) { throw Fault{vector, false, 0}; }
[[noreturn]] inline void raise(u8 vector, u32 error) { throw Fault{vector, true, error}; }

// "#GP" for 13, "int 0x40" style names are made by the caller for others.
std::string_view vector_name(u8 vector);
// Faults restart the instruction; traps report the next one (SDM Vol. 3A 6.5).
bool is_trap(u8 vector);

}  // namespace vtsim::ia32
