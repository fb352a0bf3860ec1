// EFLAGS with lazily evaluated arithmetic flags (SDM Vol. 1 3.4.3).
// An arithmetic instruction records its operands and result; CF, PF, AF, ZF, SF and OF are
// computed only when something reads them.
#pragma once
#include "common/types.h"

namespace vtsim::ia32 {

namespace eflags {
constexpr u32 kCf = 1u << 0, kPf = 1u << 2, kAf = 1u << 4, kZf = 1u << 6, kSf = 1u << 7;
constexpr u32 kTf = 1u << 8, kIf = 1u << 9, kDf = 1u << 10, kOf = 1u << 11;
constexpr u32 kIopl = 3u << 12, kNt = 1u << 14, kRf = 1u << 16, kVm = 1u << 17, kAc = 1u << 18;
constexpr u32 kVif = 1u << 19, kVip = 1u << 20, kId = 1u << 21;
constexpr u32 kArith = kCf | kPf | kAf | kZf | kSf | kOf;
constexpr u32 kFixed1 = 1u << 1;  // bit 1 always reads as 1
}  // namespace eflags

// How the arithmetic flags were last produced.
enum class FlagOp : u8 {
  kNone,   // all flags are in Flags::bits
  kAdd,    // res = dst + src
  kAdc,    // res = dst + src + 1 (ADC with CF set)
  kSub,    // res = dst - src (also CMP, NEG with dst = 0)
  kSbb,    // res = dst - src - 1 (SBB with CF set)
  kLogic,  // AND, OR, XOR, TEST: CF = OF = 0
  kInc,    // res = dst + 1, CF kept in bits
  kDec,    // res = dst - 1, CF kept in bits
};

class Flags {
 public:
  // Records an arithmetic result of width W (u8, u16 or u32); values are stored zero-extended.
  template <typename W>
  void record(FlagOp op, W dst, W src, W res) {
    if (op == FlagOp::kInc || op == FlagOp::kDec) keep_cf();
    op_ = op;
    dst_ = dst;
    src_ = src;
    res_ = res;
    sign_ = u32{1} << (8 * sizeof(W) - 1);
  }

  [[nodiscard]] bool cf() const;
  [[nodiscard]] bool pf() const;
  [[nodiscard]] bool af() const;
  [[nodiscard]] bool zf() const { return op_ == FlagOp::kNone ? (bits_ & eflags::kZf) : res_ == 0; }
  [[nodiscard]] bool sf() const { return op_ == FlagOp::kNone ? (bits_ & eflags::kSf) : (res_ & sign_); }
  [[nodiscard]] bool of() const;
  [[nodiscard]] bool df() const { return bits_ & eflags::kDf; }
  [[nodiscard]] bool if_() const { return bits_ & eflags::kIf; }
  [[nodiscard]] bool tf() const { return bits_ & eflags::kTf; }
  [[nodiscard]] bool vm() const { return bits_ & eflags::kVm; }
  [[nodiscard]] unsigned iopl() const { return (bits_ >> 12) & 3; }

  // Condition code cc (the low nibble of Jcc/SETcc/CMOVcc, SDM Vol. 1 Appendix B).
  [[nodiscard]] bool test(unsigned cc) const;

  // The whole EFLAGS value.
  [[nodiscard]] u32 get() const;
  // Replaces EFLAGS; reserved bits are forced to their fixed values.
  void set(u32 value);
  // Replaces only the bits in mask.
  void set_masked(u32 value, u32 mask) { set((get() & ~mask) | (value & mask)); }
  // Sets or clears one non-arithmetic flag (IF, DF, TF, ...), or an arithmetic one after
  // materialising the others.
  void assign(u32 flag, bool on);

 private:
  void keep_cf();  // moves the current CF into bits_ (INC and DEC preserve CF)

  u32 bits_ = eflags::kFixed1;
  FlagOp op_ = FlagOp::kNone;
  u32 dst_ = 0, src_ = 0, res_ = 0, sign_ = 0x80000000;
};

}  // namespace vtsim::ia32
