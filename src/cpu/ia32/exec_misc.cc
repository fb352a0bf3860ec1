// Flag control, NOP, HLT, I/O, CPUID, RDTSC (SDM Vol. 2 instruction pages).
#include "common/error.h"
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

void nop(Cpu&, const DecodedInsn&) {}
void clc(Cpu& c, const DecodedInsn&) { c.st.flags.assign(eflags::kCf, false); }
void stc(Cpu& c, const DecodedInsn&) { c.st.flags.assign(eflags::kCf, true); }
void cmc(Cpu& c, const DecodedInsn&) { c.st.flags.assign(eflags::kCf, !c.st.flags.cf()); }
void cld(Cpu& c, const DecodedInsn&) { c.st.flags.assign(eflags::kDf, false); }
void std_(Cpu& c, const DecodedInsn&) { c.st.flags.assign(eflags::kDf, true); }

// CLI/STI: IOPL-sensitive in protected mode (SDM CLI, STI; VME/PVI rules come with v86 work).
void check_iopl(Cpu& c) {
  if (c.st.protected_mode() && c.st.cpl > c.st.flags.iopl()) raise(kGP, 0);
}
void cli(Cpu& c, const DecodedInsn&) {
  check_iopl(c);
  c.st.flags.assign(eflags::kIf, false);
}
void sti(Cpu& c, const DecodedInsn&) {
  check_iopl(c);
  if (!c.st.flags.if_()) c.st.interrupt_shadow = true;  // one instruction before recognition
  c.st.flags.assign(eflags::kIf, true);
  c.end_block();
}

void hlt(Cpu& c, const DecodedInsn&) {
  if (c.st.cpl != 0) raise(kGP, 0);
  c.st.halted = true;
  c.end_block();
}

template <typename T>
void in_AI(Cpu& c, const DecodedInsn& d) { set_reg<T>(c, kEax, static_cast<T>(c.port_in(static_cast<u8>(d.imm), sizeof(T)))); }
template <typename T>
void in_AD(Cpu& c, const DecodedInsn&) { set_reg<T>(c, kEax, static_cast<T>(c.port_in(c.st.r16(kEdx), sizeof(T)))); }
template <typename T>
void out_IA(Cpu& c, const DecodedInsn& d) { c.port_out(static_cast<u8>(d.imm), sizeof(T), get_reg<T>(c, kEax)); }
template <typename T>
void out_DA(Cpu& c, const DecodedInsn&) { c.port_out(c.st.r16(kEdx), sizeof(T), get_reg<T>(c, kEax)); }

// CPUID: leaves from the model; an unknown leaf above the maximum returns the highest basic leaf
// (SDM CPUID, "If a value entered ... is higher than the maximum").
void cpuid(Cpu& c, const DecodedInsn&) {
  u32 leaf = c.st.r32(kEax), sub = c.st.r32(kEcx);
  const auto& leaves = c.model().cpuid;
  u32 max_basic = leaves.empty() ? 0 : leaves.front().eax;
  u32 max_ext = 0;
  for (const CpuidLeaf& l : leaves)
    if (l.leaf == 0x80000000) max_ext = l.eax;
  if (leaf < 0x80000000 ? leaf > max_basic : leaf > max_ext) leaf = max_basic;
  CpuidLeaf out{leaf, sub, 0, 0, 0, 0};
  for (const CpuidLeaf& l : leaves)
    if (l.leaf == leaf && (l.subleaf == sub || l.subleaf == 0)) out = l;
  c.st.r32(kEax) = out.eax;
  c.st.r32(kEbx) = out.ebx;
  c.st.r32(kEcx) = out.ecx;
  c.st.r32(kEdx) = out.edx;
}

// RDTSC: #GP(0) when CR4.TSD and CPL > 0 (SDM RDTSC).
void rdtsc(Cpu& c, const DecodedInsn&) {
  if ((c.st.cr4 & (1u << 2)) && c.st.cpl != 0 && c.st.protected_mode()) raise(kGP, 0);
  u64 t = c.tsc();
  c.st.r32(kEax) = static_cast<u32>(t);
  c.st.r32(kEdx) = static_cast<u32>(t >> 32);
}

// WAIT/FWAIT: #NM when CR0.MP and CR0.TS are both set (SDM Vol. 3A 2.5, Table 2-2).
void fwait(Cpu& c, const DecodedInsn&) {
  if ((c.st.cr0 & cr0::kMp) && (c.st.cr0 & cr0::kTs)) raise(kNM);
}
// x87 instructions: #NM when CR0.EM or CR0.TS is set (Table 2-2). vtsim has no x87 unit yet
// (CPUID says so), so with both clear the guest relied on something missing.
void x87(Cpu& c, const DecodedInsn&) {
  if (c.st.cr0 & (cr0::kEm | cr0::kTs)) raise(kNM);
  throw Unimplemented("x87 floating-point instructions");
}

// INT1 (ICEBP, F1): a #DB trap delivered like an exception, without the gate DPL check
// (SDM Vol. 2A INT n/INTO/INT3/INT1).
void int1(Cpu& c, const DecodedInsn&) { c.deliver_event(kDB, Cpu::Event::kException, false, 0); }

// RDPMC: #GP(0) at CPL > 0 without CR4.PCE, or for a counter index the model lacks (two
// general counters on Core 2). Counters are not modelled yet: they read 0.
void rdpmc(Cpu& c, const DecodedInsn&) {
  if ((c.st.cr4 & (1u << 8)) == 0 && c.st.cpl != 0 && c.st.protected_mode()) raise(kGP, 0);
  if (c.st.r32(kEcx) > 1) raise(kGP, 0);
  c.st.r32(kEax) = 0;
  c.st.r32(kEdx) = 0;
}

// RSM outside system-management mode, and GETSEC with CR4.SMXE = 0, are #UD (SDM RSM, GETSEC).
void undefined_here(Cpu&, const DecodedInsn&) { raise(kUD); }

constexpr u16 kEnds = row_attr::kEndsBlock;

constexpr Row kRows[] = {
    op1("nop", 0x90, {}, nop, nop, OpClass::kAlu),
    op1("fwait", 0x9B, {}, fwait, fwait, OpClass::kAlu),
    op1("fnop", 0xD9, {}, x87, x87, OpClass::kComplex).ext(2).rm_ext(0),
    // Multi-byte and hint NOPs (SDM Vol. 2B NOP; Table A-3 0F 19-1F "NOP Ev").
    op2("nop", 0x1F, {O::kEv}, nop, nop, OpClass::kAlu),
    op2("nop", 0x19, {O::kEv}, nop, nop, OpClass::kAlu),
    op2("nop", 0x1D, {O::kEv}, nop, nop, OpClass::kAlu),
    op2("nop", 0x1E, {O::kEv}, nop, nop, OpClass::kAlu),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(0).reg_only(),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(1),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(2),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(3),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(4),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(5),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(6),
    op2("nop", 0x1C, {O::kEv}, nop, nop, OpClass::kAlu).ext(7),
    // PREFETCHh (0F 18 /0-/3) are hints; /4-/7 are hint NOPs.
    op2("prefetchnta", 0x18, {O::kMb}, nop, nop, OpClass::kAlu).ext(0).mem_only(),
    op2("prefetcht0", 0x18, {O::kMb}, nop, nop, OpClass::kAlu).ext(1).mem_only(),
    op2("prefetcht1", 0x18, {O::kMb}, nop, nop, OpClass::kAlu).ext(2).mem_only(),
    op2("prefetcht2", 0x18, {O::kMb}, nop, nop, OpClass::kAlu).ext(3).mem_only(),
    op2("nop", 0x18, {O::kEv}, nop, nop, OpClass::kAlu).ext(4),
    op2("nop", 0x18, {O::kEv}, nop, nop, OpClass::kAlu).ext(5),
    op2("nop", 0x18, {O::kEv}, nop, nop, OpClass::kAlu).ext(6),
    op2("nop", 0x18, {O::kEv}, nop, nop, OpClass::kAlu).ext(7),
    op1("pause", 0x90, {}, nop, nop, OpClass::kAlu).mandatory(Mandatory::kF3).exits(ExitClass::kPause),
    op1("int1", 0xF1, {}, int1, int1, OpClass::kInterrupt).with(kEnds),
    op2("rdpmc", 0x33, {}, rdpmc, rdpmc, OpClass::kComplex).exits(ExitClass::kRdpmc),
    op2("rsm", 0xAA, {}, undefined_here, undefined_here, OpClass::kComplex).exits(ExitClass::kRsm),
    op2("getsec", 0x37, {}, undefined_here, undefined_here, OpClass::kComplex).exits(ExitClass::kGetsec),
    op1("clc", 0xF8, {}, clc, clc, OpClass::kAlu),
    op1("stc", 0xF9, {}, stc, stc, OpClass::kAlu),
    op1("cmc", 0xF5, {}, cmc, cmc, OpClass::kAlu),
    op1("cld", 0xFC, {}, cld, cld, OpClass::kAlu),
    op1("std", 0xFD, {}, std_, std_, OpClass::kAlu),
    op1("cli", 0xFA, {}, cli, cli, OpClass::kComplex),
    op1("sti", 0xFB, {}, sti, sti, OpClass::kComplex).with(kEnds),
    op1("hlt", 0xF4, {}, hlt, hlt, OpClass::kComplex).with(kEnds).exits(ExitClass::kHlt),
    op1("in", 0xE4, {O::kAL, O::kIb}, in_AI<u8>, in_AI<u8>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("in", 0xE5, {O::kAv, O::kIb}, in_AI<u16>, in_AI<u32>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("in", 0xEC, {O::kAL, O::kDX}, in_AD<u8>, in_AD<u8>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("in", 0xED, {O::kAv, O::kDX}, in_AD<u16>, in_AD<u32>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("out", 0xE6, {O::kIb, O::kAL}, out_IA<u8>, out_IA<u8>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("out", 0xE7, {O::kIb, O::kAv}, out_IA<u16>, out_IA<u32>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("out", 0xEE, {O::kDX, O::kAL}, out_DA<u8>, out_DA<u8>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op1("out", 0xEF, {O::kDX, O::kAv}, out_DA<u16>, out_DA<u32>, OpClass::kIo).with(kEnds).exits(ExitClass::kIo),
    op2("cpuid", 0xA2, {}, cpuid, cpuid, OpClass::kComplex).exits(ExitClass::kCpuid),
    op2("rdtsc", 0x31, {}, rdtsc, rdtsc, OpClass::kComplex).exits(ExitClass::kRdtsc).needs(Feature::kTsc),
};

}  // namespace

std::span<const Row> misc_rows() { return kRows; }

}  // namespace vtsim::ia32
