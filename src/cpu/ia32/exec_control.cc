// Control transfer: JMP, Jcc, CALL, RET, LOOP, JCXZ, INT n, INT3, INTO, IRET
// (SDM Vol. 2 instruction pages; Vol. 1 6.3-6.5). The far forms run in far_transfer.cc.
#include "cpu/ia32/far_transfer.h"
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

void int_n(Cpu& c, const DecodedInsn& d) {
  c.deliver_event(static_cast<u8>(d.imm), Cpu::Event::kSoftware, false, 0);
}
void int3(Cpu& c, const DecodedInsn&) { c.deliver_event(kBP, Cpu::Event::kSoftware, false, 0); }
void into(Cpu& c, const DecodedInsn&) {
  if (c.st.flags.of()) c.deliver_event(kOF, Cpu::Event::kSoftware, false, 0);
}

constexpr u16 kEnds = row_attr::kEndsBlock;

constexpr Row kRows[] = {
    op1("jmp", 0xEB, {O::kJb}, jmp_J<u16>, jmp_J<u32>, OpClass::kBranch).with(kEnds),
    op1("jmp", 0xE9, {O::kJz}, jmp_J<u16>, jmp_J<u32>, OpClass::kBranch).with(kEnds),
    op1("jmp", 0xEA, {O::kAp}, jmp_far_A, jmp_far_A, OpClass::kComplex).with(kEnds),
    op1("jmp", 0xFF, {O::kEv}, jmp_E<u16>, jmp_E<u32>, OpClass::kBranchInd).ext(4).with(kEnds),
    op1("jmp", 0xFF, {O::kMp}, jmp_far_M, jmp_far_M, OpClass::kComplex).ext(5).mem_only().with(kEnds),
    op1("j{cc}", 0x70, {O::kJb}, jcc<u16>, jcc<u32>, OpClass::kBranch).plus_r(16).with(kEnds),
    op2("j{cc}", 0x80, {O::kJz}, jcc<u16>, jcc<u32>, OpClass::kBranch).plus_r(16).with(kEnds),
    op1("call", 0xE8, {O::kJz}, call_J<u16>, call_J<u32>, OpClass::kBranch).with(kEnds),
    op1("call", 0x9A, {O::kAp}, call_far_A, call_far_A, OpClass::kComplex).with(kEnds),
    op1("call", 0xFF, {O::kEv}, call_E<u16>, call_E<u32>, OpClass::kBranchInd).ext(2).with(kEnds),
    op1("call", 0xFF, {O::kMp}, call_far_M, call_far_M, OpClass::kComplex).ext(3).mem_only().with(kEnds),
    op1("ret", 0xC3, {}, ret<u16>, ret<u32>, OpClass::kBranch).with(kEnds),
    op1("ret", 0xC2, {O::kIw}, ret<u16>, ret<u32>, OpClass::kBranch).with(kEnds),
    op1("retf", 0xCB, {}, retf, retf, OpClass::kComplex).with(kEnds),
    op1("retf", 0xCA, {O::kIw}, retf, retf, OpClass::kComplex).with(kEnds),
    op1("loopne", 0xE0, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("loope", 0xE1, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("loop", 0xE2, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("jcxz|jecxz", 0xE3, {O::kJb}, loop_family<u16>, loop_family<u32>, OpClass::kBranch).with(kEnds),
    op1("int", 0xCD, {O::kIb}, int_n, int_n, OpClass::kInterrupt).with(kEnds),
    op1("int3", 0xCC, {}, int3, int3, OpClass::kInterrupt).with(kEnds),
    op1("into", 0xCE, {}, into, into, OpClass::kInterrupt).with(kEnds),
    op1("iret|iretd", 0xCF, {}, iret, iret, OpClass::kInterrupt).with(kEnds),
};

}  // namespace

std::span<const Row> control_rows() { return kRows; }

}  // namespace vtsim::ia32
