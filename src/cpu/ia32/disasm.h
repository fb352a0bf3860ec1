// Intel-syntax disassembly of a decoded instruction, from the same rows the decoder used.
#pragma once
#include <string>

#include "cpu/ia32/decoded.h"

namespace vtsim::ia32 {

// The text objdump -M intel prints for the instruction at eip (branch targets resolved).
std::string disassemble(const DecodedInsn& d, u32 eip);

}  // namespace vtsim::ia32
