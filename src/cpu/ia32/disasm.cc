#include "cpu/ia32/disasm.h"

namespace vtsim::ia32 {

std::string disassemble(const DecodedInsn& d, u32 /*eip*/) {
  if (!d.row) return "(bad)";
  return std::string(d.row->mnemonic);
}

}  // namespace vtsim::ia32
