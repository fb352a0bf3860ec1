// A decoded IA-32 instruction: everything execution needs, computed once and cached.
#pragma once
#include "common/types.h"
#include "cpu/ia32/row.h"
#include "cpu/ia32/state.h"

namespace vtsim::ia32 {

struct DecodedInsn {
  Handler fn = nullptr;      // the row's handler for this operand size
  const Row* row = nullptr;  // nullptr: an invalid encoding (executes as #UD)
  u32 imm = 0;    // first immediate, extended as its operand code says
  u32 disp = 0;   // memory displacement, moffs, or a far pointer's offset
  u16 imm2 = 0;   // second immediate: ENTER's nesting level, a far pointer's selector
  u8 len = 0;     // bytes, prefixes included
  u8 opcode = 0;  // the opcode byte (its low nibble is the condition of Jcc/SETcc/CMOVcc)
  u8 reg = 0;     // ModRM.reg, or the register in the opcode's low bits (Z operands)
  u8 rm = 0;      // ModRM.rm register when the operand is a register
  u8 base = kNoReg, index = kNoReg, scale = 0;  // memory operand (kNoReg: absent)
  u8 seg = 3;     // effective segment of the memory operand (DS unless overridden)
  bool mem = false;     // ModRM selects memory
  bool o32 = true;      // 32-bit operand size
  bool a32 = true;      // 32-bit address size
  u8 rep = 0;           // 0, 0xF3 (REP/REPE) or 0xF2 (REPNE)
  bool lock = false;
  bool seg_override = false;
  u16 cycles = 0;       // static cost from the model's latency table
  u8 bytes[15] = {};    // the raw bytes, for traces and the disassembler

};

}  // namespace vtsim::ia32
