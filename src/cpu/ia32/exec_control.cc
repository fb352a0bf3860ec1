// Control transfer: JMP, Jcc, CALL, RET, LOOP, JCXZ, INT n, INT3, INTO, IRET
// (SDM Vol. 2 instruction pages; Vol. 1 6.3-6.5; far transfers Vol. 3A 5.8).
#include "common/error.h"
#include "cpu/ia32/descriptor.h"
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

template <typename T>
void jmp_J(Cpu& c, const DecodedInsn& d) { near_jump<T>(c, c.st.eip() + d.imm); }
template <typename T>
void jcc(Cpu& c, const DecodedInsn& d) {
  if (c.st.flags.test(d.opcode & 0xF))
    near_jump<T>(c, c.st.eip() + d.imm);
}
template <typename T>
void jmp_E(Cpu& c, const DecodedInsn& d) { near_jump<T>(c, read_E<T>(c, d)); }
template <typename T>
void call_J(Cpu& c, const DecodedInsn& d) {
  u32 target = static_cast<T>(c.st.eip() + d.imm);
  if (target > c.st.seg[kCs].limit) raise(kGP, 0);
  c.push<T>(static_cast<T>(c.st.eip()));
  c.st.rip = target;
}
template <typename T>
void call_E(Cpu& c, const DecodedInsn& d) {
  u32 target = read_E<T>(c, d);
  if (target > c.st.seg[kCs].limit) raise(kGP, 0);
  c.push<T>(static_cast<T>(c.st.eip()));
  c.st.rip = target;
}
template <typename T>
void ret(Cpu& c, const DecodedInsn& d) {
  u32 esp = c.st.r32(kEsp);
  u32 target = c.pop<T>();
  if (target > c.st.seg[kCs].limit) {
    c.st.r32(kEsp) = esp;
    raise(kGP, 0);
  }
  c.set_esp((c.stack32() ? c.st.r32(kEsp) : c.st.r16(kEsp)) + (d.row->opcode == 0xC2 ? d.imm : 0));
  c.st.rip = target;
}

// LOOP/LOOPE/LOOPNE/JCXZ count in CX or ECX by the address size (SDM LOOPcc).
template <typename T>
void loop_family(Cpu& c, const DecodedInsn& d) {
  u32 count;
  u8 opc = d.row->opcode;
  if (opc != 0xE3) {
    count = d.a32 ? --c.st.r32(kEcx) : --c.st.r16(kEcx);
  } else {
    count = d.a32 ? c.st.r32(kEcx) : c.st.r16(kEcx);
  }
  bool take;
  switch (opc) {
    case 0xE0: take = count != 0 && !c.st.flags.zf(); break;
    case 0xE1: take = count != 0 && c.st.flags.zf(); break;
    case 0xE2: take = count != 0; break;
    default: take = count == 0; break;
  }
  if (take) near_jump<T>(c, c.st.eip() + d.imm);
}

// Loads CS for a far JMP/CALL/RET to a code segment at the same privilege level
// (SDM Vol. 3A 5.8.1); in real mode CS is simply selector * 16.
void far_load_cs(Cpu& c, u16 sel, u32 offset) {
  if (!c.st.protected_mode() || c.st.v86()) {
    c.load_segment(kCs, sel);
    c.st.rip = offset;
    return;
  }
  if ((sel & 0xFFFC) == 0) raise(kGP, 0);
  u64 desc = c.read_descriptor(sel);
  u16 err = sel & 0xFFFC;
  if (desc::is_system(desc)) throw Unimplemented("far transfer through a call gate or TSS");
  if (!desc::is_code(desc)) raise(kGP, err);
  if (desc::conforming(desc) ? desc::dpl(desc) > c.st.cpl
                             : ((sel & 3) > c.st.cpl || desc::dpl(desc) != c.st.cpl))
    raise(kGP, err);
  if (!desc::present(desc)) raise(kNP, err);
  if (offset > desc::limit(desc)) raise(kGP, 0);
  c.mark_accessed(sel, desc);
  c.set_segment(kCs, desc::to_segment(static_cast<u16>((sel & 0xFFFC) | c.st.cpl),
                                      desc | (u64{1} << 40)));
  c.st.rip = offset;
}

template <typename T>
void jmp_A(Cpu& c, const DecodedInsn& d) { far_load_cs(c, d.imm2, static_cast<T>(d.disp)); }
template <typename T>
void jmp_M(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  T target = c.read<T>(d.seg, off);
  far_load_cs(c, c.read<u16>(d.seg, off + sizeof(T)), target);
}
template <typename T>
void call_far(Cpu& c, u16 sel, u32 target) {
  u16 old_cs = c.st.seg[kCs].selector;
  u32 old_eip = c.st.eip(), old_esp = c.st.r32(kEsp);
  Segment saved = c.st.seg[kCs];
  far_load_cs(c, sel, target);
  try {
    c.push<T>(old_cs);
    c.push<T>(static_cast<T>(old_eip));
  } catch (const Fault&) {
    c.set_segment(kCs, saved);
    c.st.r32(kEsp) = old_esp;
    throw;
  }
}
template <typename T>
void call_A(Cpu& c, const DecodedInsn& d) { call_far<T>(c, d.imm2, static_cast<T>(d.disp)); }
template <typename T>
void call_M(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  T target = c.read<T>(d.seg, off);
  call_far<T>(c, c.read<u16>(d.seg, off + sizeof(T)), target);
}
template <typename T>
void retf(Cpu& c, const DecodedInsn& d) {
  u32 esp = c.st.r32(kEsp);
  T target = c.pop<T>();
  u16 sel = static_cast<u16>(c.pop<T>());
  if (c.st.protected_mode() && !c.st.v86() && (sel & 3) != c.st.cpl) {
    c.st.r32(kEsp) = esp;
    throw Unimplemented("far return to another privilege level");
  }
  try {
    far_load_cs(c, sel, target);
  } catch (const Fault&) {
    c.st.r32(kEsp) = esp;
    throw;
  }
  if (d.row->opcode == 0xCA)
    c.set_esp((c.stack32() ? c.st.r32(kEsp) : c.st.r16(kEsp)) + d.imm);
}

void int_n(Cpu& c, const DecodedInsn& d) {
  c.deliver_event(static_cast<u8>(d.imm), Cpu::Event::kSoftware, false, 0);
}
void int3(Cpu& c, const DecodedInsn&) { c.deliver_event(kBP, Cpu::Event::kSoftware, false, 0); }
void into(Cpu& c, const DecodedInsn&) {
  if (c.st.flags.of()) c.deliver_event(kOF, Cpu::Event::kSoftware, false, 0);
}

// IRET in real mode and in protected mode to the same privilege level (SDM Vol. 2A IRET).
template <typename T>
void iret(Cpu& c, const DecodedInsn&) {
  u32 esp = c.st.r32(kEsp);
  T target = c.pop<T>();
  u16 sel = static_cast<u16>(c.pop<T>());
  u32 fl = c.pop<T>();
  if (sizeof(T) == 2) fl = (c.st.flags.get() & 0xFFFF0000u) | fl;
  bool pm = c.st.protected_mode() && !c.st.v86();
  if (pm && ((fl & eflags::kNt) || (c.st.flags.get() & eflags::kNt) || (sel & 3) != c.st.cpl)) {
    c.st.r32(kEsp) = esp;
    throw Unimplemented("IRET to another privilege level, to v86 mode, or a nested task");
  }
  try {
    far_load_cs(c, sel, target);
  } catch (const Fault&) {
    c.st.r32(kEsp) = esp;
    throw;
  }
  // Which flags IRET may change depends on CPL and IOPL (SDM IRET "Operation").
  u32 mask = eflags::kArith | eflags::kTf | eflags::kDf | eflags::kNt | eflags::kRf |
             eflags::kAc | eflags::kId;
  if (!pm || c.st.cpl == 0) mask |= eflags::kIopl;
  if (!pm || c.st.cpl <= c.st.flags.iopl()) mask |= eflags::kIf;
  if (sizeof(T) == 2) mask &= 0xFFFF;
  c.st.flags.set_masked(fl, mask);
}

constexpr u16 kEnds = row_attr::kEndsBlock;

constexpr Row kRows[] = {
    op1("jmp", 0xEB, {O::kJb}, jmp_J<u16>, jmp_J<u32>, OpClass::kBranch).with(kEnds),
    op1("jmp", 0xE9, {O::kJz}, jmp_J<u16>, jmp_J<u32>, OpClass::kBranch).with(kEnds),
    op1("jmp", 0xEA, {O::kAp}, jmp_A<u16>, jmp_A<u32>, OpClass::kComplex).with(kEnds),
    op1("jmp", 0xFF, {O::kEv}, jmp_E<u16>, jmp_E<u32>, OpClass::kBranchInd).ext(4).with(kEnds),
    op1("jmp", 0xFF, {O::kMp}, jmp_M<u16>, jmp_M<u32>, OpClass::kComplex).ext(5).mem_only().with(kEnds),
    op1("j{cc}", 0x70, {O::kJb}, jcc<u16>, jcc<u32>, OpClass::kBranch).plus_r(16).with(kEnds),
    op2("j{cc}", 0x80, {O::kJz}, jcc<u16>, jcc<u32>, OpClass::kBranch).plus_r(16).with(kEnds),
    op1("call", 0xE8, {O::kJz}, call_J<u16>, call_J<u32>, OpClass::kBranch).with(kEnds),
    op1("call", 0x9A, {O::kAp}, call_A<u16>, call_A<u32>, OpClass::kComplex).with(kEnds),
    op1("call", 0xFF, {O::kEv}, call_E<u16>, call_E<u32>, OpClass::kBranchInd).ext(2).with(kEnds),
    op1("call", 0xFF, {O::kMp}, call_M<u16>, call_M<u32>, OpClass::kComplex).ext(3).mem_only().with(kEnds),
    op1("ret", 0xC3, {}, ret<u16>, ret<u32>, OpClass::kBranch).with(kEnds),
    op1("ret", 0xC2, {O::kIw}, ret<u16>, ret<u32>, OpClass::kBranch).with(kEnds),
    op1("retf", 0xCB, {}, retf<u16>, retf<u32>, OpClass::kComplex).with(kEnds),
    op1("retf", 0xCA, {O::kIw}, retf<u16>, retf<u32>, OpClass::kComplex).with(kEnds),
    op1("loopne", 0xE0, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("loope", 0xE1, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("loop", 0xE2, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("jcxz|jecxz", 0xE3, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("int", 0xCD, {O::kIb}, int_n, int_n, OpClass::kInterrupt).with(kEnds),
    op1("int3", 0xCC, {}, int3, int3, OpClass::kInterrupt).with(kEnds),
    op1("into", 0xCE, {}, into, into, OpClass::kInterrupt).with(kEnds),
    op1("iret|iretd", 0xCF, {}, iret<u16>, iret<u32>, OpClass::kInterrupt).with(kEnds),
};

}  // namespace

std::span<const Row> control_rows() { return kRows; }

}  // namespace vtsim::ia32
