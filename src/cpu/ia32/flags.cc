#include "cpu/ia32/flags.h"

#include <bit>

namespace vtsim::ia32 {

using namespace eflags;

bool Flags::cf() const {
  switch (op_) {
    case FlagOp::kAdd: return res_ < dst_;
    case FlagOp::kAdc: return res_ <= dst_;
    case FlagOp::kSub: return dst_ < src_;
    case FlagOp::kSbb: return dst_ <= src_;
    case FlagOp::kLogic: return false;
    default: return bits_ & kCf;
  }
}

bool Flags::of() const {
  switch (op_) {
    case FlagOp::kAdd:
    case FlagOp::kAdc: return ((dst_ ^ res_) & (src_ ^ res_) & sign_) != 0;
    case FlagOp::kSub:
    case FlagOp::kSbb: return ((dst_ ^ src_) & (dst_ ^ res_) & sign_) != 0;
    case FlagOp::kLogic: return false;
    case FlagOp::kInc: return res_ == sign_;
    case FlagOp::kDec: return res_ == sign_ - 1;
    default: return bits_ & kOf;
  }
}

bool Flags::af() const {
  switch (op_) {
    case FlagOp::kNone: return bits_ & kAf;
    case FlagOp::kLogic: return false;  // undefined by the SDM; cleared as Bochs and hardware do
    default: return ((dst_ ^ src_ ^ res_) & 0x10) != 0;
  }
}

bool Flags::pf() const {
  if (op_ == FlagOp::kNone) return bits_ & kPf;
  return (std::popcount(res_ & 0xFF) & 1) == 0;
}

bool Flags::test(unsigned cc) const {
  bool r;
  switch ((cc >> 1) & 7) {
    case 0: r = of(); break;
    case 1: r = cf(); break;
    case 2: r = zf(); break;
    case 3: r = cf() || zf(); break;
    case 4: r = sf(); break;
    case 5: r = pf(); break;
    case 6: r = sf() != of(); break;
    default: r = zf() || sf() != of(); break;
  }
  return r != (cc & 1);
}

u32 Flags::get() const {
  if (op_ == FlagOp::kNone) return bits_;
  u32 v = bits_ & ~kArith;
  v |= cf() ? kCf : 0;
  v |= pf() ? kPf : 0;
  v |= af() ? kAf : 0;
  v |= zf() ? kZf : 0;
  v |= sf() ? kSf : 0;
  v |= of() ? kOf : 0;
  return v;
}

void Flags::set(u32 value) {
  // Bits 3, 5, 15 and 22-31 are reserved 0; bit 1 is reserved 1 (SDM Vol. 1 3.4.3).
  constexpr u32 kWritable = kArith | kTf | kIf | kDf | kIopl | kNt | kRf | kVm | kAc | kVif |
                            kVip | kId;
  bits_ = (value & kWritable) | kFixed1;
  op_ = FlagOp::kNone;
}

void Flags::assign(u32 flag, bool on) {
  if (flag & kArith) set(get());
  bits_ = on ? (bits_ | flag) : (bits_ & ~flag);
}

void Flags::keep_cf() {
  // The other arithmetic bits in bits_ are stale but unused while op_ != kNone.
  bits_ = (bits_ & ~kCf) | (cf() ? kCf : 0);
}

}  // namespace vtsim::ia32
