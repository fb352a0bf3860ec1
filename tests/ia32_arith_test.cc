// Shifts and rotates, multiply and divide, decimal adjust: results and flags from the SDM's
// Operation and Flags Affected sections (Vol. 2). Tests named *Undefined* pin the documented
// choices for flags the SDM leaves undefined (Bochs 2.7's values).
#include <gtest/gtest.h>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;

// Register and status-flag values before the code under test.
struct In {
  u32 eax = 0, ebx = 0, ecx = 0, edx = 0, flags = 0;
};

// Runs code from `in` and returns the six status flags afterwards. The harness may be reused:
// the HLT that ended the last run and any recorded exception are cleared first.
u32 run_with(Harness& h, const In& in, const std::vector<u8>& code) {
  h.cpu.st.halted = false;
  h.poke<u8>(Harness::kVectorCell, 0xFF);
  h.reg(kEsp) = Harness::kStackTop;
  h.reg(kEax) = in.eax;
  h.reg(kEbx) = in.ebx;
  h.reg(kEcx) = in.ecx;
  h.reg(kEdx) = in.edx;
  h.set_flags(in.flags);
  h.run(code);
  return h.flags() & kArith;
}

// What the SAL/SAR/SHL/SHR page defines for a non-zero count: SF ZF PF and CF (AF undefined);
// OF only for a count of 1.
constexpr u32 kShiftDefined = kSf | kZf | kPf | kCf;
constexpr u32 kShift1Defined = kShiftDefined | kOf;
// RCL/RCR/ROL/ROR: CF, and OF for a count of 1; SF ZF AF PF are unaffected.
constexpr u32 kRotDefined = kSf | kZf | kAf | kPf | kCf;
constexpr u32 kRot1Defined = kArith;

// ---- shifts ----

TEST(Ia32Shift, ShlByOneSetsCarryAndOverflow) {
  Harness h;
  // shl al, 1 (D0 /4): 0x81 -> 0x02, CF = old bit 7, OF = MSB(result) XOR CF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x81}, {0xD0, 0xE0}) & kShift1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x02u);
  // 0x40 -> 0x80: CF = 0, OF = 1, SF = 1, PF = 0 (one bit set)
  EXPECT_EQ(run_with(h, {.eax = 0x40}, {0xD0, 0xE0}) & kShift1Defined, kOf | kSf);
  EXPECT_EQ(h.reg(kEax), 0x80u);
  // 0xC0 -> 0x80: CF = 1, OF = 1 XOR 1 = 0
  EXPECT_EQ(run_with(h, {.eax = 0xC0}, {0xD0, 0xE0}) & kShift1Defined, kCf | kSf);
}

TEST(Ia32Shift, Group2Slash6ExecutesAsShl) {
  Harness h;
  // D0 /6 (objdump: shl al, 1): same as SHL
  EXPECT_EQ(run_with(h, {.eax = 0x81}, {0xD0, 0xF0}) & kShift1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x02u);
}

TEST(Ia32Shift, CountZeroChangesNothing) {
  Harness h;
  // shl eax, cl with CL = 0, then with CL = 0x20 (masked to 0): value and all flags kept
  for (u32 cl : {0x00u, 0x20u, 0xE0u}) {
    EXPECT_EQ(run_with(h, {.eax = 0x12345678, .ecx = cl, .flags = kArith}, {0xD3, 0xE0}), kArith);
    EXPECT_EQ(h.reg(kEax), 0x12345678u);
    EXPECT_EQ(run_with(h, {.eax = 0x12345678, .ecx = cl}, {0xD3, 0xE0}), 0u);
  }
  // rcl eax, cl and shld eax, ebx, cl with a zero count: nothing either
  EXPECT_EQ(run_with(h, {.eax = 0x80000000, .ecx = 0, .flags = kCf}, {0xD3, 0xD0}), kCf);
  EXPECT_EQ(h.reg(kEax), 0x80000000u);
  EXPECT_EQ(run_with(h, {.eax = 1, .ebx = ~0u, .ecx = 32, .flags = kZf}, {0x0F, 0xA5, 0xD8}), kZf);
  EXPECT_EQ(h.reg(kEax), 1u);
}

TEST(Ia32Shift, CountIsMaskedToFiveBits) {
  Harness h;
  // shl eax, 0x21 (C1 /4 ib) shifts by 1: 0x80000001 -> 2, CF = 1, OF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x80000001}, {0xC1, 0xE0, 0x21}) & kShift1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x00000002u);
  // shr al, cl with CL = 0x24: by 4, 0xF8 -> 0x0F, CF = bit 3 = 1, PF = 1
  EXPECT_EQ(run_with(h, {.eax = 0xF8, .ecx = 0x24}, {0xD2, 0xE8}) & kShiftDefined, kCf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x0Fu);
}

TEST(Ia32Shift, ShlSizesKeepTheRestOfTheRegister) {
  Harness h;
  // shl ax, cl (66 D3 /4) by 4: 0x8001 -> 0x0010, CF = bit 12 = 0; upper half kept
  EXPECT_EQ(run_with(h, {.eax = 0xABCD8001, .ecx = 4}, {0x66, 0xD3, 0xE0}) & kShiftDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0xABCD0010u);
  // shl al, cl by 7: 0x03 -> 0x80, CF = bit 1 = 1, SF; AH and above kept
  EXPECT_EQ(run_with(h, {.eax = 0x12345603, .ecx = 7}, {0xD2, 0xE0}) & kShiftDefined, kCf | kSf);
  EXPECT_EQ(h.reg(kEax), 0x12345680u);
  // shl eax, cl by 31: 1 -> 0x80000000, CF = bit 1 = 0, PF (low byte 0) = 1
  EXPECT_EQ(run_with(h, {.eax = 1, .ecx = 31}, {0xD3, 0xE0}) & kShiftDefined, kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x80000000u);
  // shl eax, cl by 1 giving zero: ZF, PF, CF
  EXPECT_EQ(run_with(h, {.eax = 0x80000000, .ecx = 1}, {0xD3, 0xE0}) & kShift1Defined,
            kZf | kPf | kCf | kOf);
}

TEST(Ia32Shift, ShrOverflowIsTheOriginalSign) {
  Harness h;
  // shr al, 1: 0x81 -> 0x40, CF = 1, OF = MSB of the original = 1
  EXPECT_EQ(run_with(h, {.eax = 0x81}, {0xD0, 0xE8}) & kShift1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x40u);
  // 0x41 -> 0x20: OF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x41}, {0xD0, 0xE8}) & kShift1Defined, kCf);
  // shr eax, cl by 31: 0x80000000 -> 1, CF = bit 30 = 0, PF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x80000000, .ecx = 31}, {0xD3, 0xE8}) & kShiftDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 1u);
  // shr al, 3 (C0 /5 ib): 0xF4 -> 0x1E, CF = bit 2 = 1, PF (4 bits) = 1
  EXPECT_EQ(run_with(h, {.eax = 0xF4}, {0xC0, 0xE8, 0x03}) & kShiftDefined, kCf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x1Eu);
}

TEST(Ia32Shift, SarFillsWithTheSign) {
  Harness h;
  // sar al, 1: 0x81 -> 0xC0, CF = 1, OF = 0, SF, PF (2 bits)
  EXPECT_EQ(run_with(h, {.eax = 0x81, .flags = kOf}, {0xD0, 0xF8}) & kShift1Defined,
            kCf | kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xC0u);
  // sar al, cl by 9 (beyond the size): 0x80 -> 0xFF and CF = the sign, defined for SAR
  EXPECT_EQ(run_with(h, {.eax = 0x80, .ecx = 9}, {0xD2, 0xF8}) & kShiftDefined, kCf | kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xFFu);
  // 0x7F by 9 -> 0, CF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x7F, .ecx = 9}, {0xD2, 0xF8}) & kShiftDefined, kZf | kPf);
  // sar eax, cl by 31: 0x80000000 -> 0xFFFFFFFF, CF = bit 30 = 0
  EXPECT_EQ(run_with(h, {.eax = 0x80000000, .ecx = 31}, {0xD3, 0xF8}) & kShiftDefined, kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xFFFFFFFFu);
  // sar ax, cl by 15: 0x4000 -> 0, CF = bit 14 = 1
  EXPECT_EQ(run_with(h, {.eax = 0x4000, .ecx = 15}, {0x66, 0xD3, 0xF8}) & kShiftDefined,
            kCf | kZf | kPf);
  EXPECT_EQ(h.reg(kEax), 0u);
}

TEST(Ia32Shift, RolSetsCarryFromLsbAndKeepsOtherFlags) {
  Harness h;
  // rol al, 1: 0x81 -> 0x03, CF = 1, OF = MSB XOR CF = 1; SF ZF AF PF unaffected (all set)
  u32 keep = kSf | kZf | kAf | kPf;
  EXPECT_EQ(run_with(h, {.eax = 0x81, .flags = keep}, {0xD0, 0xC0}), keep | kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x03u);
  // rol al, cl by 8: value unchanged but the count is not zero, so CF := LSB = 1
  EXPECT_EQ(run_with(h, {.eax = 0x81, .ecx = 8}, {0xD2, 0xC0}) & kRotDefined, kCf);
  EXPECT_EQ(h.reg(kEax), 0x81u);
  // rol ax, cl by 17 = by 1: 0x8001 -> 0x0003, CF = 1, OF = 0 XOR 1 = 1
  EXPECT_EQ(run_with(h, {.eax = 0x8001, .ecx = 17}, {0x66, 0xD3, 0xC0}) & kRot1Defined,
            kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x0003u);
  // rol eax, cl by 4: 0x12345678 -> 0x23456781, CF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x12345678, .ecx = 4}, {0xD3, 0xC0}) & kRotDefined, kCf);
  EXPECT_EQ(h.reg(kEax), 0x23456781u);
}

TEST(Ia32Shift, RorSetsCarryFromMsb) {
  Harness h;
  // ror al, 1: 0x01 -> 0x80, CF = 1, OF = MSB XOR MSB-1 = 1
  EXPECT_EQ(run_with(h, {.eax = 0x01}, {0xD0, 0xC8}) & kRot1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x80u);
  // ror eax, 0x24 (C1 /1 ib, count 4): 0x12345678 -> 0x81234567, CF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x12345678}, {0xC1, 0xC8, 0x24}) & kRotDefined, kCf);
  EXPECT_EQ(h.reg(kEax), 0x81234567u);
  // ror ax, cl by 16: unchanged, CF := MSB = 0 (was set)
  EXPECT_EQ(run_with(h, {.eax = 0x4001, .ecx = 16, .flags = kCf}, {0x66, 0xD3, 0xC8}) & kRotDefined,
            0u);
  EXPECT_EQ(h.reg(kEax), 0x4001u);
}

TEST(Ia32Shift, RclRotatesThroughCarry) {
  Harness h;
  // rcl al, 1 with CF = 1: 0x81 -> 0x03, CF = 1, OF = MSB XOR CF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x81, .flags = kCf}, {0xD0, 0xD0}) & kRot1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x03u);
  // rcl al, cl by 10 = by 1 (count MOD 9): 0x41, CF = 1 -> 0x83, CF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x41, .ecx = 10, .flags = kCf}, {0xD2, 0xD0}) & kRotDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x83u);
  // rcl ax, cl by 16 (a right rotate by 1 of CF:AX): 0x8001, CF = 0 -> 0x4000, CF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x8001, .ecx = 16}, {0x66, 0xD3, 0xD0}) & kRotDefined, kCf);
  EXPECT_EQ(h.reg(kEax), 0x4000u);
  // rcl eax, cl by 31 (no modulo for 32 bits): 0x80000001, CF = 1 -> 0xE0000000, CF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x80000001, .ecx = 31, .flags = kCf}, {0xD3, 0xD0}) & kRotDefined,
            0u);
  EXPECT_EQ(h.reg(kEax), 0xE0000000u);
}

TEST(Ia32Shift, RclRcrCountMultipleOfNineOrSeventeenKeepsCarry) {
  Harness h;
  // rcl al, cl by 9: tempCOUNT = 0, AL and CF unchanged
  EXPECT_EQ(run_with(h, {.eax = 0x41, .ecx = 9, .flags = kCf}, {0xD2, 0xD0}) & kRotDefined, kCf);
  EXPECT_EQ(h.reg(kEax), 0x41u);
  // rcr al, cl by 18
  EXPECT_EQ(run_with(h, {.eax = 0x41, .ecx = 18}, {0xD2, 0xD8}) & kRotDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x41u);
  // rcl ax, cl by 17 and rcr ax, cl by 17
  EXPECT_EQ(run_with(h, {.eax = 0x8001, .ecx = 17, .flags = kCf}, {0x66, 0xD3, 0xD0}) & kRotDefined,
            kCf);
  EXPECT_EQ(h.reg(kEax), 0x8001u);
  EXPECT_EQ(run_with(h, {.eax = 0x8001, .ecx = 17}, {0x66, 0xD3, 0xD8}) & kRotDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x8001u);
}

TEST(Ia32Shift, RcrOverflowUsesTheCarryBeforeTheRotate) {
  Harness h;
  // rcr al, 1 with CF = 1: 0x01 -> 0x80, CF = 1, OF = MSB(DEST) XOR CF before = 0 XOR 1 = 1
  EXPECT_EQ(run_with(h, {.eax = 0x01, .flags = kCf}, {0xD0, 0xD8}) & kRot1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x80u);
  // 0x81, CF = 1 -> 0xC0, CF = 1, OF = 1 XOR 1 = 0
  EXPECT_EQ(run_with(h, {.eax = 0x81, .flags = kCf}, {0xD0, 0xD8}) & kRot1Defined, kCf);
  EXPECT_EQ(h.reg(kEax), 0xC0u);
  // rcr eax, cl by 4: 0x80000001, CF = 0 -> 0x28000000, CF = bit 3 = 0
  EXPECT_EQ(run_with(h, {.eax = 0x80000001, .ecx = 4}, {0xD3, 0xD8}) & kRotDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x28000000u);
}

TEST(Ia32Shift, MemoryOperand) {
  Harness h;
  h.poke<u32>(Harness::kData, 0x0000F00F);
  // shl dword [kData], cl by 4
  EXPECT_EQ(run_with(h, {.ecx = 4}, {0xD3, 0x25, 0x00, 0x00, 0x02, 0x00}) & kShiftDefined, kPf);
  EXPECT_EQ(h.peek<u32>(Harness::kData), 0x000F00F0u);
  // rcr word [kData], 1 with CF = 1: 0x00F0 -> 0x8078, CF = 0
  EXPECT_EQ(run_with(h, {.flags = kCf}, {0x66, 0xD1, 0x1D, 0x00, 0x00, 0x02, 0x00}) & kRot1Defined,
            kOf);
  EXPECT_EQ(h.peek<u32>(Harness::kData), 0x000F8078u);
}

TEST(Ia32Shift, ShldShiftsInSourceBits) {
  Harness h;
  // shld ebx, eax, 8 (0F A4 ib): 0x12345678:0xFEDCBA98 -> 0x345678FE, CF = bit 24 = 0, PF = 0
  EXPECT_EQ(run_with(h, {.eax = 0xFEDCBA98, .ebx = 0x12345678, .flags = kArith},
                     {0x0F, 0xA4, 0xC3, 0x08}) & kShiftDefined, 0u);
  EXPECT_EQ(h.reg(kEbx), 0x345678FEu);
  // shld eax, ebx, cl by 1: 0x80000001 -> 0x00000003, CF = 1, OF = sign change = 1, PF
  EXPECT_EQ(run_with(h, {.eax = 0x80000001, .ebx = 0x9ABCDEF0, .ecx = 1}, {0x0F, 0xA5, 0xD8}) &
                kShift1Defined, kCf | kOf | kPf);
  EXPECT_EQ(h.reg(kEax), 3u);
  // shld ax, bx, cl by 16 (= the size, defined): AX := BX, CF = bit 0 of the old AX
  EXPECT_EQ(run_with(h, {.eax = 0x8421, .ebx = 0xF00F, .ecx = 16}, {0x66, 0x0F, 0xA5, 0xD8}) &
                kShiftDefined, kCf | kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xF00Fu);
}

TEST(Ia32Shift, ShrdShiftsInSourceBits) {
  Harness h;
  // shrd ax, bx, cl by 1: 0xABCD, BX = 0x1234 -> 0x55E6, CF = 1, OF = sign change = 1
  EXPECT_EQ(run_with(h, {.eax = 0xABCD, .ebx = 0x1234, .ecx = 1}, {0x66, 0x0F, 0xAD, 0xD8}) &
                kShift1Defined, kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x55E6u);
  // shrd eax, ebx, cl by 16: 0x80000001, EBX = 0x9ABCDEF0 -> 0xDEF08000, CF = bit 15 = 0
  EXPECT_EQ(run_with(h, {.eax = 0x80000001, .ebx = 0x9ABCDEF0, .ecx = 16}, {0x0F, 0xAD, 0xD8}) &
                kShiftDefined, kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xDEF08000u);
  // shrd eax, ebx, 31 (0F AC ib): (EBX << 1) | (EAX >> 31) = 0x3579BDE1, CF = bit 30 = 0, PF
  EXPECT_EQ(run_with(h, {.eax = 0x80000001, .ebx = 0x9ABCDEF0}, {0x0F, 0xAC, 0xD8, 0x1F}) &
                kShiftDefined, kPf);
  EXPECT_EQ(h.reg(kEax), 0x3579BDE1u);
}

TEST(Ia32Shift, Shld16CountAbove16FollowsBochs) {
  Harness h;
  // Undefined by the SDM (count > size). Documented choice: shift DEST:SRC:DEST, as Bochs does.
  // shld ax, bx, cl by 17: (0xF00F << 1) | (0x8421 >> 15) = 0xE01F, CF = bit 15 of BX = 1
  EXPECT_EQ(run_with(h, {.eax = 0x8421, .ebx = 0xF00F, .ecx = 17}, {0x66, 0x0F, 0xA5, 0xD8}),
            kCf | kSf);
  EXPECT_EQ(h.reg(kEax), 0xE01Fu);
  // shrd ax, bx, cl by 17: (0x8421 << 15) | (0xF00F >> 1) = 0xF807, CF = bit 0 of BX = 1
  EXPECT_EQ(run_with(h, {.eax = 0x8421, .ebx = 0xF00F, .ecx = 17}, {0x66, 0x0F, 0xAD, 0xD8}),
            kCf | kSf);
  EXPECT_EQ(h.reg(kEax), 0xF807u);
}

TEST(Ia32Shift, UndefinedFlagsFollowBochs) {
  Harness h;
  // AF is cleared by a shift; OF = CF XOR MSB(result) for SHL by any count: 0x41 << 2 = 0x04,
  // CF = bit 6 = 1, OF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x41, .ecx = 2, .flags = kAf}, {0xD2, 0xE0}), kCf | kOf);
  // SHL by the size: CF = the last bit shifted out (bit 0); beyond it CF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x81, .ecx = 8}, {0xD2, 0xE0}), kCf | kOf | kZf | kPf);
  EXPECT_EQ(run_with(h, {.eax = 0x81, .ecx = 9, .flags = kCf}, {0xD2, 0xE0}), kZf | kPf);
  // SHR by 2: OF = MSB XOR MSB-1 of the result = 0; SAR: OF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x81, .ecx = 2, .flags = kOf}, {0xD2, 0xE8}), 0u);
  EXPECT_EQ(run_with(h, {.eax = 0x81, .ecx = 2, .flags = kOf}, {0xD2, 0xF8}), kSf);
  // ROR by 4: OF = MSB XOR MSB-1 of 0x81234567 = 1; ROL by 4: OF = MSB XOR CF = 0 XOR 1 = 1
  EXPECT_EQ(run_with(h, {.eax = 0x12345678, .ecx = 4}, {0xD3, 0xC8}), kCf | kOf);
  EXPECT_EQ(run_with(h, {.eax = 0x12345678, .ecx = 4}, {0xD3, 0xC0}), kCf | kOf);
}

// ---- multiply ----

TEST(Ia32MulDiv, MulSetsCarryWhenTheUpperHalfIsUsed) {
  Harness h;
  // mul bl: 0xFF * 0xFF = 0xFE01 in AX, CF = OF = 1; EDX untouched
  EXPECT_EQ(run_with(h, {.eax = 0xFF, .ebx = 0xFF, .edx = 0xDDDDDDDD}, {0xF6, 0xE3}) & (kCf | kOf),
            kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0xFE01u);
  EXPECT_EQ(h.reg(kEdx), 0xDDDDDDDDu);
  // 0x10 * 0x0F = 0x00F0: CF = OF = 0 (cleared although set before)
  EXPECT_EQ(run_with(h, {.eax = 0x10, .ebx = 0x0F, .flags = kCf | kOf}, {0xF6, 0xE3}) &
                (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0x00F0u);
}

TEST(Ia32MulDiv, Mul16And32UseDxAndEdx) {
  Harness h;
  // mul bx: 0xFFFF * 0xFFFF = 0xFFFE0001 in DX:AX; upper halves of EAX and EDX kept
  EXPECT_EQ(run_with(h, {.eax = 0x1234FFFF, .ebx = 0xFFFF, .edx = 0x56789999},
                     {0x66, 0xF7, 0xE3}) & (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x12340001u);
  EXPECT_EQ(h.reg(kEdx), 0x5678FFFEu);
  // mul ebx: 0xFFFFFFFF^2 = 0xFFFFFFFE00000001
  EXPECT_EQ(run_with(h, {.eax = 0xFFFFFFFF, .ebx = 0xFFFFFFFF}, {0xF7, 0xE3}) & (kCf | kOf),
            kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 1u);
  EXPECT_EQ(h.reg(kEdx), 0xFFFFFFFEu);
  // 0x10000 * 0xFFFF = 0xFFFF0000 fits: EDX = 0, CF = OF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x10000, .ebx = 0xFFFF, .edx = 7}, {0xF7, 0xE3}) & (kCf | kOf),
            0u);
  EXPECT_EQ(h.reg(kEax), 0xFFFF0000u);
  EXPECT_EQ(h.reg(kEdx), 0u);
}

TEST(Ia32MulDiv, ImulOneOperandSetsCarryWhenNotSignExtension) {
  Harness h;
  // imul bl: -128 * 2 = -256 = 0xFF00: AX is not AL sign-extended -> CF = OF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x80, .ebx = 0x02}, {0xF6, 0xEB}) & (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0xFF00u);
  // -1 * -1 = 1: CF = OF = 0
  EXPECT_EQ(run_with(h, {.eax = 0xFF, .ebx = 0xFF, .flags = kCf | kOf}, {0xF6, 0xEB}) &
                (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0x0001u);
  // 64 * 2 = 128 = 0x0080: does not fit a signed byte -> CF = OF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x40, .ebx = 0x02}, {0xF6, 0xEB}) & (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x0080u);
  // imul bx: 0x7FFF * -1 = 0xFFFF8001 in DX:AX, fits 16 bits signed -> CF = OF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x7FFF, .ebx = 0xFFFF}, {0x66, 0xF7, 0xEB}) & (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0x8001u);
  EXPECT_EQ(h.reg(kEdx), 0xFFFFu);
  // imul ebx: -2^31 * -1 = +2^31: EDX:EAX = 0:0x80000000, CF = OF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x80000000, .ebx = 0xFFFFFFFF}, {0xF7, 0xEB}) & (kCf | kOf),
            kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0x80000000u);
  EXPECT_EQ(h.reg(kEdx), 0u);
}

TEST(Ia32MulDiv, ImulTwoOperandTruncates) {
  Harness h;
  // imul eax, ebx (0F AF): 0x7FFFFFFF * 2 = 0xFFFFFFFE truncated, CF = OF = 1; EDX untouched
  EXPECT_EQ(run_with(h, {.eax = 0x7FFFFFFF, .ebx = 2, .edx = 0x55}, {0x0F, 0xAF, 0xC3}) &
                (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0xFFFFFFFEu);
  EXPECT_EQ(h.reg(kEdx), 0x55u);
  // -3 * 5 = -15 fits
  EXPECT_EQ(run_with(h, {.eax = 0xFFFFFFFD, .ebx = 5, .flags = kCf | kOf}, {0x0F, 0xAF, 0xC3}) &
                (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0xFFFFFFF1u);
  // imul ax, bx: 0x100 * 0x100 = 0x10000 -> AX = 0, CF = OF = 1, upper EAX kept
  EXPECT_EQ(run_with(h, {.eax = 0xAAAA0100, .ebx = 0x0100}, {0x66, 0x0F, 0xAF, 0xC3}) &
                (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax), 0xAAAA0000u);
}

TEST(Ia32MulDiv, ImulThreeOperandImmediates) {
  Harness h;
  // imul eax, ebx, -2 (6B, imm8 sign-extended): 3 * -2 = -6
  EXPECT_EQ(run_with(h, {.ebx = 3, .flags = kCf | kOf}, {0x6B, 0xC3, 0xFE}) & (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0xFFFFFFFAu);
  // imul eax, ebx, 0x12345678 (69, imm32): 7 * 0x12345678 = 0x7F6E5D48 fits
  EXPECT_EQ(run_with(h, {.ebx = 7}, {0x69, 0xC3, 0x78, 0x56, 0x34, 0x12}) & (kCf | kOf), 0u);
  EXPECT_EQ(h.reg(kEax), 0x7F6E5D48u);
  // imul ax, bx, 0x0100 (66 69, imm16): 0x100 * 0x100 overflows -> 0, CF = OF = 1
  EXPECT_EQ(run_with(h, {.ebx = 0x0100}, {0x66, 0x69, 0xC3, 0x00, 0x01}) & (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax) & 0xFFFF, 0u);
  // imul ax, bx, -1 (66 6B): -32768 * -1 = +32768 does not fit -> 0x8000, CF = OF = 1
  EXPECT_EQ(run_with(h, {.ebx = 0x8000}, {0x66, 0x6B, 0xC3, 0xFF}) & (kCf | kOf), kCf | kOf);
  EXPECT_EQ(h.reg(kEax) & 0xFFFF, 0x8000u);
}

TEST(Ia32MulDiv, MulUndefinedFlagsFollowBochs) {
  Harness h;
  // SF ZF PF from the low half, AF cleared: 0x10 * 0x10 = 0x0100 -> AL = 0: ZF PF CF OF
  EXPECT_EQ(run_with(h, {.eax = 0x10, .ebx = 0x10, .flags = kAf | kSf}, {0xF6, 0xE3}),
            kZf | kPf | kCf | kOf);
  // imul eax, ebx: 0xC0000000 * 2 = 0x80000000 (-2^31 fits): SF, PF (low byte 0)
  EXPECT_EQ(run_with(h, {.eax = 0xC0000000, .ebx = 2}, {0x0F, 0xAF, 0xC3}), kSf | kPf);
}

// ---- divide ----

TEST(Ia32MulDiv, DivQuotientAndRemainder) {
  Harness h;
  // div bl: 7 / 2 -> AL = 3, AH = 1; 0x01FE / 2 = 0xFF (largest byte quotient)
  run_with(h, {.eax = 0x0007, .ebx = 2}, {0xF6, 0xF3});
  EXPECT_EQ(h.reg(kEax), 0x0103u);
  run_with(h, {.eax = 0x01FE, .ebx = 2}, {0xF6, 0xF3});
  EXPECT_EQ(h.reg(kEax), 0x00FFu);
  // div bx: 0x12345678 / 0x1235 = 0xFFF6 rem 0x0C8A
  run_with(h, {.eax = 0x5678, .ebx = 0x1235, .edx = 0x1234}, {0x66, 0xF7, 0xF3});
  EXPECT_EQ(h.reg(kEax), 0xFFF6u);
  EXPECT_EQ(h.reg(kEdx), 0x0C8Au);
  // div ebx: 0x0123456789ABCDEF / 0x12345678 = 0x10000000 rem 0x09ABCDEF
  run_with(h, {.eax = 0x89ABCDEF, .ebx = 0x12345678, .edx = 0x01234567}, {0xF7, 0xF3});
  EXPECT_EQ(h.reg(kEax), 0x10000000u);
  EXPECT_EQ(h.reg(kEdx), 0x09ABCDEFu);
  // div ebx: 0xFFFFFFFEFFFFFFFF / 0xFFFFFFFF = 0xFFFFFFFF rem 0xFFFFFFFE (largest quotient)
  run_with(h, {.eax = 0xFFFFFFFF, .ebx = 0xFFFFFFFF, .edx = 0xFFFFFFFE}, {0xF7, 0xF3});
  EXPECT_EQ(h.reg(kEax), 0xFFFFFFFFu);
  EXPECT_EQ(h.reg(kEdx), 0xFFFFFFFEu);
  EXPECT_EQ(h.vector(), -1);
}

TEST(Ia32MulDiv, DivMemoryOperand) {
  Harness h;
  h.poke<u32>(Harness::kData, 7);
  // div dword [kData]: 100 / 7 = 14 rem 2
  run_with(h, {.eax = 100}, {0xF7, 0x35, 0x00, 0x00, 0x02, 0x00});
  EXPECT_EQ(h.reg(kEax), 14u);
  EXPECT_EQ(h.reg(kEdx), 2u);
}

// Runs code expected to raise #DE at its first byte, leaving the registers as they were.
void expect_divide_error(const In& in, const std::vector<u8>& code) {
  Harness h;
  run_with(h, in, code);
  EXPECT_EQ(h.vector(), kDE);
  EXPECT_EQ(h.stack(0), Harness::kCode);  // a fault: the saved EIP is the instruction's
  EXPECT_EQ(h.reg(kEax), in.eax);
  EXPECT_EQ(h.reg(kEdx), in.edx);
}

TEST(Ia32MulDiv, DivideByZeroIsDe) {
  expect_divide_error({.eax = 0x1234, .ebx = 0, .edx = 0xDDDD}, {0xF6, 0xF3});        // div bl
  expect_divide_error({.eax = 0x5678, .ebx = 0, .edx = 0x1234}, {0x66, 0xF7, 0xF3});  // div bx
  expect_divide_error({.eax = 1, .ebx = 0, .edx = 0}, {0xF7, 0xF3});                  // div ebx
  expect_divide_error({.eax = 1, .ebx = 0, .edx = 0}, {0xF7, 0xFB});                  // idiv ebx
  expect_divide_error({.eax = 1, .ebx = 0xFFFFFF00}, {0xF6, 0xFB});                   // idiv bl
}

TEST(Ia32MulDiv, DivQuotientTooLargeIsDe) {
  expect_divide_error({.eax = 0x0100, .ebx = 1}, {0xF6, 0xF3});                     // 0x100
  expect_divide_error({.eax = 0x0000, .ebx = 1, .edx = 1}, {0x66, 0xF7, 0xF3});     // 0x10000
  expect_divide_error({.eax = 0, .ebx = 1, .edx = 1}, {0xF7, 0xF3});                // 2^32
  expect_divide_error({.eax = 0, .ebx = 0xFFFFFFFF, .edx = 0xFFFFFFFF}, {0xF7, 0xF3});
}

TEST(Ia32MulDiv, IdivTruncatesTowardZero) {
  Harness h;
  // idiv bl: -7 / 2 = -3 rem -1 -> AL = 0xFD, AH = 0xFF
  run_with(h, {.eax = 0xFFF9, .ebx = 2}, {0xF6, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0xFFFDu);
  // 7 / -2 = -3 rem 1
  run_with(h, {.eax = 0x0007, .ebx = 0xFE}, {0xF6, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0x01FDu);
  // idiv bx: -7 / -2 = 3 rem -1
  run_with(h, {.eax = 0xFFF9, .ebx = 0xFFFE, .edx = 0xFFFF}, {0x66, 0xF7, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0x0003u);
  EXPECT_EQ(h.reg(kEdx), 0xFFFFu);
  // idiv ebx: 0xFFFFFFFEDCBA9877 / 0x1000 = -0x123456 rem -0x789
  run_with(h, {.eax = 0xDCBA9877, .ebx = 0x1000, .edx = 0xFFFFFFFE}, {0xF7, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0xFFEDCBAAu);
  EXPECT_EQ(h.reg(kEdx), 0xFFFFF877u);
}

TEST(Ia32MulDiv, IdivMostNegativeQuotientFits) {
  Harness h;
  // -128 / 1 and 128 / -1 give -128: fits a signed byte
  run_with(h, {.eax = 0xFF80, .ebx = 1}, {0xF6, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0x0080u);
  run_with(h, {.eax = 0x0080, .ebx = 0xFF}, {0xF6, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0x0080u);
  // idiv ebx: 0x80000000 / -1 = -2^31 fits
  run_with(h, {.eax = 0x80000000, .ebx = 0xFFFFFFFF, .edx = 0}, {0xF7, 0xFB});
  EXPECT_EQ(h.reg(kEax), 0x80000000u);
  EXPECT_EQ(h.reg(kEdx), 0u);
  EXPECT_EQ(h.vector(), -1);
}

TEST(Ia32MulDiv, IdivQuotientOutOfRangeIsDe) {
  // The most negative dividend of each size divided by -1
  expect_divide_error({.eax = 0xFF80, .ebx = 0xFF}, {0xF6, 0xFB});
  expect_divide_error({.eax = 0x8000, .ebx = 0xFFFF, .edx = 0xFFFF}, {0x66, 0xF7, 0xFB});
  expect_divide_error({.eax = 0x80000000, .ebx = 0xFFFFFFFF, .edx = 0xFFFFFFFF}, {0xF7, 0xFB});
  // -2^63 / -1: the quotient does not even fit 64 bits
  expect_divide_error({.eax = 0, .ebx = 0xFFFFFFFF, .edx = 0x80000000}, {0xF7, 0xFB});
  // -258 / 2 = -129 and 256 / 2 = 128 do not fit a signed byte
  expect_divide_error({.eax = 0xFEFE, .ebx = 2}, {0xF6, 0xFB});
  expect_divide_error({.eax = 0x0100, .ebx = 2}, {0xF6, 0xFB});
}

TEST(Ia32MulDiv, DivUndefinedFlagsAreKept) {
  Harness h;
  // Documented choice (Bochs): DIV and IDIV leave all six status flags unchanged
  EXPECT_EQ(run_with(h, {.eax = 7, .ebx = 2, .flags = kArith}, {0xF7, 0xF3}), kArith);
  EXPECT_EQ(run_with(h, {.eax = 7, .ebx = 2}, {0xF7, 0xFB}), 0u);
}

// ---- decimal adjust ----

constexpr u32 kDaaDefined = kCf | kAf | kSf | kZf | kPf;  // OF undefined
constexpr u32 kAaaDefined = kCf | kAf;                    // OF SF ZF PF undefined
constexpr u32 kAamDefined = kSf | kZf | kPf;              // OF AF CF undefined

TEST(Ia32Bcd, DaaAdjustsBothDigits) {
  Harness h;
  // 0x79 + 0x35 = 0xAE: +6 -> 0xB4 (AF), old AL > 0x99: +0x60 -> 0x14, CF; PF (2 bits)
  EXPECT_EQ(run_with(h, {.eax = 0x12AE}, {0x27}) & kDaaDefined, kCf | kAf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x1214u);
  // 0x9A -> 0xA0 -> 0x00: CF AF ZF PF
  EXPECT_EQ(run_with(h, {.eax = 0x9A}, {0x27}) & kDaaDefined, kCf | kAf | kZf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x00u);
  // 0x99 needs nothing: CF = AF = 0 (cleared), SF, PF
  EXPECT_EQ(run_with(h, {.eax = 0x99, .flags = kZf}, {0x27}) & kDaaDefined, kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x99u);
}

TEST(Ia32Bcd, DaaUsesIncomingAuxAndCarry) {
  Harness h;
  // AL = 0x10 with AF = 1 (0x09 + 0x07 = 0x10): +6 -> 0x16, AF = 1, CF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x10, .flags = kAf}, {0x27}) & kDaaDefined, kAf);
  EXPECT_EQ(h.reg(kEax), 0x16u);
  // AL = 0x3C with CF = 1: +6 -> 0x42, +0x60 -> 0xA2, CF = AF = 1, SF
  EXPECT_EQ(run_with(h, {.eax = 0x3C, .flags = kCf}, {0x27}) & kDaaDefined, kCf | kAf | kSf);
  EXPECT_EQ(h.reg(kEax), 0xA2u);
  // AL = 0x00 with AF = CF = 1 -> 0x66
  EXPECT_EQ(run_with(h, {.eax = 0x00, .flags = kAf | kCf}, {0x27}) & kDaaDefined,
            kCf | kAf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x66u);
}

TEST(Ia32Bcd, DasKeepsTheBorrowOfItsFirstStep) {
  Harness h;
  // AL = 0x03, AF = 1: 0x03 - 6 borrows -> 0xFD, CF = 1 although old AL <= 0x99 and CF was 0
  EXPECT_EQ(run_with(h, {.eax = 0x03, .flags = kAf}, {0x2F}) & kDaaDefined, kCf | kAf | kSf);
  EXPECT_EQ(h.reg(kEax), 0xFDu);
  // AL = 0x10, AF = 1: -6 -> 0x0A, no borrow: CF = 0, PF
  EXPECT_EQ(run_with(h, {.eax = 0x10, .flags = kAf}, {0x2F}) & kDaaDefined, kAf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x0Au);
}

TEST(Ia32Bcd, DasAdjustsBothDigits) {
  Harness h;
  // 0x9A: -6 -> 0x94 (AF), old AL > 0x99: -0x60 -> 0x34, CF
  EXPECT_EQ(run_with(h, {.eax = 0x9A}, {0x2F}) & kDaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0x34u);
  // 0x00 with CF = 1: -0x60 -> 0xA0, CF = 1, AF = 0, SF, PF
  EXPECT_EQ(run_with(h, {.eax = 0x00, .flags = kCf}, {0x2F}) & kDaaDefined, kCf | kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0xA0u);
  // 0x66 with AF = CF = 1 (0x00 - 0x66 + ...): -6 -> 0x60, -0x60 -> 0x00
  EXPECT_EQ(run_with(h, {.eax = 0x66, .flags = kAf | kCf}, {0x2F}) & kDaaDefined,
            kCf | kAf | kZf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x00u);
}

TEST(Ia32Bcd, AaaAdds106ToAx) {
  Harness h;
  // AL = 0x0A: AX + 0x106 = 0x0110, AL AND 0FH -> 0x0100, CF = AF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x000A}, {0x37}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0x0100u);
  // AL = 0xFA: the carry out of AL also reaches AH: 0x01FA + 0x106 = 0x0300
  EXPECT_EQ(run_with(h, {.eax = 0x01FA}, {0x37}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0x0300u);
  // AL = 0x39 with AF = 1: 0x013F -> 0x010F
  EXPECT_EQ(run_with(h, {.eax = 0x0039, .flags = kAf}, {0x37}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0x010Fu);
  // AL = 0x35, AF = 0: no adjust, high digit cleared, CF = 0 (was set); upper EAX kept
  EXPECT_EQ(run_with(h, {.eax = 0xABCD0035, .flags = kCf}, {0x37}) & kAaaDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0xABCD0005u);
}

TEST(Ia32Bcd, AasSubtracts6AndBorrowsFromAh) {
  Harness h;
  // AL = 0x0A: AX - 6 = 0x0004, AH - 1 -> 0xFF04, CF = AF = 1
  EXPECT_EQ(run_with(h, {.eax = 0x000A}, {0x3F}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0xFF04u);
  // AX = 0x0203, AF = 1: AX - 6 = 0x01FD (the borrow reaches AH), AH - 1 -> 0x00FD -> 0x000D
  EXPECT_EQ(run_with(h, {.eax = 0x0203, .flags = kAf}, {0x3F}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0x000Du);
  // AX = 0, AF = 1: 0xFFFA, AH - 1 -> 0xFEFA -> 0xFE0A
  EXPECT_EQ(run_with(h, {.eax = 0x0000, .flags = kAf}, {0x3F}) & kAaaDefined, kCf | kAf);
  EXPECT_EQ(h.reg(kEax), 0xFE0Au);
  // AX = 0x0235: no adjust -> 0x0205, CF = AF = 0
  EXPECT_EQ(run_with(h, {.eax = 0x0235, .flags = kCf}, {0x3F}) & kAaaDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x0205u);
}

TEST(Ia32Bcd, AamSplitsAlByTheBase) {
  Harness h;
  // aam (base 10): 99 -> AH = 9, AL = 9; PF from AL (2 bits)
  EXPECT_EQ(run_with(h, {.eax = 0x0063}, {0xD4, 0x0A}) & kAamDefined, kPf);
  EXPECT_EQ(h.reg(kEax), 0x0909u);
  // AH is replaced: AX = 0x1234 (AL = 52) -> 0x0502
  EXPECT_EQ(run_with(h, {.eax = 0x1234, .flags = kArith}, {0xD4, 0x0A}) & kAamDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x0502u);
  // base 16: 0xFF -> 0x0F0F; base 7: 128 -> 18 rem 2
  run_with(h, {.eax = 0x00FF}, {0xD4, 0x10});
  EXPECT_EQ(h.reg(kEax), 0x0F0Fu);
  EXPECT_EQ(run_with(h, {.eax = 0x0080}, {0xD4, 0x07}) & kAamDefined, 0u);
  EXPECT_EQ(h.reg(kEax), 0x1202u);
  // AL = 0 -> ZF PF
  EXPECT_EQ(run_with(h, {.eax = 0x0A00}, {0xD4, 0x0A}) & kAamDefined, kZf | kPf);
}

TEST(Ia32Bcd, AamZeroIsDe) {
  Harness h;
  run_with(h, {.eax = 0x1234}, {0xD4, 0x00});
  EXPECT_EQ(h.vector(), kDE);
  EXPECT_EQ(h.stack(0), Harness::kCode);
  EXPECT_EQ(h.reg(kEax), 0x1234u);
}

TEST(Ia32Bcd, AadCombinesDigits) {
  Harness h;
  // aad (base 10): 0x0909 -> 99 = 0x63, AH = 0; PF (4 bits)
  EXPECT_EQ(run_with(h, {.eax = 0xFFFF0909}, {0xD5, 0x0A}) & kAamDefined, kPf);
  EXPECT_EQ(h.reg(kEax), 0xFFFF0063u);
  // 0xFFFF: 255 * 10 + 255 = 0xAF5 -> AL = 0xF5: SF, PF (6 bits)
  EXPECT_EQ(run_with(h, {.eax = 0xFFFF}, {0xD5, 0x0A}) & kAamDefined, kSf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x00F5u);
  // base 0xFF: 1 * 255 + 1 = 0x100 -> AL = 0: ZF PF
  EXPECT_EQ(run_with(h, {.eax = 0x0101}, {0xD5, 0xFF}) & kAamDefined, kZf | kPf);
  EXPECT_EQ(h.reg(kEax), 0x0000u);
  // base 0 is allowed for AAD: AL kept, AH cleared
  run_with(h, {.eax = 0x1234}, {0xD5, 0x00});
  EXPECT_EQ(h.reg(kEax), 0x0034u);
  EXPECT_EQ(h.vector(), -1);
}

TEST(Ia32Bcd, UndefinedFlagsFollowBochs) {
  Harness h;
  // DAA and DAS clear OF
  EXPECT_EQ(run_with(h, {.eax = 0x45, .flags = kOf}, {0x27}), 0u);
  EXPECT_EQ(run_with(h, {.eax = 0xEE, .flags = kArith}, {0x2F}), kCf | kAf | kSf | kPf);
  // AAA and AAS: SF ZF PF from the final AL, OF cleared
  EXPECT_EQ(run_with(h, {.eax = 0x000A, .flags = kOf | kSf}, {0x37}), kCf | kAf | kZf | kPf);
  EXPECT_EQ(run_with(h, {.eax = 0x0009, .flags = kOf}, {0x3F}), kPf);
  // AAM and AAD clear OF AF CF
  EXPECT_EQ(run_with(h, {.eax = 0x00FF, .flags = kArith}, {0xD4, 0x0A}), kPf);
  EXPECT_EQ(run_with(h, {.eax = 0xFFFF, .flags = kArith}, {0xD5, 0x0A}), kSf | kPf);
}

}  // namespace
}  // namespace vtsim::ia32::testing
