// Stack frames and flags transfer: ENTER LEAVE PUSHA POPA PUSHF POPF LAHF SAHF, XLAT, BOUND,
// LDS/LES/LFS/LGS/LSS, with the CPL / IOPL / virtual-8086 rules of PUSHF and POPF (SDM Vol. 2).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;
constexpr u32 kData = Harness::kData;
constexpr u32 kTop = Harness::kStackTop;
constexpr u32 kTss = 0x6000;

u64 make_desc(u32 base, u32 limit, u8 access, u8 flags) {
  return (limit & 0xFFFF) | (u64{base & 0xFFFFFF} << 16) | (u64{access} << 40) |
         (u64{(limit >> 16) & 0xF} << 48) | (u64{flags} << 52) | (u64{base >> 24} << 56);
}

// A 32-bit TSS whose ring-0 stack (0x10:kStackTop) receives exceptions from CPL 3 and v86.
void give_tss(Harness& h) {
  h.poke<u32>(kTss + 4, kTop);
  h.poke<u32>(kTss + 8, 0x10);
  Segment tr;
  tr.selector = 0x38;
  tr.base = kTss;
  tr.limit = 0x67;
  tr.attr = attr::kPresent | desc::kTss32Busy;
  h.cpu.st.tr = tr;
}

// CPL 3 in flat 32-bit segments with the given IOPL; ESP = 0x9000. The HLT run() appends
// faults with #GP there, so a run that reaches the end reports #GP at the HLT.
void enter_ring3(Harness& h, u32 iopl) {
  give_tss(h);
  h.cpu.st.flags.set(kFixed1 | (iopl << 12));
  h.cpu.set_segment(kCs, desc::to_segment(0x2B, make_desc(0, 0xFFFFF, 0xFB, 0xC)));
  for (unsigned r : {kDs, kEs, kFs, kGs, kSs})
    h.cpu.set_segment(r, desc::to_segment(0x33, make_desc(0, 0xFFFFF, 0xF3, 0xC)));
  h.cpu.mode_changed();
  h.reg(kEsp) = 0x9000;
}

// Leaving v86 mode for a handler nulls DS, so the harness stubs (which write through DS) are
// replaced by ones writing through SS: ss mov byte [kVectorCell], v ; hlt.
void give_v86_stubs(Harness& h) {
  constexpr u32 kV86Stubs = 0x2800;
  constexpr u32 cell = Harness::kVectorCell;
  for (u32 v = 0; v < 32; ++v) {
    const u32 stub = kV86Stubs + v * 12;
    const std::vector<u8> bytes = {
        0x36, 0xC6, 0x05, cell & 0xFF, (cell >> 8) & 0xFF, 0, 0, static_cast<u8>(v), 0xF4};
    std::memcpy(h.mem(stub), bytes.data(), bytes.size());
    u64 gate = (stub & 0xFFFF) | (u64{0x08} << 16) | (u64{0x8E} << 40) | (u64{stub >> 16} << 48);
    h.poke<u64>(Harness::kIdt + v * 8, gate);
  }
}

// Virtual-8086 mode: CS = 0x1000 (code at kCode), other segments 0, SP = 0x7000 (below it is
// free: exceptions push their frame from kStackTop).
void enter_v86(Harness& h, u32 iopl, bool vme, u32 extra_flags = 0) {
  give_tss(h);
  give_v86_stubs(h);
  h.cpu.st.flags.set(kFixed1 | kVm | (iopl << 12) | extra_flags);
  h.cpu.st.cr4 = vme ? 1 : 0;
  Segment s;
  s.attr = attr::kPresent | attr::kS | attr::kWritable | attr::kAccessed | (3u << 5);
  for (unsigned r : {kDs, kEs, kFs, kGs, kSs}) h.cpu.set_segment(r, s);
  s.selector = Harness::kCode >> 4;
  s.base = Harness::kCode;
  h.cpu.set_segment(kCs, s);
  h.cpu.mode_changed();
  h.reg(kEsp) = 0x7000;
}

// Runs code at CS:0 (v86) followed by HLT.
void run_v86(Harness& h, const std::vector<u8>& code) {
  std::memcpy(h.mem(Harness::kCode), code.data(), code.size());
  h.poke<u8>(Harness::kCode + static_cast<u32>(code.size()), 0xF4);
  h.cpu.st.rip = 0;
  h.cpu.flush_translations();
  RunLimits lim;
  lim.max_insns = h.cpu.icount() + 1000;
  h.cpu.run(lim);
}

// ---- ENTER / LEAVE ----

TEST(Ia32Stack, EnterLevel0) {
  Harness h;
  h.reg(kEbp) = 0x11111111;
  h.run({0xC8, 0x10, 0x00, 0x00});  // enter 0x10, 0
  EXPECT_EQ(h.peek<u32>(kTop - 4), 0x11111111u);
  EXPECT_EQ(h.reg(kEbp), kTop - 4);
  EXPECT_EQ(h.reg(kEsp), kTop - 4 - 0x10);
}

TEST(Ia32Stack, EnterNestedCopiesFramePointers) {
  Harness h;
  const u32 frame = kData + 0x100;
  h.poke<u32>(frame - 4, 0xA);
  h.poke<u32>(frame - 8, 0xB);
  h.reg(kEbp) = frame;
  h.run({0xC8, 0x08, 0x00, 0x03});  // enter 8, 3
  EXPECT_EQ(h.peek<u32>(kTop - 4), frame);
  EXPECT_EQ(h.peek<u32>(kTop - 8), 0xAu);
  EXPECT_EQ(h.peek<u32>(kTop - 12), 0xBu);
  EXPECT_EQ(h.peek<u32>(kTop - 16), kTop - 4);
  EXPECT_EQ(h.reg(kEbp), kTop - 4);
  EXPECT_EQ(h.reg(kEsp), kTop - 24);
}

TEST(Ia32Stack, Enter16BitOperandOn32BitStack) {
  Harness h;
  const u32 frame = kData + 0x100;
  h.poke<u16>(frame - 2, 0xBEEF);
  h.reg(kEbp) = frame;
  h.run({0x66, 0xC8, 0x04, 0x00, 0x02});      // enterw 4, 2
  EXPECT_EQ(h.peek<u16>(kTop - 2), 0x0100u);  // BP
  EXPECT_EQ(h.peek<u16>(kTop - 4), 0xBEEFu);  // [BP - 2]
  EXPECT_EQ(h.peek<u16>(kTop - 6), static_cast<u16>(kTop - 2));
  EXPECT_EQ(h.reg(kEbp), kTop - 2);  // a 32-bit stack writes all of EBP
  EXPECT_EQ(h.reg(kEsp), kTop - 10);
}

TEST(Ia32Stack, EnterNestingLevelIsModulo32) {
  Harness h;
  h.reg(kEbp) = 0x5555;
  h.run({0xC8, 0x00, 0x00, 0x21});  // enter 0, 33: level 1
  EXPECT_EQ(h.peek<u32>(kTop - 4), 0x5555u);
  EXPECT_EQ(h.peek<u32>(kTop - 8), kTop - 4);
  EXPECT_EQ(h.reg(kEsp), kTop - 8);
  EXPECT_EQ(h.reg(kEbp), kTop - 4);
}

TEST(Ia32Stack, EnterFaultLeavesEspAndEbp) {
  Harness h;
  h.reg(kEbp) = 2;
  h.run({0xC8, 0x00, 0x00, 0x02});  // enter 0, 2: reads a dword at SS:0xFFFFFFFE
  EXPECT_EQ(h.vector(), kSS);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), Harness::kCode);
  EXPECT_EQ(h.reg(kEbp), 2u);
  EXPECT_EQ(h.reg(kEsp), kTop - 16);  // only the exception frame was pushed
}

TEST(Ia32Stack, Leave32) {
  Harness h;
  h.poke<u32>(kTop - 8, 0xCAFEBABE);
  h.reg(kEbp) = kTop - 8;
  h.reg(kEsp) = 0x1234;
  h.run({0xC9});
  EXPECT_EQ(h.reg(kEsp), kTop - 4);
  EXPECT_EQ(h.reg(kEbp), 0xCAFEBABEu);
}

TEST(Ia32Stack, LeaveOn16BitStackKeepsUpperHalves) {
  Harness h;
  h.real16();
  h.poke<u16>(0x7000, 0x1234);
  h.reg(kEsp) = 0xABCD0100;
  h.reg(kEbp) = 0x99997000;
  h.run({0xC9});
  EXPECT_EQ(h.reg(kEsp), 0xABCD7002u);
  EXPECT_EQ(h.reg(kEbp), 0x99991234u);
}

// ---- PUSHA / POPA ----

TEST(Ia32Stack, PushadLayout) {
  Harness h;
  for (unsigned r = kEax; r <= kEdi; ++r)
    if (r != kEsp) h.reg(static_cast<Gpr>(r)) = 0x100 + r;
  h.run({0x60});
  for (unsigned r = kEax; r <= kEdi; ++r) {
    u32 want = r == kEsp ? kTop : 0x100 + r;
    EXPECT_EQ(h.peek<u32>(kTop - 4 * (r + 1)), want) << r;
  }
  EXPECT_EQ(h.reg(kEsp), kTop - 32);
}

TEST(Ia32Stack, PopadSkipsEspImage) {
  Harness h;
  for (unsigned r = kEax; r <= kEdi; ++r)
    h.poke<u32>(kTop - 4 * (r + 1), r == kEsp ? 0xDEAD : 0x200 + r);
  h.reg(kEsp) = kTop - 32;
  h.run({0x61});
  for (unsigned r = kEax; r <= kEdi; ++r) {
    if (r == kEsp) continue;
    EXPECT_EQ(h.reg(static_cast<Gpr>(r)), 0x200 + r) << r;
  }
  EXPECT_EQ(h.reg(kEsp), kTop);
}

TEST(Ia32Stack, Pusha16PushesWords) {
  Harness h;
  h.reg(kEax) = 0xFFFF0001;
  h.reg(kEdi) = 0xFFFF0008;
  h.run({0x66, 0x60});  // pusha with a 16-bit operand
  EXPECT_EQ(h.peek<u16>(kTop - 2), 0x0001u);
  EXPECT_EQ(h.peek<u16>(kTop - 10), static_cast<u16>(kTop));  // SP image
  EXPECT_EQ(h.peek<u16>(kTop - 16), 0x0008u);
  EXPECT_EQ(h.reg(kEsp), kTop - 16);
}

TEST(Ia32Stack, Popa16KeepsUpperHalves) {
  Harness h;
  h.poke<u16>(kTop - 16, 0x0008);  // DI
  h.poke<u16>(kTop - 2, 0x0001);   // AX
  h.reg(kEax) = 0xAAAA0000;
  h.reg(kEdi) = 0xBBBB0000;
  h.reg(kEsp) = kTop - 16;
  h.run({0x66, 0x61});
  EXPECT_EQ(h.reg(kEax), 0xAAAA0001u);
  EXPECT_EQ(h.reg(kEdi), 0xBBBB0008u);
  EXPECT_EQ(h.reg(kEsp), kTop);
}

TEST(Ia32Stack, PushaInRealModeWithSp7IsGp) {
  Harness h;
  h.real16();
  h.reg(kEsp) = 7;
  h.run({0x60});
  EXPECT_EQ(h.vector(), kGP);
}

// ---- PUSHF / POPF ----

TEST(Ia32Stack, PushfdImageClearsRf) {
  Harness h;
  h.set_flags(kFixed1 | kCf | kRf | kAc);
  h.run({0x9C});
  EXPECT_EQ(h.peek<u32>(kTop - 4), kFixed1 | kCf | kAc);
  EXPECT_EQ(h.reg(kEsp), kTop - 4);
}

TEST(Ia32Stack, PopfdAtCpl0) {
  Harness h;
  h.set_flags(kFixed1 | kVif | kVip | kRf);
  h.run({0x68, 0xFF, 0xFE, 0xFF, 0xFF, 0x9D});  // push 0xFFFFFEFF (all but TF) ; popfd
  // Everything but VM, RF, VIF, VIP and reserved bits; VIF and VIP keep their values.
  EXPECT_EQ(h.flags(), kArith | kIf | kDf | kIopl | kNt | kAc | kId | kFixed1 | kVif | kVip);
}

TEST(Ia32Stack, Popf16KeepsUpperHalf) {
  Harness h;
  h.set_flags(kFixed1 | kAc);
  h.run({0x66, 0x68, 0xDD, 0xCE, 0x66, 0x9D});    // push word 0xCEDD ; popf (16-bit)
  EXPECT_EQ(h.flags(), 0x4ED5u | kFixed1 | kAc);  // bits 3 and 15 are reserved
  EXPECT_EQ(h.reg(kEsp), kTop);
}

TEST(Ia32Stack, PopfdAtCpl3KeepsIfAndIopl) {
  Harness h;
  enter_ring3(h, 0);
  h.run({0x68, 0xFF, 0xFE, 0xFF, 0xFF, 0x9D});  // push 0xFFFFFEFF ; popfd
  EXPECT_EQ(h.vector(), kGP);                   // at the HLT
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);
  EXPECT_EQ(h.stack(3), kArith | kDf | kNt | kAc | kId | kFixed1);  // EFLAGS image
}

TEST(Ia32Stack, PopfdAtCpl3WithIopl3ChangesIfButNotIopl) {
  Harness h;
  enter_ring3(h, 3);
  h.run({0x68, 0x01, 0x02, 0x00, 0x00, 0x9D});  // push 0x201 (IF, CF, IOPL 0) ; popfd
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);
  EXPECT_EQ(h.stack(3), kFixed1 | kCf | kIf | kIopl);
}

TEST(Ia32Stack, PushfAtCpl3DoesNotFault) {
  Harness h;
  enter_ring3(h, 0);
  h.run({0x9C});
  EXPECT_EQ(h.stack(1), Harness::kCode + 1);  // #GP only at the HLT
  EXPECT_EQ(h.peek<u32>(0x9000 - 4), kFixed1);
}

TEST(Ia32Stack, PopfSettingTfTrapsAfterTheNextInstruction) {
  Harness h;
  h.run({0x68, 0x02, 0x01, 0x00, 0x00, 0x9D, 0x90});  // push 0x102 ; popfd ; nop
  EXPECT_EQ(h.vector(), kDB);
  EXPECT_EQ(h.stack(0), Harness::kCode + 7);  // after the NOP
}

TEST(Ia32StackV86, PushfWithIoplBelow3IsGp) {
  Harness h;
  enter_v86(h, 0, false);
  run_v86(h, {0x90, 0x9C});  // nop ; pushf
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), 1u);  // IP of PUSHF
}

TEST(Ia32StackV86, PopfWithIoplBelow3IsGp) {
  Harness h;
  enter_v86(h, 2, false);
  run_v86(h, {0x9D});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), 0u);
  EXPECT_EQ(h.stack(4), 0x7000u);  // SP unchanged
}

TEST(Ia32StackV86, PopfWithIopl3KeepsIopl) {
  Harness h;
  enter_v86(h, 3, false);
  run_v86(h, {0x68, 0x01, 0x02, 0x9D});  // push 0x0201 ; popf
  EXPECT_EQ(h.vector(), kGP);            // at the HLT (CPL 3)
  EXPECT_EQ(h.stack(1), 4u);
  EXPECT_EQ(h.stack(3), kVm | kIopl | kIf | kCf | kFixed1);
}

TEST(Ia32StackV86, VmePushfReportsVifAsIfAndIopl3) {
  Harness h;
  enter_v86(h, 0, true, kVif);
  run_v86(h, {0x9C});
  EXPECT_EQ(h.stack(1), 1u);  // ran to the HLT
  EXPECT_EQ(h.peek<u16>(0x6FFE), kFixed1 | kIf | kIopl);
}

TEST(Ia32StackV86, VmePushfdIsGp) {
  Harness h;
  enter_v86(h, 0, true);
  run_v86(h, {0x66, 0x9C});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), 0u);
}

TEST(Ia32StackV86, VmePopfSetsVifNotIf) {
  Harness h;
  enter_v86(h, 0, true);
  run_v86(h, {0x68, 0x01, 0x02, 0x9D});  // push 0x0201 ; popf
  EXPECT_EQ(h.stack(1), 4u);
  EXPECT_EQ(h.stack(3), kVm | kVif | kCf | kFixed1);
}

TEST(Ia32StackV86, VmePopfWithTfIsGp) {
  Harness h;
  enter_v86(h, 0, true);
  run_v86(h, {0x68, 0x00, 0x01, 0x9D});  // push 0x0100 ; popf
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), 3u);
  EXPECT_EQ(h.stack(4), 0x6FFEu);  // the image was not popped
}

TEST(Ia32StackV86, VmePopfWithIfWhileVipIsGp) {
  Harness h;
  enter_v86(h, 0, true, kVip);
  run_v86(h, {0x68, 0x00, 0x02, 0x9D});  // push 0x0200 ; popf
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), 3u);
}

// ---- LAHF SAHF XLAT ----

TEST(Ia32Stack, LahfAndSahf) {
  Harness h;
  h.set_flags(kFixed1 | kSf | kZf | kCf | kOf);
  h.run({0x9F, 0x88, 0xE3, 0xB4, 0xFF, 0x9E});  // lahf ; mov bl, ah ; mov ah, 0xFF ; sahf
  EXPECT_EQ(h.reg(kEbx) & 0xFF, 0xC3u);         // SF ZF 0 AF 0 PF 1 CF
  EXPECT_EQ(h.flags(), kArith | kFixed1);       // OF kept; bits 3 and 5 stay 0
}

TEST(Ia32Stack, Xlat) {
  Harness h;
  h.poke<u8>(kData + 0x10, 0x77);
  h.reg(kEbx) = kData;
  h.reg(kEax) = 0xAAAAAA10;
  h.run({0xD7});
  EXPECT_EQ(h.reg(kEax), 0xAAAAAA77u);
}

TEST(Ia32Stack, XlatHonoursSegmentOverride) {
  Harness h;
  Segment fs = h.cpu.st.seg[kDs];
  fs.base = 0x100;
  h.cpu.set_segment(kFs, fs);
  h.poke<u8>(kData + 0x110, 0x88);
  h.reg(kEbx) = kData;
  h.reg(kEax) = 0x10;
  h.run({0x64, 0xD7});
  EXPECT_EQ(h.reg(kEax), 0x88u);
}

TEST(Ia32Stack, XlatWith16BitAddressWraps) {
  Harness h;
  h.poke<u8>(0x10, 0x99);
  h.reg(kEbx) = 0x0001FFF0;
  h.reg(kEax) = 0x20;
  h.run({0x67, 0xD7});  // BX + AL = 0x10010, wrapped to 0x0010
  EXPECT_EQ(h.reg(kEax), 0x99u);
}

// ---- BOUND ----

TEST(Ia32Stack, BoundIsSignedAndInclusive) {
  Harness h;
  h.poke<u32>(kData, static_cast<u32>(-5));
  h.poke<u32>(kData + 4, 10);
  h.reg(kEax) = static_cast<u32>(-3);
  h.reg(kEcx) = 10;
  h.reg(kEdx) = static_cast<u32>(-5);
  // bound eax, [kData] ; bound ecx, [kData] ; bound edx, [kData]
  h.run({0x62, 0x05, 0x00, 0x00, 0x02, 0x00, 0x62, 0x0D, 0x00, 0x00, 0x02, 0x00, 0x62, 0x15, 0x00,
         0x00, 0x02, 0x00});
  EXPECT_EQ(h.vector(), -1);
}

TEST(Ia32Stack, BoundAboveUpperIsBr) {
  Harness h;
  h.poke<u32>(kData, static_cast<u32>(-5));
  h.poke<u32>(kData + 4, 10);
  h.reg(kEax) = 11;
  h.run({0x90, 0x62, 0x05, 0x00, 0x00, 0x02, 0x00});  // nop ; bound eax, [kData]
  EXPECT_EQ(h.vector(), kBR);
  EXPECT_EQ(h.stack(0), Harness::kCode + 1);  // a fault: EIP of BOUND, no error code
}

TEST(Ia32Stack, Bound16BelowLowerIsBr) {
  Harness h;
  h.poke<u16>(kData, static_cast<u16>(-5));
  h.poke<u16>(kData + 2, 10);
  h.reg(kEax) = 0x0000FFFA;  // AX = -6
  h.run({0x66, 0x62, 0x05, 0x00, 0x00, 0x02, 0x00});
  EXPECT_EQ(h.vector(), kBR);
}

TEST(Ia32Stack, BoundRegisterFormIsUd) {
  Harness h;
  h.run({0x62, 0xC0});
  EXPECT_EQ(h.vector(), kUD);
}

// ---- LDS LES LFS LGS LSS ----

TEST(Ia32Stack, LfsLoadsOffsetAndSelector) {
  Harness h;
  h.poke<u32>(kData, 0x12345678);
  h.poke<u16>(kData + 4, 0x20);
  h.run({0x0F, 0xB4, 0x05, 0x00, 0x00, 0x02, 0x00});  // lfs eax, [kData]
  EXPECT_EQ(h.reg(kEax), 0x12345678u);
  EXPECT_EQ(h.cpu.st.seg[kFs].selector, 0x20u);
  EXPECT_EQ(h.cpu.st.seg[kFs].limit, 0xFFFFu);
}

TEST(Ia32Stack, Lds16BitOperand) {
  Harness h;
  h.poke<u16>(kData, 0x5678);
  h.poke<u16>(kData + 2, 0x10);
  h.reg(kEbx) = 0xAAAA0000;
  h.run({0x66, 0xC5, 0x1D, 0x00, 0x00, 0x02, 0x00});  // lds bx, [kData]
  EXPECT_EQ(h.reg(kEbx), 0xAAAA5678u);
  EXPECT_EQ(h.cpu.st.seg[kDs].selector, 0x10u);
}

TEST(Ia32Stack, LssAndLgsLoad) {
  Harness h;
  h.poke<u32>(kData, 0x7000);
  h.poke<u16>(kData + 4, 0x10);
  // lss esp, [kData] ; lgs edx, [kData]
  h.run({0x0F, 0xB2, 0x25, 0x00, 0x00, 0x02, 0x00, 0x0F, 0xB5, 0x15, 0x00, 0x00, 0x02, 0x00});
  EXPECT_EQ(h.reg(kEsp), 0x7000u);
  EXPECT_EQ(h.reg(kEdx), 0x7000u);
  EXPECT_EQ(h.cpu.st.seg[kSs].selector, 0x10u);
  EXPECT_EQ(h.cpu.st.seg[kGs].selector, 0x10u);
}

TEST(Ia32Stack, LesBadSelectorFaultsAndKeepsRegister) {
  Harness h;
  h.poke<u32>(kData, 0x1111);
  h.poke<u16>(kData + 4, 0x48);  // beyond the GDT limit
  h.reg(kEcx) = 0xC0C0;
  h.run({0xC4, 0x0D, 0x00, 0x00, 0x02, 0x00});  // les ecx, [kData]
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0x48u);
  EXPECT_EQ(h.reg(kEcx), 0xC0C0u);
  EXPECT_EQ(h.cpu.st.seg[kEs].selector, 0x10u);
}

TEST(Ia32Stack, LssNullSelectorIsGpAndKeepsEsp) {
  Harness h;
  h.poke<u32>(kData, 0x1000);
  h.poke<u16>(kData + 4, 0);
  h.run({0x0F, 0xB2, 0x25, 0x00, 0x00, 0x02, 0x00});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.reg(kEsp), kTop - 16);  // the exception frame on the old stack
}

TEST(Ia32Stack, LesInRealMode) {
  Harness h;
  h.real16();
  h.poke<u16>(0x4000, 0x1234);
  h.poke<u16>(0x4002, 0x2000);
  h.run({0xC4, 0x1E, 0x00, 0x40});  // les bx, [0x4000]
  EXPECT_EQ(h.reg(kEbx) & 0xFFFF, 0x1234u);
  EXPECT_EQ(h.cpu.st.seg[kEs].selector, 0x2000u);
  EXPECT_EQ(h.cpu.st.seg[kEs].base, 0x20000u);
}

TEST(Ia32Stack, LoadFarRegisterFormIsUd) {
  Harness h;
  h.run({0xC5, 0xC0});
  EXPECT_EQ(h.vector(), kUD);
}

TEST(Ia32Stack, SalcIsUndefined) {
  Harness h;
  h.run({0xD6});
  EXPECT_EQ(h.vector(), kUD);
}

}  // namespace
}  // namespace vtsim::ia32::testing
