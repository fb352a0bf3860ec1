// One row of the IA-32 decode table: an opcode form as the SDM's opcode maps list it
// (SDM Vol. 2D Appendix A). The decoder, the disassembler, the timing op class and the VM-exit
// class all read the same row.
#pragma once
#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include "common/types.h"
#include "timing/op_class.h"

namespace vtsim::ia32 {

class Cpu;
struct DecodedInsn;
using Handler = void (*)(Cpu&, const DecodedInsn&);

// Operand codes after SDM Vol. 2D A.2: addressing method letter + size letter.
enum class Opnd : u8 {
  kNone,
  kEb, kEw, kEd, kEv,          // ModRM r/m, register or memory
  kGb, kGw, kGd, kGv,          // ModRM reg, general register
  kM, kMw, kMd, kMq, kMp, kMa, kMs,  // ModRM r/m, memory only (p: far pointer, a: BOUND pair,
                               //   s: 6-byte pseudo-descriptor, M: size-less, as LEA)
  kRd,                         // ModRM r/m, register only (MOV CR/DR)
  kCd, kDd,                    // ModRM reg selects a control or debug register
  kSw,                         // ModRM reg selects a segment register
  kIb, kIbs, kIw, kIz,         // immediates: byte, byte sign-extended to v, word, word/dword
  kJb, kJz,                    // relative branch offsets
  kAp,                         // direct far pointer (JMP/CALL ptr16:16/32)
  kOb, kOv,                    // moffs: offset only, no ModRM
  kXb, kXv, kYb, kYv,          // string operands DS:eSI and ES:eDI
  kZb, kZv,                    // register in the low three opcode bits (B0+r, 50+r, ...)
  kAL, kCL, kDX, kAX, kEAX, kAv,  // fixed registers; kAv is AX or EAX by operand size
  kOne,                        // the constant 1 of D0/D1 shifts
  kES, kCS, kSS, kDS, kFS, kGS,   // fixed segment registers (PUSH ES, ...)
  kRvMw,                       // ModRM r/m: register of operand size, or a word in memory
                               //   (SLDT, STR, SMSW, LAR/LSL source; SDM Table A-6 "Rv/Mw")
  kMb,                         // ModRM r/m, memory only, byte (INVLPG, as objdump prints it)
  kXlat,                       // the byte at DS:[eBX+AL] (XLAT m8), segment overridable
};

enum class OpMap : u8 { kOneByte, k0F };

// ModRM.mod constraint of a row.
enum class ModCon : u8 { kAny, kMem, kReg };

// Mandatory prefix of a 0F-map row (SDM Vol. 2A 2.1.2: 66/F2/F3 as opcode extensions).
enum class Mandatory : u8 { kNone, k66, kF3, kF2 };

// What kind of VM exit the instruction can cause under VMX non-root operation
// (SDM Vol. 3C 25.1-25.3). Looked up by the intercept step before the instruction runs.
enum class ExitClass : u8 {
  kNone, kCpuid, kHlt, kInvd, kInvlpg, kRdpmc, kRdtsc, kRsm, kVmcall, kVmx, kMovCr, kMovDr,
  kIo, kRdmsr, kWrmsr, kMwait, kMonitor, kPause, kDescTable, kLdtrTr, kWbinvd, kGetsec,
  kTaskSwitch, kClts, kLmsw, kSmsw,
};

// CPUID-enumerated feature a row depends on; the decoder raises #UD when the model lacks it.
enum class Feature : u8 { kBase, kCmov, kCx8, kSep, kTsc, kMsr, kI486, kPentium };

namespace row_attr {
constexpr u16 kEndsBlock = 1u << 0;  // control transfer or state change: the decoded block ends
constexpr u16 kLock = 1u << 1;       // LOCK prefix allowed with a memory destination
constexpr u16 kRep = 1u << 2;        // honours REP/REPE/REPNE
constexpr u16 kNoOpsize = 1u << 3;   // operand size does not change the mnemonic or operands
constexpr u16 kStack = 1u << 4;      // operand size 16/32 also picks the stack width (PUSH/POP)
}  // namespace row_attr

struct Row {
  std::string_view mnemonic;  // objdump's Intel-syntax name; "cbw|cwde" = 16-bit|32-bit names
  OpMap map;
  u8 opcode;
  u8 count;  // consecutive opcodes covered (8 for +r forms), normally 1
  i8 reg;    // ModRM.reg opcode extension (/digit) or -1
  ModCon mod;
  i8 rm;     // ModRM.rm extension when mod == 3 (0F 01 C8 ...) or -1
  Mandatory prefix;
  std::array<Opnd, 3> ops;
  Handler h16, h32;  // semantics for 16- and 32-bit operand size
  timing::OpClass cls;
  ExitClass exit;
  Feature feature;
  u16 attrs;

  [[nodiscard]] bool has_modrm() const;
  [[nodiscard]] bool covers(u8 op) const { return op >= opcode && op - opcode < count; }

  // Builders used by the tables: each returns a modified copy.
  constexpr Row ext(int r) const { Row x = *this; x.reg = static_cast<i8>(r); return x; }
  constexpr Row mem_only() const { Row x = *this; x.mod = ModCon::kMem; return x; }
  constexpr Row reg_only() const { Row x = *this; x.mod = ModCon::kReg; return x; }
  constexpr Row rm_ext(int r) const { Row x = reg_only(); x.rm = static_cast<i8>(r); return x; }
  constexpr Row plus_r(int n = 8) const { Row x = *this; x.count = static_cast<u8>(n); return x; }
  constexpr Row with(u16 a) const { Row x = *this; x.attrs |= a; return x; }
  constexpr Row exits(ExitClass e) const { Row x = *this; x.exit = e; return x; }
  constexpr Row needs(Feature f) const { Row x = *this; x.feature = f; return x; }
  constexpr Row mandatory(Mandatory p) const { Row x = *this; x.prefix = p; return x; }
};

// A one-byte-map row and a 0F-map row with the common defaults.
constexpr Row op1(std::string_view mn, u8 opc, std::array<Opnd, 3> ops, Handler h16, Handler h32,
                  timing::OpClass cls) {
  return Row{mn, OpMap::kOneByte, opc, 1, -1, ModCon::kAny, -1, Mandatory::kNone, ops, h16, h32,
             cls, ExitClass::kNone, Feature::kBase, 0};
}
constexpr Row op2(std::string_view mn, u8 opc, std::array<Opnd, 3> ops, Handler h16, Handler h32,
                  timing::OpClass cls) {
  Row r = op1(mn, opc, ops, h16, h32, cls);
  r.map = OpMap::k0F;
  return r;
}

// Concatenates row arrays at compile time (a group built from several families of rows).
template <size_t... N>
constexpr auto join_rows(const std::array<Row, N>&... parts) {
  std::array<Row, (N + ...)> out{};
  size_t i = 0;
  ((std::copy(parts.begin(), parts.end(), out.begin() + i), i += N), ...);
  return out;
}

// The rows of each instruction group, one span per exec_*.cc file; decode_table.cc joins them.
std::span<const Row> alu_rows();
std::span<const Row> move_rows();
std::span<const Row> control_rows();
std::span<const Row> string_rows();
std::span<const Row> system_rows();
std::span<const Row> misc_rows();
std::span<const Row> shift_rows();
std::span<const Row> muldiv_rows();
std::span<const Row> bcd_rows();
std::span<const Row> bits_rows();
std::span<const Row> stack_rows();
std::span<const Row> protection_rows();

}  // namespace vtsim::ia32
