// System instructions: LGDT, LIDT, SGDT, SIDT, MOV to/from CR0-CR4 (SDM Vol. 2, Vol. 3A 2.5).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

void require_cpl0(Cpu& c) {
  if (c.st.protected_mode() && c.st.cpl != 0) raise(kGP, 0);
}

// LGDT/LIDT m16&32: with 16-bit operand size only 24 bits of the base are used (SDM LGDT).
template <bool kIdt, typename T>
void load_table(Cpu& c, const DecodedInsn& d) {
  require_cpl0(c);
  u32 off = c.ea(d);
  u16 limit = c.read<u16>(d.seg, off);
  u32 base = c.read<u32>(d.seg, off + 2);
  if (sizeof(T) == 2) base &= 0xFFFFFF;
  TableReg& t = kIdt ? c.st.idtr : c.st.gdtr;
  t.base = base;
  t.limit = limit;
}
template <bool kIdt, typename T>
void store_table(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  const TableReg& t = kIdt ? c.st.idtr : c.st.gdtr;
  c.write<u16>(d.seg, off, t.limit);
  c.write<u32>(d.seg, off + 2, t.base);
}

// MOV r32, CRn and MOV CRn, r32 (SDM MOV—Move to/from Control Registers).
void mov_RC(Cpu& c, const DecodedInsn& d) {
  require_cpl0(c);
  u64 v;
  switch (d.reg) {
    case 0: v = c.st.cr0; break;
    case 2: v = c.st.cr2; break;
    case 3: v = c.st.cr3; break;
    case 4: v = c.st.cr4; break;
    default: raise(kUD);
  }
  c.st.r32(d.rm) = static_cast<u32>(v);
}
void mov_CR(Cpu& c, const DecodedInsn& d) {
  require_cpl0(c);
  u32 v = c.st.r32(d.rm);
  switch (d.reg) {
    case 0: {
      // PG without PE, or NW without CD, is #GP(0) (SDM Vol. 3A 2.5, 4.1.1).
      if (((v & cr0::kPg) && !(v & cr0::kPe)) || ((v & cr0::kNw) && !(v & cr0::kCd)))
        raise(kGP, 0);
      if (v & cr0::kPg) raise(kGP, 0);  // paging arrives with the system-architecture work
      c.st.cr0 = (v & 0xE005003Fu) | cr0::kEt;
      c.flush_translations();
      c.mode_changed();
      break;
    }
    case 2: c.st.cr2 = v; break;
    case 3: c.st.cr3 = v; c.flush_translations(); break;
    case 4:
      if (v & ~0x0000FFFFu) raise(kGP, 0);
      c.st.cr4 = v;
      c.flush_translations();
      break;
    default: raise(kUD);
  }
}

constexpr u16 kEnds = row_attr::kEndsBlock;

constexpr Row kRows[] = {
    op2("sgdt", 0x01, {O::kMs}, store_table<false, u16>, store_table<false, u32>, OpClass::kSystem).ext(0).mem_only().exits(ExitClass::kDescTable),
    op2("sidt", 0x01, {O::kMs}, store_table<true, u16>, store_table<true, u32>, OpClass::kSystem).ext(1).mem_only().exits(ExitClass::kDescTable),
    op2("lgdt", 0x01, {O::kMs}, load_table<false, u16>, load_table<false, u32>, OpClass::kSystem).ext(2).mem_only().exits(ExitClass::kDescTable),
    op2("lidt", 0x01, {O::kMs}, load_table<true, u16>, load_table<true, u32>, OpClass::kSystem).ext(3).mem_only().exits(ExitClass::kDescTable),
    op2("mov", 0x20, {O::kRd, O::kCd}, mov_RC, mov_RC, OpClass::kSystem).with(row_attr::kNoOpsize).exits(ExitClass::kMovCr),
    op2("mov", 0x22, {O::kCd, O::kRd}, mov_CR, mov_CR, OpClass::kSystem).with(row_attr::kNoOpsize | kEnds).exits(ExitClass::kMovCr),
};

}  // namespace

std::span<const Row> system_rows() { return kRows; }

}  // namespace vtsim::ia32
