// IA-32 architectural state as plain data (SDM Vol. 1 ch. 3, Vol. 3 ch. 2-3).
// Registers are 64 bits wide with 32-, 16- and 8-bit views, to leave room for Intel 64.
#pragma once
#include <array>

#include "common/types.h"
#include "cpu/ia32/flags.h"

namespace vtsim::ia32 {

enum Gpr : u8 { kEax, kEcx, kEdx, kEbx, kEsp, kEbp, kEsi, kEdi, kNoReg = 16 };
enum SegReg : u8 { kEs, kCs, kSs, kDs, kFs, kGs, kNoSeg = 7 };

// Descriptor attribute bits as in bytes 5-6 of a descriptor (SDM Vol. 3 3.4.5), packed into 12
// bits: type(4) S(1) DPL(2) P(1) | AVL(1) L(1) D/B(1) G(1).
namespace attr {
constexpr u16 kAccessed = 1u << 0;
constexpr u16 kWritable = 1u << 1;   // data: writable; code: readable
constexpr u16 kExpandDown = 1u << 2; // data: expand-down; code: conforming
constexpr u16 kCode = 1u << 3;
constexpr u16 kS = 1u << 4;          // code or data (not system)
constexpr u16 kPresent = 1u << 7;
constexpr u16 kDb = 1u << 10;
constexpr u16 kG = 1u << 11;
constexpr unsigned dpl(u16 a) { return (a >> 5) & 3; }
}  // namespace attr

// A segment register with its hidden descriptor cache (SDM Vol. 3 3.4.3).
struct Segment {
  u16 selector = 0;
  u32 base = 0;
  u32 limit = 0xFFFF;  // byte granular (G already applied)
  u16 attr = attr::kPresent | attr::kS | attr::kWritable | attr::kAccessed;
  bool usable = true;  // false after loading a null selector in protected mode
};

struct TableReg {
  u32 base = 0;
  u16 limit = 0xFFFF;
};

namespace cr0 {
constexpr u32 kPe = 1u << 0, kMp = 1u << 1, kEm = 1u << 2, kTs = 1u << 3, kEt = 1u << 4;
constexpr u32 kNe = 1u << 5, kWp = 1u << 16, kAm = 1u << 18, kNw = 1u << 29, kCd = 1u << 30;
constexpr u32 kPg = 1u << 31;
}  // namespace cr0

struct State {
  std::array<u64, 17> gpr{};  // gpr[kNoReg] stays 0: address arithmetic uses it for "no register"
  u64 rip = 0xFFF0;
  Flags flags;
  std::array<Segment, 6> seg{};
  Segment ldtr, tr;
  TableReg gdtr, idtr;
  u64 cr0 = cr0::kEt | cr0::kCd | cr0::kNw, cr2 = 0, cr3 = 0, cr4 = 0;
  std::array<u32, 8> dr{0, 0, 0, 0, 0xFFFF0FF0, 0x400, 0xFFFF0FF0, 0x400};
  u64 tsc_offset = 0;  // IA32_TIME_STAMP_COUNTER = clock + tsc_offset
  u32 sysenter_cs = 0, sysenter_esp = 0, sysenter_eip = 0;
  u64 misc_enable = 1;  // fast-strings enable (SDM Vol. 4, IA32_MISC_ENABLE)
  u64 apic_base = 0xFEE00900;
  u64 feature_control = 0;

  unsigned cpl = 0;
  bool halted = false;
  // Interrupts are inhibited until after the next instruction (STI, MOV SS, POP SS).
  bool interrupt_shadow = false;

  u32& r32(unsigned r) { return *reinterpret_cast<u32*>(&gpr[r]); }
  u16& r16(unsigned r) { return *reinterpret_cast<u16*>(&gpr[r]); }
  // 8-bit registers: AL CL DL BL AH CH DH BH (SDM Vol. 2A 2.1.5, Table 2-1).
  u8& r8(unsigned r) { return reinterpret_cast<u8*>(&gpr[r & 3])[r >> 2]; }
  u32 eip() const { return static_cast<u32>(rip); }

  bool protected_mode() const { return cr0 & cr0::kPe; }
  bool v86() const { return flags.vm(); }
  bool code32() const { return seg[kCs].attr & attr::kDb; }
};

}  // namespace vtsim::ia32
