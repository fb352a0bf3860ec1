// Binary arithmetic and logic: ADD OR ADC SBB AND SUB XOR CMP TEST INC DEC NEG NOT
// (SDM Vol. 2, instruction pages; flags per Vol. 1 Appendix A).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

enum class Alu { kAdd, kOr, kAdc, kSbb, kAnd, kSub, kXor, kCmp };

// Computes dst op src, records the flags, and returns the result (CMP returns dst).
template <Alu op, typename T>
T alu(Cpu& c, T dst, T src) {
  Flags& f = c.st.flags;
  T r;
  switch (op) {
    case Alu::kAdd: r = dst + src; f.record(FlagOp::kAdd, dst, src, r); return r;
    case Alu::kAdc: {
      bool cin = f.cf();
      r = dst + src + cin;
      f.record(cin ? FlagOp::kAdc : FlagOp::kAdd, dst, src, r);
      return r;
    }
    case Alu::kSub: r = dst - src; f.record(FlagOp::kSub, dst, src, r); return r;
    case Alu::kCmp: r = dst - src; f.record(FlagOp::kSub, dst, src, r); return dst;
    case Alu::kSbb: {
      bool cin = f.cf();
      r = dst - src - cin;
      f.record(cin ? FlagOp::kSbb : FlagOp::kSub, dst, src, r);
      return r;
    }
    case Alu::kAnd: r = dst & src; break;
    case Alu::kOr: r = dst | src; break;
    case Alu::kXor: r = dst ^ src; break;
  }
  f.record(FlagOp::kLogic, dst, src, r);
  return r;
}

// op Ex, Gx
template <Alu op, typename T>
void alu_EG(Cpu& c, const DecodedInsn& d) {
  T src = read_G<T>(c, d);
  if constexpr (op == Alu::kCmp) alu<op, T>(c, read_E<T>(c, d), src);
  else modify_E<T>(c, d, [&](T v) { return alu<op, T>(c, v, src); });
}
// op Gx, Ex
template <Alu op, typename T>
void alu_GE(Cpu& c, const DecodedInsn& d) {
  T r = alu<op, T>(c, read_G<T>(c, d), read_E<T>(c, d));
  if constexpr (op != Alu::kCmp) write_G<T>(c, d, r);
}
// op Ex, imm (group 1: 80, 81, 83)
template <Alu op, typename T>
void alu_EI(Cpu& c, const DecodedInsn& d) {
  T src = imm<T>(d);
  if constexpr (op == Alu::kCmp) alu<op, T>(c, read_E<T>(c, d), src);
  else modify_E<T>(c, d, [&](T v) { return alu<op, T>(c, v, src); });
}
// op AL/eAX, imm
template <Alu op, typename T>
void alu_AI(Cpu& c, const DecodedInsn& d) {
  T r = alu<op, T>(c, get_reg<T>(c, kEax), imm<T>(d));
  if constexpr (op != Alu::kCmp) set_reg<T>(c, kEax, r);
}

template <typename T>
void test_EG(Cpu& c, const DecodedInsn& d) {
  T a = read_E<T>(c, d), b = read_G<T>(c, d);
  c.st.flags.record(FlagOp::kLogic, a, b, static_cast<T>(a & b));
}
template <typename T>
void test_EI(Cpu& c, const DecodedInsn& d) {
  T a = read_E<T>(c, d), b = imm<T>(d);
  c.st.flags.record(FlagOp::kLogic, a, b, static_cast<T>(a & b));
}
template <typename T>
void test_AI(Cpu& c, const DecodedInsn& d) {
  T a = get_reg<T>(c, kEax), b = imm<T>(d);
  c.st.flags.record(FlagOp::kLogic, a, b, static_cast<T>(a & b));
}

template <typename T>
T inc(Cpu& c, T v) {
  T r = v + 1;
  c.st.flags.record(FlagOp::kInc, v, T{1}, r);
  return r;
}
template <typename T>
T dec(Cpu& c, T v) {
  T r = v - 1;
  c.st.flags.record(FlagOp::kDec, v, T{1}, r);
  return r;
}
template <typename T>
void inc_E(Cpu& c, const DecodedInsn& d) { modify_E<T>(c, d, [&](T v) { return inc<T>(c, v); }); }
template <typename T>
void dec_E(Cpu& c, const DecodedInsn& d) { modify_E<T>(c, d, [&](T v) { return dec<T>(c, v); }); }
template <typename T>
void inc_Z(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, inc<T>(c, read_G<T>(c, d))); }
template <typename T>
void dec_Z(Cpu& c, const DecodedInsn& d) { write_G<T>(c, d, dec<T>(c, read_G<T>(c, d))); }

template <typename T>
void neg_E(Cpu& c, const DecodedInsn& d) {
  modify_E<T>(c, d, [&](T v) {
    T r = static_cast<T>(0 - v);
    c.st.flags.record(FlagOp::kSub, T{0}, v, r);
    return r;
  });
}
template <typename T>
void not_E(Cpu& c, const DecodedInsn& d) {
  modify_E<T>(c, d, [](T v) { return static_cast<T>(~v); });
}

constexpr u16 kLock = row_attr::kLock;

// The eight ALU operations share one layout: op*8 + {Eb,Gb | Ev,Gv | Gb,Eb | Gv,Ev | AL,Ib |
// eAX,Iz} in the one-byte map and /op in group 1 (SDM Vol. 2D Table ).
template <Alu op>
constexpr std::array<Row, 10> alu_family(std::string_view mn) {
  constexpr u8 base = static_cast<u8>(op) * 8;
  constexpr u16 lock = op == Alu::kCmp ? 0 : kLock;
  constexpr int ext = static_cast<int>(op);
  return {
      op1(mn, base + 0, {O::kEb, O::kGb}, alu_EG<op, u8>, alu_EG<op, u8>, OpClass::kAlu).with(lock),
      op1(mn, base + 1, {O::kEv, O::kGv}, alu_EG<op, u16>, alu_EG<op, u32>, OpClass::kAlu).with(lock),
      op1(mn, base + 2, {O::kGb, O::kEb}, alu_GE<op, u8>, alu_GE<op, u8>, OpClass::kAlu),
      op1(mn, base + 3, {O::kGv, O::kEv}, alu_GE<op, u16>, alu_GE<op, u32>, OpClass::kAlu),
      op1(mn, base + 4, {O::kAL, O::kIb}, alu_AI<op, u8>, alu_AI<op, u8>, OpClass::kAlu),
      op1(mn, base + 5, {O::kAv, O::kIz}, alu_AI<op, u16>, alu_AI<op, u32>, OpClass::kAlu),
      op1(mn, 0x80, {O::kEb, O::kIb}, alu_EI<op, u8>, alu_EI<op, u8>, OpClass::kAlu).ext(ext).with(lock),
      op1(mn, 0x81, {O::kEv, O::kIz}, alu_EI<op, u16>, alu_EI<op, u32>, OpClass::kAlu).ext(ext).with(lock),
      op1(mn, 0x83, {O::kEv, O::kIbs}, alu_EI<op, u16>, alu_EI<op, u32>, OpClass::kAlu).ext(ext).with(lock),
      // 82 is an alias of 80 outside 64-bit mode (SDM Vol. 2D Table A-6, footnote).
      op1(mn, 0x82, {O::kEb, O::kIb}, alu_EI<op, u8>, alu_EI<op, u8>, OpClass::kAlu).ext(ext).with(lock),
  };
}

constexpr std::array<Row, 18> kOthers = {
    op1("test", 0x84, {O::kEb, O::kGb}, test_EG<u8>, test_EG<u8>, OpClass::kAlu),
    op1("test", 0x85, {O::kEv, O::kGv}, test_EG<u16>, test_EG<u32>, OpClass::kAlu),
    op1("test", 0xA8, {O::kAL, O::kIb}, test_AI<u8>, test_AI<u8>, OpClass::kAlu),
    op1("test", 0xA9, {O::kAv, O::kIz}, test_AI<u16>, test_AI<u32>, OpClass::kAlu),
    op1("test", 0xF6, {O::kEb, O::kIb}, test_EI<u8>, test_EI<u8>, OpClass::kAlu).ext(0),
    op1("test", 0xF7, {O::kEv, O::kIz}, test_EI<u16>, test_EI<u32>, OpClass::kAlu).ext(0),
    // F6 /1 and F7 /1 decode as TEST on Intel processors (an undocumented alias objdump knows).
    op1("test", 0xF6, {O::kEb, O::kIb}, test_EI<u8>, test_EI<u8>, OpClass::kAlu).ext(1),
    op1("test", 0xF7, {O::kEv, O::kIz}, test_EI<u16>, test_EI<u32>, OpClass::kAlu).ext(1),
    op1("not", 0xF6, {O::kEb}, not_E<u8>, not_E<u8>, OpClass::kAlu).ext(2).with(kLock),
    op1("not", 0xF7, {O::kEv}, not_E<u16>, not_E<u32>, OpClass::kAlu).ext(2).with(kLock),
    op1("neg", 0xF6, {O::kEb}, neg_E<u8>, neg_E<u8>, OpClass::kAlu).ext(3).with(kLock),
    op1("neg", 0xF7, {O::kEv}, neg_E<u16>, neg_E<u32>, OpClass::kAlu).ext(3).with(kLock),
    op1("inc", 0x40, {O::kZv}, inc_Z<u16>, inc_Z<u32>, OpClass::kAlu).plus_r(),
    op1("dec", 0x48, {O::kZv}, dec_Z<u16>, dec_Z<u32>, OpClass::kAlu).plus_r(),
    op1("inc", 0xFE, {O::kEb}, inc_E<u8>, inc_E<u8>, OpClass::kAlu).ext(0).with(kLock),
    op1("dec", 0xFE, {O::kEb}, dec_E<u8>, dec_E<u8>, OpClass::kAlu).ext(1).with(kLock),
    op1("inc", 0xFF, {O::kEv}, inc_E<u16>, inc_E<u32>, OpClass::kAlu).ext(0).with(kLock),
    op1("dec", 0xFF, {O::kEv}, dec_E<u16>, dec_E<u32>, OpClass::kAlu).ext(1).with(kLock),
};

constexpr auto kRows = join_rows(alu_family<Alu::kAdd>("add"), alu_family<Alu::kOr>("or"),
                            alu_family<Alu::kAdc>("adc"), alu_family<Alu::kSbb>("sbb"),
                            alu_family<Alu::kAnd>("and"), alu_family<Alu::kSub>("sub"),
                            alu_family<Alu::kXor>("xor"), alu_family<Alu::kCmp>("cmp"), kOthers);

}  // namespace

std::span<const Row> alu_rows() { return kRows; }

}  // namespace vtsim::ia32
