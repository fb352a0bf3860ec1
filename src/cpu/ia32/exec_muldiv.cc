// Multiply and divide: MUL, IMUL (one, two and three operands), DIV, IDIV (SDM Vol. 2, their
// instruction pages). Flags are computed eagerly: the lazy flag ops do not cover multiplication.
#include <limits>

#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

// MUL/IMUL define only CF = OF (set when the product does not fit the low half or the
// destination). SF ZF AF PF are undefined: SF ZF PF follow the low half and AF is cleared, as
// Bochs 2.7 does.
template <typename T>
void set_mul_flags(Flags& f, T low, bool overflow) {
  f.record(FlagOp::kLogic, low, low, low);
  constexpr u32 kCo = eflags::kCf | eflags::kOf;
  f.set_masked(overflow ? kCo : 0, kCo);
}

// The double-width accumulator: AX; DX:AX; EDX:EAX (zero-extended).
template <typename T>
u64 get_acc(Cpu& c) {
  if constexpr (sizeof(T) == 1) return c.st.r16(kEax);
  else return (u64{get_reg<T>(c, kEdx)} << bits_of<T>()) | get_reg<T>(c, kEax);
}
// Stores a high:low pair in AH:AL; DX:AX; EDX:EAX.
template <typename T>
void set_acc(Cpu& c, T high, T low) {
  if constexpr (sizeof(T) == 1) {
    c.st.r16(kEax) = static_cast<u16>((high << 8) | low);
  } else {
    set_reg<T>(c, kEax, low);
    set_reg<T>(c, kEdx, high);
  }
}

// MUL r/m: AX := AL * r/m8; DX:AX := AX * r/m16; EDX:EAX := EAX * r/m32 (SDM MUL).
template <typename T>
void mul_E(Cpu& c, const DecodedInsn& d) {
  u64 p = u64{get_reg<T>(c, kEax)} * read_E<T>(c, d);
  T high = static_cast<T>(p >> bits_of<T>());
  set_acc<T>(c, high, static_cast<T>(p));
  set_mul_flags<T>(c.st.flags, static_cast<T>(p), high != 0);
}

// The signed product of two T values; it always fits in 64 bits.
template <typename T>
i64 signed_product(T a, T b) {
  return i64{static_cast<Signed<T>>(a)} * static_cast<Signed<T>>(b);
}
// True when p differs from its low T bits sign-extended (SDM IMUL "Operation").
template <typename T>
bool truncated(i64 p) {
  return p != static_cast<Signed<T>>(static_cast<T>(p));
}

// IMUL r/m (one operand): the same destinations as MUL, signed.
template <typename T>
void imul_E(Cpu& c, const DecodedInsn& d) {
  i64 p = signed_product<T>(get_reg<T>(c, kEax), read_E<T>(c, d));
  set_acc<T>(c, static_cast<T>(p >> bits_of<T>()), static_cast<T>(p));
  set_mul_flags<T>(c.st.flags, static_cast<T>(p), truncated<T>(p));
}
// IMUL Gv, Ev (0F AF): Gv := truncated Gv * Ev.
template <typename T>
void imul_GE(Cpu& c, const DecodedInsn& d) {
  i64 p = signed_product<T>(read_G<T>(c, d), read_E<T>(c, d));
  write_G<T>(c, d, static_cast<T>(p));
  set_mul_flags<T>(c.st.flags, static_cast<T>(p), truncated<T>(p));
}
// IMUL Gv, Ev, Iz / Ibs (69, 6B): Gv := truncated Ev * imm (imm8 sign-extended by the decoder).
template <typename T>
void imul_GEI(Cpu& c, const DecodedInsn& d) {
  i64 p = signed_product<T>(read_E<T>(c, d), imm<T>(d));
  write_G<T>(c, d, static_cast<T>(p));
  set_mul_flags<T>(c.st.flags, static_cast<T>(p), truncated<T>(p));
}

// DIV r/m: AL, AH := AX / r/m8, AX MOD r/m8; likewise AX, DX from DX:AX and EAX, EDX from
// EDX:EAX. #DE for a zero divisor or a quotient too large for the destination (SDM DIV).
// All six status flags are undefined; they are left unchanged, as Bochs does.
template <typename T>
void div_E(Cpu& c, const DecodedInsn& d) {
  u64 divisor = read_E<T>(c, d);
  if (divisor == 0) raise(kDE);
  u64 dividend = get_acc<T>(c);
  u64 q = dividend / divisor;
  if (q > std::numeric_limits<T>::max()) raise(kDE);
  set_acc<T>(c, static_cast<T>(dividend % divisor), static_cast<T>(q));
}

// The signed double-width accumulator: AX; DX:AX; EDX:EAX sign-extended.
template <typename T>
i64 get_signed_acc(Cpu& c) {
  constexpr unsigned unused = 64 - 2 * bits_of<T>();
  return static_cast<i64>(get_acc<T>(c) << unused) >> unused;
}

// IDIV r/m: signed DIV, quotient truncated toward zero, remainder with the dividend's sign.
// #DE for a zero divisor or a quotient outside the destination's signed range, including the
// most negative dividend divided by -1 (SDM IDIV). Flags: as DIV.
template <typename T>
void idiv_E(Cpu& c, const DecodedInsn& d) {
  using S = Signed<T>;
  i64 divisor = static_cast<S>(read_E<T>(c, d));
  if (divisor == 0) raise(kDE);
  i64 dividend = get_signed_acc<T>(c);
  // -2^63 / -1 does not fit in 64 bits either; its quotient 2^63 overflows any destination.
  if (divisor == -1 && dividend == std::numeric_limits<i64>::min()) raise(kDE);
  i64 q = dividend / divisor;
  if (q > std::numeric_limits<S>::max() || q < std::numeric_limits<S>::min()) raise(kDE);
  set_acc<T>(c, static_cast<T>(dividend % divisor), static_cast<T>(q));
}

constexpr OpClass kMul = OpClass::kMul;
constexpr OpClass kDiv = OpClass::kDiv;

constexpr Row kRows[] = {
    op1("mul", 0xF6, {O::kEb}, mul_E<u8>, mul_E<u8>, kMul).ext(4),
    op1("mul", 0xF7, {O::kEv}, mul_E<u16>, mul_E<u32>, kMul).ext(4),
    op1("imul", 0xF6, {O::kEb}, imul_E<u8>, imul_E<u8>, kMul).ext(5),
    op1("imul", 0xF7, {O::kEv}, imul_E<u16>, imul_E<u32>, kMul).ext(5),
    op1("div", 0xF6, {O::kEb}, div_E<u8>, div_E<u8>, kDiv).ext(6),
    op1("div", 0xF7, {O::kEv}, div_E<u16>, div_E<u32>, kDiv).ext(6),
    op1("idiv", 0xF6, {O::kEb}, idiv_E<u8>, idiv_E<u8>, kDiv).ext(7),
    op1("idiv", 0xF7, {O::kEv}, idiv_E<u16>, idiv_E<u32>, kDiv).ext(7),
    op2("imul", 0xAF, {O::kGv, O::kEv}, imul_GE<u16>, imul_GE<u32>, kMul),
    op1("imul", 0x69, {O::kGv, O::kEv, O::kIz}, imul_GEI<u16>, imul_GEI<u32>, kMul),
    op1("imul", 0x6B, {O::kGv, O::kEv, O::kIbs}, imul_GEI<u16>, imul_GEI<u32>, kMul),
};

}  // namespace

std::span<const Row> muldiv_rows() { return kRows; }

}  // namespace vtsim::ia32
