// Decimal arithmetic: DAA DAS AAA AAS AAM AAD (SDM Vol. 2, their instruction pages; each body
// follows the page's "Operation" section). Flags are computed eagerly.
// Undefined flags take Bochs 2.7's values: OF is cleared by all six; AAA and AAS set SF ZF PF
// from the final AL; AAM and AAD clear AF and CF.
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

u8& al(Cpu& c) { return c.st.r8(0); }
u8& ah(Cpu& c) { return c.st.r8(4); }

// SF ZF PF from AL, OF cleared, then CF and AF as given.
void set_bcd_flags(Cpu& c, bool cf, bool af) {
  Flags& f = c.st.flags;
  u8 v = al(c);
  f.record(FlagOp::kLogic, v, v, v);
  f.set_masked((cf ? eflags::kCf : 0) | (af ? eflags::kAf : 0), eflags::kCf | eflags::kAf);
}

bool low_digit_carry(Cpu& c) { return (al(c) & 0x0F) > 9 || c.st.flags.af(); }

// DAA (SDM DAA "Operation"). The first step's CF (old CF or the carry of AL + 6) is always
// overwritten by the second step, so CF = (old AL > 99H) or old CF.
void daa(Cpu& c, const DecodedInsn&) {
  u8 old_al = al(c);
  bool old_cf = c.st.flags.cf();
  bool af = low_digit_carry(c);
  if (af) al(c) += 0x06;
  bool cf = old_al > 0x99 || old_cf;
  if (cf) al(c) += 0x60;
  set_bcd_flags(c, cf, af);
}

// DAS (SDM DAS "Operation"): unlike DAA there is no ELSE CF := 0, so the borrow of AL - 6 stays
// in CF even when the second step does not run.
void das(Cpu& c, const DecodedInsn&) {
  u8 old_al = al(c);
  bool old_cf = c.st.flags.cf();
  bool cf = false;
  bool af = low_digit_carry(c);
  if (af) {
    cf = old_cf || old_al < 0x06;
    al(c) -= 0x06;
  }
  if (old_al > 0x99 || old_cf) {
    al(c) -= 0x60;
    cf = true;
  }
  set_bcd_flags(c, cf, af);
}

// AAA (SDM AAA "Operation"): AX := AX + 106H on a decimal carry, then AL := AL AND 0FH.
void aaa(Cpu& c, const DecodedInsn&) {
  bool adjust = low_digit_carry(c);
  if (adjust) c.st.r16(kEax) += 0x106;
  al(c) &= 0x0F;
  set_bcd_flags(c, adjust, adjust);
}

// AAS (SDM AAS "Operation"): AX := AX - 6 and AH := AH - 1 on a decimal borrow, then
// AL := AL AND 0FH.
void aas(Cpu& c, const DecodedInsn&) {
  bool adjust = low_digit_carry(c);
  if (adjust) {
    c.st.r16(kEax) -= 6;
    ah(c) -= 1;
  }
  al(c) &= 0x0F;
  set_bcd_flags(c, adjust, adjust);
}

// AAM imm8 (SDM AAM "Operation"): AH := AL / imm8, AL := AL MOD imm8; #DE when imm8 = 0.
void aam(Cpu& c, const DecodedInsn& d) {
  u8 base = static_cast<u8>(d.imm);
  if (base == 0) raise(kDE);
  u8 v = al(c);
  ah(c) = static_cast<u8>(v / base);
  al(c) = static_cast<u8>(v % base);
  set_bcd_flags(c, false, false);
}

// AAD imm8 (SDM AAD "Operation"): AL := (AL + AH * imm8) AND FFH, AH := 0.
void aad(Cpu& c, const DecodedInsn& d) {
  u8 base = static_cast<u8>(d.imm);
  c.st.r16(kEax) = static_cast<u8>(al(c) + ah(c) * base);
  set_bcd_flags(c, false, false);
}

constexpr OpClass kBcd = OpClass::kComplex;  // microcoded

constexpr Row kRows[] = {
    op1("daa", 0x27, {}, daa, daa, kBcd),
    op1("das", 0x2F, {}, das, das, kBcd),
    op1("aaa", 0x37, {}, aaa, aaa, kBcd),
    op1("aas", 0x3F, {}, aas, aas, kBcd),
    op1("aam", 0xD4, {O::kIb}, aam, aam, kBcd),
    op1("aad", 0xD5, {O::kIb}, aad, aad, kBcd),
};

}  // namespace

std::span<const Row> bcd_rows() { return kRows; }

}  // namespace vtsim::ia32
