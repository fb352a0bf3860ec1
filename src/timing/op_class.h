// Operation classes: the unit of the timing model. Each decode row names one; each CPU model
// gives a latency per class.
#pragma once
#include <array>
#include <string_view>

#include "common/types.h"

namespace vtsim::timing {

enum class OpClass : u8 {
  kAlu,         // integer ALU register form, MOV, LEA, SETcc, flag operations
  kAluMem,      // ALU with a memory operand, loads
  kStore,       // stores, PUSH
  kCmov,        // CMOVcc
  kShift,       // shifts and rotates
  kMul,         // MUL / IMUL 16/32
  kDiv,         // DIV / IDIV
  kBranch,      // direct jumps, calls, returns, Jcc
  kBranchInd,   // indirect jumps and calls through memory
  kString,      // one iteration of a string instruction
  kComplex,     // microcoded instructions (CPUID, BCD, ENTER, far transfers, segment loads)
  kSystem,      // serialising system instructions (MOV CR, LGDT, WRMSR, INVLPG)
  kIo,          // IN / OUT
  kInterrupt,   // exception or interrupt delivery, IRET
  kCount
};

using LatencyTable = std::array<u16, static_cast<size_t>(OpClass::kCount)>;

std::string_view op_class_name(OpClass c);

}  // namespace vtsim::timing
