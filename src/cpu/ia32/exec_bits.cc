// Bit test and scan (BT BTS BTR BTC BSF BSR), SETcc, CMOVcc, CMPXCHG, CMPXCHG8B, XADD, BSWAP
// (SDM Vol. 2A-2D instruction pages).
#include <algorithm>
#include <bit>

#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

// ---- BT, BTS, BTR, BTC ----

enum class Bt { kTest, kSet, kReset, kComplement };

template <Bt op, typename T>
T bit_apply(T v, unsigned bit) {
  T mask = static_cast<T>(T{1} << bit);
  switch (op) {
    case Bt::kSet: return static_cast<T>(v | mask);
    case Bt::kReset: return static_cast<T>(v & ~mask);
    case Bt::kComplement: return static_cast<T>(v ^ mask);
    default: return v;
  }
}

// CF = the selected bit before the change; ZF kept; OF SF AF PF undefined by the SDM (BT):
// kept as Bochs does. Flags change only after the write, so a faulting write leaves them intact.
template <Bt op, typename T>
void bit_reg(Cpu& c, unsigned r, unsigned bit) {
  T v = get_reg<T>(c, r);
  if constexpr (op != Bt::kTest) set_reg<T>(c, r, bit_apply<op, T>(v, bit));
  c.st.flags.assign(eflags::kCf, (v >> bit) & 1);
}
template <Bt op, typename T>
void bit_mem(Cpu& c, unsigned seg, u32 off, unsigned bit) {
  T v = c.read<T>(seg, off);
  if constexpr (op != Bt::kTest) c.write<T>(seg, off, bit_apply<op, T>(v, bit));
  c.st.flags.assign(eflags::kCf, (v >> bit) & 1);
}

// op Ev, Gv. SDM BT: with a register base the offset is taken modulo the operand size; with a
// memory base it is signed (-2^15..2^15-1 or -2^31..2^31-1) and selects the word or dword at
// EA + 2 * (offset SAR 4) or EA + 4 * (offset SAR 5), wrapped to the address size.
template <Bt op, typename T>
void bt_EG(Cpu& c, const DecodedInsn& d) {
  constexpr unsigned kBits = bits_of<T>();
  T src = read_G<T>(c, d);
  if (!d.mem) return bit_reg<op, T>(c, d.rm, src & (kBits - 1));
  i32 unit = static_cast<i32>(static_cast<Signed<T>>(src)) >> std::countr_zero(kBits);
  u32 off = c.ea(d) + static_cast<u32>(unit) * sizeof(T);
  if (!d.a32) off &= 0xFFFF;
  bit_mem<op, T>(c, d.seg, off, src & (kBits - 1));
}

// op Ev, Ib (group 8). SDM BT: an immediate offset is taken modulo the operand size.
template <Bt op, typename T>
void bt_EI(Cpu& c, const DecodedInsn& d) {
  unsigned bit = d.imm & (bits_of<T>() - 1);
  if (d.mem) bit_mem<op, T>(c, d.seg, c.ea(d), bit);
  else bit_reg<op, T>(c, d.rm, bit);
}

// ---- BSF, BSR ----

// SDM BSF/BSR: a zero source sets ZF and leaves the destination undefined; it is kept, as Bochs
// and hardware do, and the other flags are kept too. Otherwise ZF = 0 and CF OF SF AF PF
// (undefined) are those of a logical operation on the index, as Bochs sets them.
template <bool reverse, typename T>
void bit_scan(Cpu& c, const DecodedInsn& d) {
  T src = read_E<T>(c, d);
  Flags& f = c.st.flags;
  if (src == 0) return f.assign(eflags::kZf, true);
  int n = reverse ? int{bits_of<T>()} - 1 - std::countl_zero(src) : std::countr_zero(src);
  T idx = static_cast<T>(n);
  write_G<T>(c, d, idx);
  f.record(FlagOp::kLogic, idx, idx, idx);
  f.assign(eflags::kZf, false);
}

// ---- SETcc, CMOVcc ----

// SDM SETcc: the byte is 1 if the condition in the opcode's low nibble holds, else 0.
void setcc(Cpu& c, const DecodedInsn& d) {
  write_E<u8>(c, d, c.st.flags.test(d.opcode & 0xF) ? 1 : 0);
}

// SDM CMOVcc: the source is read (and may fault) even when the condition is false.
template <typename T>
void cmovcc(Cpu& c, const DecodedInsn& d) {
  T v = read_E<T>(c, d);
  if (c.st.flags.test(d.opcode & 0xF)) write_G<T>(c, d, v);
}

// ---- CMPXCHG, CMPXCHG8B, XADD, BSWAP ----

// SDM CMPXCHG: flags as CMP accumulator, DEST; the destination is written in both cases (the
// old value back when unequal), before the accumulator is loaded.
template <typename T>
void cmpxchg(Cpu& c, const DecodedInsn& d) {
  T acc = get_reg<T>(c, kEax), src = read_G<T>(c, d), dst = 0;
  modify_E<T>(c, d, [&](T v) {
    dst = v;
    return acc == v ? src : v;
  });
  if (acc != dst) set_reg<T>(c, kEax, dst);
  c.st.flags.record(FlagOp::kSub, acc, dst, static_cast<T>(acc - dst));
}

// SDM CMPXCHG8B: compare EDX:EAX with m64; equal: m64 = ECX:EBX, else EDX:EAX = m64 (and m64
// written back). Only ZF changes.
void cmpxchg8b(Cpu& c, const DecodedInsn& d) {
  State& s = c.st;
  u32 off = c.ea(d);
  u64 m = c.read<u64>(d.seg, off);
  bool equal = m == ((u64{s.r32(kEdx)} << 32) | s.r32(kEax));
  c.write<u64>(d.seg, off, equal ? (u64{s.r32(kEcx)} << 32) | s.r32(kEbx) : m);
  if (!equal) {
    s.r32(kEax) = static_cast<u32>(m);
    s.r32(kEdx) = static_cast<u32>(m >> 32);
  }
  s.flags.assign(eflags::kZf, equal);
}

// SDM XADD: TEMP = SRC + DEST; SRC = DEST; DEST = TEMP; flags as ADD. With one register as both
// operands the sum is written last; memory is written before the register (restartable).
template <typename T>
void xadd(Cpu& c, const DecodedInsn& d) {
  T src = read_G<T>(c, d);
  u32 off = d.mem ? c.ea(d) : 0;
  T dst = d.mem ? c.read<T>(d.seg, off) : get_reg<T>(c, d.rm);
  T sum = static_cast<T>(dst + src);
  if (d.mem) c.write<T>(d.seg, off, sum);
  write_G<T>(c, d, dst);
  if (!d.mem) set_reg<T>(c, d.rm, sum);
  c.st.flags.record(FlagOp::kAdd, dst, src, sum);
}

void bswap32(Cpu& c, const DecodedInsn& d) {
  u32 v = c.st.r32(d.reg);
  c.st.r32(d.reg) = (v >> 24) | ((v >> 8) & 0xFF00) | ((v << 8) & 0xFF0000) | (v << 24);
}
// SDM BSWAP: undefined with a 16-bit register; the register is cleared, as Bochs 2.7 does.
void bswap16(Cpu& c, const DecodedInsn& d) { c.st.r16(d.reg) = 0; }

constexpr u16 kLock = row_attr::kLock;

// BT/BTS/BTR/BTC Ev,Gv at 0F opc and Ev,Ib at 0F BA /ext (SDM Vol. 2D Tables ).
template <Bt op>
constexpr std::array<Row, 2> bt_family(std::string_view mn, u8 opc, int ext) {
  constexpr u16 lock = op == Bt::kTest ? 0 : kLock;
  return {
      op2(mn, opc, {O::kEv, O::kGv}, bt_EG<op, u16>, bt_EG<op, u32>, OpClass::kAlu).with(lock),
      op2(mn, 0xBA, {O::kEv, O::kIb}, bt_EI<op, u16>, bt_EI<op, u32>, OpClass::kAlu)
          .ext(ext)
          .with(lock),
  };
}

// SDM Vol. 2D Table A-3 (two-byte opcode map) and Table A-6 (group 9 for CMPXCHG8B).
constexpr std::array<Row, 10> kOthers = {
    op2("bsf", 0xBC, {O::kGv, O::kEv}, bit_scan<false, u16>, bit_scan<false, u32>, OpClass::kAlu),
    op2("bsr", 0xBD, {O::kGv, O::kEv}, bit_scan<true, u16>, bit_scan<true, u32>, OpClass::kAlu),
    op2("set{cc}", 0x90, {O::kEb}, setcc, setcc, OpClass::kAlu).plus_r(16),
    op2("cmov{cc}", 0x40, {O::kGv, O::kEv}, cmovcc<u16>, cmovcc<u32>, OpClass::kCmov)
        .plus_r(16)
        .needs(Feature::kCmov),
    op2("cmpxchg", 0xB0, {O::kEb, O::kGb}, cmpxchg<u8>, cmpxchg<u8>, OpClass::kComplex)
        .with(kLock)
        .needs(Feature::kI486),
    op2("cmpxchg", 0xB1, {O::kEv, O::kGv}, cmpxchg<u16>, cmpxchg<u32>, OpClass::kComplex)
        .with(kLock)
        .needs(Feature::kI486),
    op2("cmpxchg8b", 0xC7, {O::kMq}, cmpxchg8b, cmpxchg8b, OpClass::kComplex)
        .ext(1)
        .mem_only()
        .with(kLock | row_attr::kNoOpsize)
        .needs(Feature::kCx8),
    op2("xadd", 0xC0, {O::kEb, O::kGb}, xadd<u8>, xadd<u8>, OpClass::kComplex)
        .with(kLock)
        .needs(Feature::kI486),
    op2("xadd", 0xC1, {O::kEv, O::kGv}, xadd<u16>, xadd<u32>, OpClass::kComplex)
        .with(kLock)
        .needs(Feature::kI486),
    op2("bswap", 0xC8, {O::kZv}, bswap16, bswap32, OpClass::kAlu).plus_r(8).needs(Feature::kI486),
};

constexpr auto kRows =
    join_rows(bt_family<Bt::kTest>("bt", 0xA3, 4), bt_family<Bt::kSet>("bts", 0xAB, 5),
         bt_family<Bt::kReset>("btr", 0xB3, 6), bt_family<Bt::kComplement>("btc", 0xBB, 7),
         kOthers);

}  // namespace

std::span<const Row> bits_rows() { return kRows; }

}  // namespace vtsim::ia32
