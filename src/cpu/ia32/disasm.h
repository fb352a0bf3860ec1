// Intel-syntax disassembly of a decoded instruction, from the same rows the decoder used. The text
// is exactly what GNU objdump (binutils 2.40) prints with -M intel, for -m i386 and -m i8086.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "cpu/ia32/decoded.h"

namespace vtsim::ia32 {

// The text objdump -M intel prints for the instruction at eip (branch targets resolved);
// "(bad)" for an invalid encoding.
std::string disassemble(const DecodedInsn& d, u32 eip);

// The name objdump prints for a prefix byte standing alone (a prefix whose instruction runs past
// the end of the data); empty if the byte is not a prefix.
std::string_view lone_prefix_name(u8 byte, bool code32);

// What `objdump -D -b binary -m i386|i8086 -M intel --adjust-vma=base
// [--start-address=base+start]` prints for data: the header naming file, then one line per
// instruction (address, up to seven bytes, text), continuation lines for longer instructions,
// and "..." for skipped runs of zero bytes. At most count instructions.
struct ListingOptions {
  std::string_view file;
  bool code32 = true;
  u64 base = 0;
  u64 start = 0;  // offset into data of the first instruction
  u64 count = ~u64{0};
  bool header = true;
};
std::string objdump_listing(std::span<const u8> data, const ListingOptions& opt);

}  // namespace vtsim::ia32
