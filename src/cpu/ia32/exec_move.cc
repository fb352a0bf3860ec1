// Data movement: MOV, MOVZX, MOVSX, LEA, PUSH, POP, XCHG, CBW/CWDE, CWD/CDQ, MOV Sreg
// (SDM Vol. 2 instruction pages; Vol. 1 7.3.1).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

template <typename T>
void mov_EG(Cpu& c, const DecodedInsn& d) { write_E<T>(c, d, read_G<T>(c, d)); }
template <typename T>
void mov_GE(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, read_E<T>(c, d)); }
template <typename T>
void mov_EI(Cpu& c, const DecodedInsn& d) { write_E<T>(c, d, imm<T>(d)); }
template <typename T>
void mov_ZI(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, imm<T>(d)); }
// MOV AL/eAX, moffs and back: the offset is in d.disp, the segment DS unless overridden.
template <typename T>
void mov_AO(Cpu& c, const DecodedInsn& d) { set_reg<T>(c, kEax, c.read<T>(d.seg, d.disp)); }
template <typename T>
void mov_OA(Cpu& c, const DecodedInsn& d) { c.write<T>(d.seg, d.disp, get_reg<T>(c, kEax)); }

template <typename T, typename S>
void movzx(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, static_cast<T>(read_E<S>(c, d))); }
template <typename T, typename S>
void movsx(Cpu& c, const DecodedInsn& d) {
  write_G<T>(c, d, static_cast<T>(static_cast<Signed<T>>(static_cast<Signed<S>>(read_E<S>(c, d)))));
}

template <typename T>
void lea(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, static_cast<T>(c.ea(d))); }

template <typename T>
void push_Z(Cpu& c, const DecodedInsn& d) { c.push<T>(read_G<T>(c, d)); }
template <typename T>
void pop_Z(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, c.pop<T>()); }
template <typename T>
void push_I(Cpu& c, const DecodedInsn& d) { c.push<T>(imm<T>(d)); }
template <typename T>
void push_E(Cpu& c, const DecodedInsn& d) { c.push<T>(read_E<T>(c, d)); }
// POP Ev: ESP is incremented before the destination address is computed (SDM POP).
template <typename T>
void pop_E(Cpu& c, const DecodedInsn& d) {
  u32 esp = c.st.r32(kEsp);
  T v = c.pop<T>();
  try {
    write_E<T>(c, d, v);
  } catch (const Fault&) {
    c.st.r32(kEsp) = esp;
    throw;
  }
}

template <typename T>
void xchg_EG(Cpu& c, const DecodedInsn& d) {
  T g = read_G<T>(c, d);
  modify_E<T>(c, d, [&](T v) {
    write_G<T>(c, d, v);
    return g;
  });
}
template <typename T>
void xchg_AZ(Cpu& c, const DecodedInsn& d) {
  T a = get_reg<T>(c, kEax);
  set_reg<T>(c, kEax, read_G<T>(c, d));
  write_G<T>(c, d, a);
}

void cbw(Cpu& c, const DecodedInsn&) { c.st.r16(kEax) = static_cast<u16>(static_cast<i8>(c.st.r8(kEax))); }
void cwde(Cpu& c, const DecodedInsn&) { c.st.r32(kEax) = static_cast<u32>(static_cast<i16>(c.st.r16(kEax))); }
void cwd(Cpu& c, const DecodedInsn&) { c.st.r16(kEdx) = (c.st.r16(kEax) & 0x8000) ? 0xFFFF : 0; }
void cdq(Cpu& c, const DecodedInsn&) { c.st.r32(kEdx) = (c.st.r32(kEax) & 0x80000000u) ? ~0u : 0; }

// MOV Sreg, Ew and MOV Ew, Sreg (SDM Vol. 2B MOV). Loading CS this way is #UD.
void mov_SE(Cpu& c, const DecodedInsn& d) {
  if (d.reg == kCs || d.reg > kGs) raise(kUD);
  c.load_segment(d.reg, read_E<u16>(c, d));
  if (d.reg == kSs) c.st.interrupt_shadow = true;  // MOV SS inhibits interrupts for one insn
  c.end_block();
}
template <typename T>
void mov_ES(Cpu& c, const DecodedInsn& d) {
  if (d.reg > kGs) raise(kUD);
  u16 sel = c.st.seg[d.reg].selector;
  if (d.mem) c.write<u16>(d.seg, c.ea(d), sel);  // memory destination is always 16 bits
  else set_reg<T>(c, d.rm, static_cast<T>(sel));  // register: zero-extended (P6 and later)
}

template <unsigned S, typename T>
void push_S(Cpu& c, const DecodedInsn&) { c.push<T>(c.st.seg[S].selector); }
template <unsigned S, typename T>
void pop_S(Cpu& c, const DecodedInsn&) {
  u32 esp = c.st.r32(kEsp);
  u16 sel = static_cast<u16>(c.pop<T>());
  try {
    c.load_segment(S, sel);
  } catch (const Fault&) {
    c.st.r32(kEsp) = esp;
    throw;
  }
  if (S == kSs) c.st.interrupt_shadow = true;
  c.end_block();
}

constexpr u16 kEnds = row_attr::kEndsBlock;
constexpr u16 kStack = row_attr::kStack;

constexpr Row kRows[] = {
    op1("mov", 0x88, {O::kEb, O::kGb}, mov_EG<u8>, mov_EG<u8>, OpClass::kAlu),
    op1("mov", 0x89, {O::kEv, O::kGv}, mov_EG<u16>, mov_EG<u32>, OpClass::kAlu),
    op1("mov", 0x8A, {O::kGb, O::kEb}, mov_GE<u8>, mov_GE<u8>, OpClass::kAlu),
    op1("mov", 0x8B, {O::kGv, O::kEv}, mov_GE<u16>, mov_GE<u32>, OpClass::kAlu),
    op1("mov", 0x8C, {O::kEv, O::kSw}, mov_ES<u16>, mov_ES<u32>, OpClass::kAlu),
    op1("mov", 0x8E, {O::kSw, O::kEw}, mov_SE, mov_SE, OpClass::kComplex).with(kEnds),
    op1("lea", 0x8D, {O::kGv, O::kM}, lea<u16>, lea<u32>, OpClass::kAlu).mem_only(),
    op1("mov", 0xA0, {O::kAL, O::kOb}, mov_AO<u8>, mov_AO<u8>, OpClass::kAluMem),
    op1("mov", 0xA1, {O::kAv, O::kOv}, mov_AO<u16>, mov_AO<u32>, OpClass::kAluMem),
    op1("mov", 0xA2, {O::kOb, O::kAL}, mov_OA<u8>, mov_OA<u8>, OpClass::kStore),
    op1("mov", 0xA3, {O::kOv, O::kAv}, mov_OA<u16>, mov_OA<u32>, OpClass::kStore),
    op1("mov", 0xB0, {O::kZb, O::kIb}, mov_ZI<u8>, mov_ZI<u8>, OpClass::kAlu).plus_r(),
    op1("mov", 0xB8, {O::kZv, O::kIz}, mov_ZI<u16>, mov_ZI<u32>, OpClass::kAlu).plus_r(),
    op1("mov", 0xC6, {O::kEb, O::kIb}, mov_EI<u8>, mov_EI<u8>, OpClass::kAlu).ext(0),
    op1("mov", 0xC7, {O::kEv, O::kIz}, mov_EI<u16>, mov_EI<u32>, OpClass::kAlu).ext(0),
    op2("movzx", 0xB6, {O::kGv, O::kEb}, movzx<u16, u8>, movzx<u32, u8>, OpClass::kAlu),
    op2("movzx", 0xB7, {O::kGv, O::kEw}, movzx<u16, u16>, movzx<u32, u16>, OpClass::kAlu),
    op2("movsx", 0xBE, {O::kGv, O::kEb}, movsx<u16, u8>, movsx<u32, u8>, OpClass::kAlu),
    op2("movsx", 0xBF, {O::kGv, O::kEw}, movsx<u16, u16>, movsx<u32, u16>, OpClass::kAlu),
    op1("push", 0x50, {O::kZv}, push_Z<u16>, push_Z<u32>, OpClass::kStore).plus_r().with(kStack),
    op1("pop", 0x58, {O::kZv}, pop_Z<u16>, pop_Z<u32>, OpClass::kAluMem).plus_r().with(kStack),
    op1("push", 0x68, {O::kIz}, push_I<u16>, push_I<u32>, OpClass::kStore).with(kStack),
    op1("push", 0x6A, {O::kIbs}, push_I<u16>, push_I<u32>, OpClass::kStore).with(kStack),
    op1("push", 0xFF, {O::kEv}, push_E<u16>, push_E<u32>, OpClass::kStore).ext(6).with(kStack),
    op1("pop", 0x8F, {O::kEv}, pop_E<u16>, pop_E<u32>, OpClass::kAluMem).ext(0).with(kStack),
    op1("push", 0x06, {O::kES}, push_S<kEs, u16>, push_S<kEs, u32>, OpClass::kStore).with(kStack),
    op1("pop", 0x07, {O::kES}, pop_S<kEs, u16>, pop_S<kEs, u32>, OpClass::kComplex).with(kStack | kEnds),
    op1("push", 0x0E, {O::kCS}, push_S<kCs, u16>, push_S<kCs, u32>, OpClass::kStore).with(kStack),
    op1("push", 0x16, {O::kSS}, push_S<kSs, u16>, push_S<kSs, u32>, OpClass::kStore).with(kStack),
    op1("pop", 0x17, {O::kSS}, pop_S<kSs, u16>, pop_S<kSs, u32>, OpClass::kComplex).with(kStack | kEnds),
    op1("push", 0x1E, {O::kDS}, push_S<kDs, u16>, push_S<kDs, u32>, OpClass::kStore).with(kStack),
    op1("pop", 0x1F, {O::kDS}, pop_S<kDs, u16>, pop_S<kDs, u32>, OpClass::kComplex).with(kStack | kEnds),
    op2("push", 0xA0, {O::kFS}, push_S<kFs, u16>, push_S<kFs, u32>, OpClass::kStore).with(kStack),
    op2("pop", 0xA1, {O::kFS}, pop_S<kFs, u16>, pop_S<kFs, u32>, OpClass::kComplex).with(kStack | kEnds),
    op2("push", 0xA8, {O::kGS}, push_S<kGs, u16>, push_S<kGs, u32>, OpClass::kStore).with(kStack),
    op2("pop", 0xA9, {O::kGS}, pop_S<kGs, u16>, pop_S<kGs, u32>, OpClass::kComplex).with(kStack | kEnds),
    op1("xchg", 0x86, {O::kEb, O::kGb}, xchg_EG<u8>, xchg_EG<u8>, OpClass::kComplex).with(row_attr::kLock),
    op1("xchg", 0x87, {O::kEv, O::kGv}, xchg_EG<u16>, xchg_EG<u32>, OpClass::kComplex).with(row_attr::kLock),
    // 90 is NOP (misc rows); 91-97 exchange with eAX.
    op1("xchg", 0x91, {O::kZv, O::kAv}, xchg_AZ<u16>, xchg_AZ<u32>, OpClass::kAlu).plus_r(7),
    op1("cbw|cwde", 0x98, {}, cbw, cwde, OpClass::kAlu),
    op1("cwd|cdq", 0x99, {}, cwd, cdq, OpClass::kAlu),
};

}  // namespace

std::span<const Row> move_rows() { return kRows; }

}  // namespace vtsim::ia32
