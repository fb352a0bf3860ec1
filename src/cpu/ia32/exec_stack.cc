// Stack frames and flags transfer: ENTER LEAVE PUSHA POPA PUSHF POPF LAHF SAHF, XLAT, BOUND,
// LDS/LES/LFS/LGS/LSS (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;
using namespace eflags;

constexpr unsigned kAh = 4;       // AH in the 8-bit register numbering
constexpr u64 kCr4Vme = 1u << 0;  // CR4.VME (SDM Vol. 3A 2.5)

// A stack pointer walked without committing it, with the stack-address size of SS: instructions
// that push or pop several values set ESP (or SP) only after every access succeeded.
class StackCursor {
 public:
  explicit StackCursor(Cpu& c)
      : c_(c), mask_(c.stack32() ? 0xFFFFFFFFu : 0xFFFFu), sp_(c.st.r32(kEsp) & mask_) {}

  template <typename T>
  void push(T v) {
    sp_ = (sp_ - sizeof(T)) & mask_;
    c_.write<T>(kSs, sp_, v);
  }
  template <typename T>
  T pop() {
    T v = c_.read<T>(kSs, sp_);
    sp_ = (sp_ + sizeof(T)) & mask_;
    return v;
  }
  [[nodiscard]] u32 sp() const { return sp_; }
  [[nodiscard]] u32 mask() const { return mask_; }
  void set_sp(u32 v) { sp_ = v & mask_; }
  void commit() { c_.set_esp(sp_); }

 private:
  Cpu& c_;
  u32 mask_;
  u32 sp_;
};

// ENTER (SDM ENTER, "Operation"): eBP is pushed with the operand size; levels 2..31 copy the
// enclosing frame pointers from [SS:eBP]; the stack size picks BP or EBP. The new stack pointer
// must lie within SS (#SS(0)); registers change only when everything succeeded.
template <typename T>
void enter(Cpu& c, const DecodedInsn& d) {
  const unsigned level = d.imm2 & 31;
  StackCursor s(c);
  u32 bp = c.st.r32(kEbp) & s.mask();
  s.push<T>(static_cast<T>(c.st.r32(kEbp)));
  const u32 frame = s.sp();
  if (level > 0) {
    for (unsigned i = 1; i < level; ++i) {
      bp = (bp - sizeof(T)) & s.mask();
      s.push<T>(c.read<T>(kSs, bp));
    }
    s.push<T>(static_cast<T>(frame));
  }
  s.set_sp(s.sp() - (d.imm & 0xFFFF));
  c.probe_write<T>(kSs, s.sp());
  if (c.stack32())
    c.st.r32(kEbp) = frame;
  else
    c.st.r16(kEbp) = static_cast<u16>(frame);
  s.commit();
}

// LEAVE: eSP <- eBP by the stack size, then eBP is popped with the operand size (SDM LEAVE).
template <typename T>
void leave(Cpu& c, const DecodedInsn&) {
  StackCursor s(c);
  s.set_sp(c.st.r32(kEbp));
  T v = s.pop<T>();
  s.commit();
  set_reg<T>(c, kEbp, v);
}

// PUSHA/PUSHAD push eAX eCX eDX eBX, the original eSP, eBP eSI eDI (SDM PUSHA).
template <typename T>
void pusha(Cpu& c, const DecodedInsn&) {
  StackCursor s(c);
  // Real-address mode: #GP when (E)SP is 7, 9, 11, 13 or 15 (SDM PUSHA, real-mode exceptions).
  if (!c.st.protected_mode() && s.sp() >= 7 && s.sp() <= 15 && (s.sp() & 1)) raise(kGP, 0);
  const T old_sp = get_reg<T>(c, kEsp);
  for (unsigned r = kEax; r <= kEdi; ++r) s.push<T>(r == kEsp ? old_sp : get_reg<T>(c, r));
  s.commit();
}

// POPA/POPAD pop eDI eSI eBP, skip the eSP image, then eBX eDX eCX eAX (SDM POPA).
template <typename T>
void popa(Cpu& c, const DecodedInsn&) {
  StackCursor s(c);
  T v[8];
  for (unsigned i = 0; i < 8; ++i) v[kEdi - i] = s.pop<T>();
  s.commit();
  for (unsigned r = kEax; r <= kEdi; ++r)
    if (r != kEsp) set_reg<T>(c, r, v[r]);
}

// PUSHF/PUSHFD (SDM PUSHF, "Operation"): VM and RF read as 0 in the image. In virtual-8086
// mode with IOPL < 3: #GP(0), except with CR4.VME and a 16-bit operand, where the image has
// VIF in place of IF and IOPL = 3.
template <typename T>
void pushf(Cpu& c, const DecodedInsn&) {
  u32 fl = c.st.flags.get() & ~(kVm | kRf);
  if (c.st.v86() && c.st.flags.iopl() < 3) {
    if (sizeof(T) == 4 || !(c.st.cr4 & kCr4Vme)) raise(kGP, 0);
    fl = (fl & ~kIf) | ((fl & kVif) ? kIf : 0) | kIopl;
  }
  c.push<T>(static_cast<T>(fl));
}

// POPF in virtual-8086 mode with IOPL < 3 (SDM POPF, "Operation"; Vol. 3A 20.3): #GP(0) unless
// CR4.VME and a 16-bit operand; then bit 9 of the image goes to VIF, IF and IOPL are kept, and
// an image with TF = 1, or with IF = 1 while VIP = 1, is #GP(0).
template <typename T>
void popf_vme(Cpu& c) {
  Flags& f = c.st.flags;
  if (sizeof(T) == 4 || !(c.st.cr4 & kCr4Vme)) raise(kGP, 0);
  StackCursor s(c);
  u16 v = s.pop<u16>();
  if ((v & kTf) || ((f.get() & kVip) && (v & kIf))) raise(kGP, 0);
  s.commit();
  f.set_masked(v, 0xFFFFu & ~(kIf | kIopl));
  f.assign(kVif, v & kIf);
}

// POPF/POPFD (SDM POPF, "Operation"): IOPL changes only at CPL 0 (never in v86 mode), IF only
// when CPL <= IOPL; VIP, VIF and VM never change; a 32-bit POPF clears RF.
template <typename T>
void popf(Cpu& c, const DecodedInsn&) {
  Flags& f = c.st.flags;
  u32 mask = kArith | kTf | kDf | kNt | kAc | kId;
  if (c.st.v86()) {
    if (f.iopl() < 3) return popf_vme<T>(c);
    mask |= kIf;
  } else {
    if (c.st.cpl == 0) mask |= kIopl;
    if (c.st.cpl <= f.iopl()) mask |= kIf;
  }
  if (sizeof(T) == 2) mask &= 0xFFFF;
  u32 v = c.pop<T>();
  f.set_masked(v, mask);
  if (sizeof(T) == 4) f.assign(kRf, false);
}

// LAHF: AH <- SF:ZF:0:AF:0:PF:1:CF; SAHF stores AH into those flags (SDM LAHF, SAHF).
void lahf(Cpu& c, const DecodedInsn&) { c.st.r8(kAh) = static_cast<u8>(c.st.flags.get()); }
void sahf(Cpu& c, const DecodedInsn&) {
  c.st.flags.set_masked(c.st.r8(kAh), kSf | kZf | kAf | kPf | kCf);
}

// Adds to an offset with the wrap of the address size.
u32 offset_add(const DecodedInsn& d, u32 off, u32 n) {
  return d.a32 ? off + n : (off + n) & 0xFFFF;
}

// XLAT: AL <- [seg:eBX + AL], DS unless overridden (SDM XLAT).
void xlat(Cpu& c, const DecodedInsn& d) {
  u32 off = offset_add(d, d.a32 ? c.st.r32(kEbx) : c.st.r16(kEbx), c.st.r8(kEax));
  c.st.r8(kEax) = c.read<u8>(d.seg, off);
}

// BOUND: #BR when the signed index is below [m] or above [m + size] (SDM BOUND).
template <typename T>
void bound(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  auto lower = static_cast<Signed<T>>(c.read<T>(d.seg, off));
  auto upper = static_cast<Signed<T>>(c.read<T>(d.seg, offset_add(d, off, sizeof(T))));
  auto index = static_cast<Signed<T>>(read_G<T>(c, d));
  if (index < lower || index > upper) raise(kBR);
}

// LDS LES LFS LGS LSS: offset then selector from memory; the segment is loaded first, so a
// fault leaves the register unchanged (SDM LDS/LES/LFS/LGS/LSS). LSS does not inhibit
// interrupts: only MOV SS and POP SS do (SDM Vol. 3A 6.8.3).
template <unsigned S, typename T>
void load_far(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  T offset = c.read<T>(d.seg, off);
  u16 sel = c.read<u16>(d.seg, offset_add(d, off, sizeof(T)));
  c.load_segment(S, sel);
  write_G<T>(c, d, offset);
}

constexpr u16 kEnds = row_attr::kEndsBlock;
constexpr u16 kStack = row_attr::kStack;
constexpr u16 kNoOpsize = row_attr::kNoOpsize;

constexpr Row kRows[] = {
    op1("enter", 0xC8, {O::kIw, O::kIb}, enter<u16>, enter<u32>, OpClass::kComplex).with(kStack),
    op1("leave", 0xC9, {}, leave<u16>, leave<u32>, OpClass::kAluMem).with(kStack),
    op1("pusha|pushad", 0x60, {}, pusha<u16>, pusha<u32>, OpClass::kComplex).with(kStack),
    op1("popa|popad", 0x61, {}, popa<u16>, popa<u32>, OpClass::kComplex).with(kStack),
    op1("pushf|pushfd", 0x9C, {}, pushf<u16>, pushf<u32>, OpClass::kStore).with(kStack),
    op1("popf|popfd", 0x9D, {}, popf<u16>, popf<u32>, OpClass::kComplex).with(kStack | kEnds),
    op1("sahf", 0x9E, {}, sahf, sahf, OpClass::kAlu).with(kNoOpsize),
    op1("lahf", 0x9F, {}, lahf, lahf, OpClass::kAlu).with(kNoOpsize),
    op1("xlat", 0xD7, {O::kXlat}, xlat, xlat, OpClass::kAluMem).with(kNoOpsize),
    op1("bound", 0x62, {O::kGv, O::kMa}, bound<u16>, bound<u32>, OpClass::kComplex).mem_only(),
    op1("les", 0xC4, {O::kGv, O::kMp}, load_far<kEs, u16>, load_far<kEs, u32>, OpClass::kComplex)
        .mem_only()
        .with(kEnds),
    op1("lds", 0xC5, {O::kGv, O::kMp}, load_far<kDs, u16>, load_far<kDs, u32>, OpClass::kComplex)
        .mem_only()
        .with(kEnds),
    op2("lss", 0xB2, {O::kGv, O::kMp}, load_far<kSs, u16>, load_far<kSs, u32>, OpClass::kComplex)
        .mem_only()
        .with(kEnds),
    op2("lfs", 0xB4, {O::kGv, O::kMp}, load_far<kFs, u16>, load_far<kFs, u32>, OpClass::kComplex)
        .mem_only()
        .with(kEnds),
    op2("lgs", 0xB5, {O::kGv, O::kMp}, load_far<kGs, u16>, load_far<kGs, u32>, OpClass::kComplex)
        .mem_only()
        .with(kEnds),
};

}  // namespace

std::span<const Row> stack_rows() { return kRows; }

}  // namespace vtsim::ia32
