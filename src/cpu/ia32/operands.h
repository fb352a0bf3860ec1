// Operand access shared by all instruction semantics: registers by width, the ModRM r/m and reg
// operands, immediates and condition codes. Templates on the operand type T (u8, u16, u32).
#pragma once
#include <type_traits>

#include "cpu/ia32/cpu.h"

namespace vtsim::ia32 {

template <typename T>
T get_reg(Cpu& c, unsigned r) {
  if constexpr (sizeof(T) == 1) return c.st.r8(r);
  else if constexpr (sizeof(T) == 2) return c.st.r16(r);
  else return c.st.r32(r);
}

template <typename T>
void set_reg(Cpu& c, unsigned r, T v) {
  if constexpr (sizeof(T) == 1) c.st.r8(r) = v;
  else if constexpr (sizeof(T) == 2) c.st.r16(r) = v;
  else c.st.r32(r) = v;
}

// The r/m operand (Ex): a register when mod == 3, else memory at the effective address.
template <typename T>
T read_E(Cpu& c, const DecodedInsn& d) {
  return d.mem ? c.read<T>(d.seg, c.ea(d)) : get_reg<T>(c, d.rm);
}
template <typename T>
void write_E(Cpu& c, const DecodedInsn& d, T v) {
  if (d.mem) c.write<T>(d.seg, c.ea(d), v);
  else set_reg<T>(c, d.rm, v);
}
// Read-modify-write of the r/m operand: the address is computed once; f maps the old value to
// the new one, which is always written back.
template <typename T, typename F>
void modify_E(Cpu& c, const DecodedInsn& d, F f) {
  if (d.mem) {
    u32 off = c.ea(d);
    T v = c.read<T>(d.seg, off);
    c.write<T>(d.seg, off, f(v));
  } else {
    set_reg<T>(c, d.rm, f(get_reg<T>(c, d.rm)));
  }
}

// The reg operand (Gx) and the opcode-register operand (Zx) both live in d.reg.
template <typename T>
T read_G(Cpu& c, const DecodedInsn& d) { return get_reg<T>(c, d.reg); }
template <typename T>
void write_G(Cpu& c, const DecodedInsn& d, T v) { set_reg<T>(c, d.reg, v); }

template <typename T>
T imm(const DecodedInsn& d) { return static_cast<T>(d.imm); }

template <typename T>
using Signed = std::make_signed_t<T>;

template <typename T>
constexpr unsigned bits_of() { return 8 * sizeof(T); }
template <typename T>
constexpr T msb() { return static_cast<T>(T{1} << (bits_of<T>() - 1)); }

// Sets EIP (or IP in 16-bit operand size) after a near transfer; #GP(0) beyond the CS limit.
template <typename T>
void near_jump(Cpu& c, u32 target) {
  target = static_cast<T>(target);
  if (target > c.st.seg[kCs].limit) raise(kGP, 0);
  c.st.rip = target;
}

}  // namespace vtsim::ia32
