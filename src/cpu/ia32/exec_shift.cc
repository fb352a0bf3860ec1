// Shifts and rotates: ROL ROR RCL RCR SHL/SAL SHR SAR (group 2) and SHLD SHRD (SDM Vol. 2, their
// instruction pages). Flags are computed eagerly: the lazy flag ops do not cover shifts.
// Where the SDM leaves a flag undefined (OF for counts other than 1, AF after a shift, CF for SHL
// and SHR by the operand size or more) the values are those Bochs 2.7 produces.
#include <algorithm>
#include <array>
#include <bit>

#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

// Group 2 operations in ModRM.reg order (SDM Vol. 2D Table A-6). /6 is undocumented; the CPU
// executes it as SHL and objdump prints it as "shl".
enum class Sh { kRol, kRor, kRcl, kRcr, kShl, kShr, kSal6, kSar };
// Where the count comes from: D0/D1 (the constant 1), D2/D3 (CL), C0/C1 and SHLD/SHRD (imm8).
enum class Cnt { kOne, kCl, kImm };

// The count, masked to 5 bits (SDM SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD "Operation").
template <Cnt src>
unsigned shift_count(Cpu& c, const DecodedInsn& d) {
  if constexpr (src == Cnt::kOne) return 1;
  else if constexpr (src == Cnt::kCl) return c.st.r8(kEcx) & 0x1F;
  else return d.imm & 0x1F;
}

template <typename T>
bool top_bit(T v) { return (v & msb<T>()) != 0; }
template <typename T>
bool second_bit(T v) { return ((v >> (bits_of<T>() - 2)) & 1) != 0; }  // MSB - 1

// Rotates change only CF and OF (SF ZF AF PF unaffected).
void set_cf_of(Flags& f, bool cf, bool of) {
  f.set_masked((cf ? eflags::kCf : 0) | (of ? eflags::kOf : 0), eflags::kCf | eflags::kOf);
}
// Shifts: SF ZF PF from the result; AF is undefined and cleared (Bochs); then CF and OF.
template <typename T>
void set_shift_flags(Flags& f, T r, bool cf, bool of) {
  f.record(FlagOp::kLogic, r, r, r);
  set_cf_of(f, cf, of);
}

// Each operation below runs with a masked count n != 0 (a zero count changes nothing).

// ROL: CF = LSB(result), OF = MSB(result) XOR CF for count 1; Bochs uses that for all counts.
template <typename T>
T rol(Flags& f, T v, unsigned n) {
  T r = std::rotl(v, static_cast<int>(n % bits_of<T>()));
  bool cf = r & 1;
  set_cf_of(f, cf, top_bit(r) != cf);
  return r;
}
// ROR: CF = MSB(result), OF = MSB XOR MSB-1 of the result for count 1 (Bochs: all counts).
template <typename T>
T ror(Flags& f, T v, unsigned n) {
  T r = std::rotr(v, static_cast<int>(n % bits_of<T>()));
  set_cf_of(f, top_bit(r), top_bit(r) != second_bit(r));
  return r;
}

// RCL and RCR rotate the (N+1)-bit value CF:DEST by tempCOUNT = count MOD 9 (8 bits), MOD 17
// (16 bits) or count (32 bits). A tempCOUNT of 0 leaves DEST and CF alone; OF is then undefined
// and kept, as Bochs does.
template <typename T>
unsigned rc_count(unsigned n) { return sizeof(T) == 4 ? n : n % (bits_of<T>() + 1); }

template <typename T>
u64 rc_rotate(u64 x, unsigned n, bool left) {
  constexpr unsigned w = bits_of<T>() + 1;
  u64 r = left ? (x << n) | (x >> (w - n)) : (x >> n) | (x << (w - n));
  return r & ((u64{1} << w) - 1);
}

// RCL: OF = MSB(result) XOR CF for count 1 (Bochs: all counts).
template <typename T>
T rcl(Flags& f, T v, unsigned n) {
  n = rc_count<T>(n);
  if (n == 0) return v;
  u64 x = rc_rotate<T>((u64{f.cf()} << bits_of<T>()) | v, n, true);
  T r = static_cast<T>(x);
  bool cf = (x >> bits_of<T>()) != 0;
  set_cf_of(f, cf, top_bit(r) != cf);
  return r;
}
// RCR: OF = MSB(DEST) XOR CF before the rotate for count 1, which is MSB XOR MSB-1 of the
// result; Bochs uses the latter for all counts.
template <typename T>
T rcr(Flags& f, T v, unsigned n) {
  n = rc_count<T>(n);
  if (n == 0) return v;
  u64 x = rc_rotate<T>((u64{f.cf()} << bits_of<T>()) | v, n, false);
  T r = static_cast<T>(x);
  set_cf_of(f, (x >> bits_of<T>()) != 0, top_bit(r) != second_bit(r));
  return r;
}

// SHL/SAL: CF = last bit shifted out (0 once the count exceeds the size, as Bochs gives for the
// undefined case); OF = MSB(result) XOR CF for count 1 (Bochs: all counts).
template <typename T>
T shl(Flags& f, T v, unsigned n) {
  constexpr unsigned size = bits_of<T>();
  T r = static_cast<T>(u64{v} << n);
  bool cf = n <= size && ((u64{v} >> (size - n)) & 1);
  set_shift_flags(f, r, cf, top_bit(r) != cf);
  return r;
}
// SHR: CF = last bit shifted out; OF = MSB of the original for count 1, which is MSB XOR MSB-1
// of the result; Bochs uses the latter for all counts (0 for counts above 1).
template <typename T>
T shr(Flags& f, T v, unsigned n) {
  T r = static_cast<T>(u64{v} >> n);
  bool cf = ((u64{v} >> (n - 1)) & 1) != 0;
  set_shift_flags(f, r, cf, top_bit(r) != second_bit(r));
  return r;
}
// SAR: CF = last bit shifted out (the sign once the count reaches the size); OF = 0 for count 1
// (Bochs: all counts).
template <typename T>
T sar(Flags& f, T v, unsigned n) {
  i64 s = static_cast<Signed<T>>(v);
  T r = static_cast<T>(s >> n);
  set_shift_flags(f, r, ((s >> (n - 1)) & 1) != 0, false);
  return r;
}

template <Sh op, typename T>
T group2(Flags& f, T v, unsigned n) {
  if constexpr (op == Sh::kRol) return rol(f, v, n);
  else if constexpr (op == Sh::kRor) return ror(f, v, n);
  else if constexpr (op == Sh::kRcl) return rcl(f, v, n);
  else if constexpr (op == Sh::kRcr) return rcr(f, v, n);
  else if constexpr (op == Sh::kShr) return shr(f, v, n);
  else if constexpr (op == Sh::kSar) return sar(f, v, n);
  else return shl(f, v, n);  // /4 and /6
}

// op Ex, count. A zero count changes no flag; the operand is still read and written back, which
// checks write access as the read-modify-write does on hardware.
template <Sh op, Cnt src, typename T>
void shift_E(Cpu& c, const DecodedInsn& d) {
  unsigned n = shift_count<src>(c, d);
  modify_E<T>(c, d, [&](T v) { return n == 0 ? v : group2<op, T>(c.st.flags, v, n); });
}

// SHLD/SHRD (SDM SHLD, SHRD "Operation"): CF = last bit shifted out of DEST, SF ZF PF from the
// result, AF undefined (cleared, Bochs), OF = sign change for count 1 (Bochs's formulas below for
// all counts). A 16-bit count of 17..31 is "bad parameters" (result and flags undefined); like
// Bochs we then shift the 48-bit value DEST:SRC:DEST, so DEST's low bits follow SRC's.
template <typename T>
T shld(Flags& f, T dst, T src, unsigned n) {
  constexpr unsigned size = bits_of<T>();
  u64 x = (u64{dst} << (64 - size)) | (u64{src} << (64 - 2 * size));
  if constexpr (size == 16) x |= u64{dst} << 16;
  T r = static_cast<T>((x << n) >> (64 - size));
  bool cf = ((x >> (64 - n)) & 1) != 0;
  set_shift_flags(f, r, cf, top_bit(r) != cf);
  return r;
}
template <typename T>
T shrd(Flags& f, T dst, T src, unsigned n) {
  constexpr unsigned size = bits_of<T>();
  u64 x = u64{dst} | (u64{src} << size);
  if constexpr (size == 16) x |= u64{dst} << 32;
  T r = static_cast<T>(x >> n);
  set_shift_flags(f, r, ((x >> (n - 1)) & 1) != 0, top_bit(r) != second_bit(r));
  return r;
}

// SHLD/SHRD Ev, Gv, count
template <bool left, Cnt src, typename T>
void shxd_EG(Cpu& c, const DecodedInsn& d) {
  unsigned n = shift_count<src>(c, d);
  T g = read_G<T>(c, d);
  modify_E<T>(c, d, [&](T v) {
    if (n == 0) return v;
    return left ? shld<T>(c.st.flags, v, g, n) : shrd<T>(c.st.flags, v, g, n);
  });
}

// One group 2 row: Eb (byte) or Ev, and the count operand of src.
template <Sh op, Cnt src, bool byte>
constexpr Row g2(std::string_view mn, u8 opcode) {
  constexpr Opnd dst = byte ? O::kEb : O::kEv;
  constexpr Opnd cnt = src == Cnt::kOne ? O::kOne : src == Cnt::kCl ? O::kCL : O::kIb;
  constexpr Handler h16 = byte ? shift_E<op, src, u8> : shift_E<op, src, u16>;
  constexpr Handler h32 = byte ? shift_E<op, src, u8> : shift_E<op, src, u32>;
  return op1(mn, opcode, {dst, cnt}, h16, h32, OpClass::kShift).ext(static_cast<int>(op));
}

// The six group 2 forms of one operation: C0 Eb,Ib; C1 Ev,Ib; D0 Eb,1; D1 Ev,1; D2 Eb,CL;
// D3 Ev,CL (SDM Vol. 2D Tables ).
template <Sh op>
constexpr std::array<Row, 6> group2_family(std::string_view mn) {
  return {g2<op, Cnt::kImm, true>(mn, 0xC0), g2<op, Cnt::kImm, false>(mn, 0xC1),
          g2<op, Cnt::kOne, true>(mn, 0xD0), g2<op, Cnt::kOne, false>(mn, 0xD1),
          g2<op, Cnt::kCl, true>(mn, 0xD2), g2<op, Cnt::kCl, false>(mn, 0xD3)};
}

// SHLD/SHRD Ev, Gv, Ib or CL (0F A4, A5, AC, AD).
template <bool left, Cnt src>
constexpr Row shxd(u8 opcode) {
  return op2(left ? "shld" : "shrd", opcode, {O::kEv, O::kGv, src == Cnt::kCl ? O::kCL : O::kIb},
             shxd_EG<left, src, u16>, shxd_EG<left, src, u32>, OpClass::kShift);
}

constexpr std::array<Row, 4> kDouble = {shxd<true, Cnt::kImm>(0xA4), shxd<true, Cnt::kCl>(0xA5),
                                        shxd<false, Cnt::kImm>(0xAC),
                                        shxd<false, Cnt::kCl>(0xAD)};

constexpr auto kRows = join_rows(group2_family<Sh::kRol>("rol"), group2_family<Sh::kRor>("ror"),
                            group2_family<Sh::kRcl>("rcl"), group2_family<Sh::kRcr>("rcr"),
                            group2_family<Sh::kShl>("shl"), group2_family<Sh::kShr>("shr"),
                            group2_family<Sh::kSal6>("shl"), group2_family<Sh::kSar>("sar"),
                            kDouble);

}  // namespace

std::span<const Row> shift_rows() { return kRows; }

}  // namespace vtsim::ia32
