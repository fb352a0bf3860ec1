// Bit instructions (BT BTS BTR BTC BSF BSR BSWAP), SETcc, CMOVcc, CMPXCHG, CMPXCHG8B, XADD.
// Expected values follow the SDM Vol. 2 instruction pages and Vol. 1 Appendix B.
#include <string>

#include <gtest/gtest.h>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;

constexpr u32 kBase = Harness::kData + 0x2000;  // a bit string with room on both sides

// Selector 0x28: a read-only data segment, flat 4 GiB; loaded into ES.
void load_read_only_es(Harness& h) {
  h.poke<u64>(Harness::kGdt + 0x28, 0x00CF91000000FFFFull);
  h.cpu.st.gdtr.limit = 0x2F;
  h.cpu.load_segment(kEs, 0x28);
}

u32 arith(Harness& h) { return h.flags() & kArith; }

// Runs code on h; clears the halt left by a previous run so one harness can run several snippets.
void run(Harness& h, const std::vector<u8>& code) {
  h.cpu.st.halted = false;
  h.run(code);
}

// ---- BT, BTS, BTR, BTC with a register bit base ----

TEST(Ia32Bits, RegisterOffsetIsTakenModuloOperandSize) {
  Harness h;
  h.reg(kEax) = 0x10;
  h.reg(kEcx) = 36;  // 36 mod 32 = bit 4
  h.set_flags(kZf);
  run(h, {0x0F, 0xA3, 0xC8});  // bt eax, ecx
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEax), 0x10u);
  EXPECT_EQ(h.flags() & (kCf | kZf), kCf | kZf);
  h.reg(kEcx) = 35;  // bit 3 is clear; ZF stays clear
  h.set_flags(0);
  run(h, {0x0F, 0xA3, 0xC8});
  EXPECT_EQ(h.flags() & (kCf | kZf), 0u);
}

TEST(Ia32Bits, SetResetComplementRegister) {
  Harness h;
  h.reg(kEax) = 0x0F;
  h.set_flags(kZf | kCf);
  h.reg(kEcx) = 4;
  run(h, {0x0F, 0xAB, 0xC8});  // bts eax, ecx
  EXPECT_EQ(h.reg(kEax), 0x1Fu);
  EXPECT_EQ(h.flags() & (kCf | kZf), kZf);
  h.reg(kEcx) = 32;  // bit 0
  run(h, {0x0F, 0xB3, 0xC8});  // btr eax, ecx
  EXPECT_EQ(h.reg(kEax), 0x1Eu);
  EXPECT_EQ(h.flags() & (kCf | kZf), kCf | kZf);
  h.reg(kEcx) = 31;
  run(h, {0x0F, 0xBB, 0xC8});  // btc eax, ecx
  EXPECT_EQ(h.reg(kEax), 0x8000001Eu);
  EXPECT_EQ(h.flags() & (kCf | kZf), kZf);
  run(h, {0x0F, 0xBB, 0xC8});  // btc eax, ecx again
  EXPECT_EQ(h.reg(kEax), 0x1Eu);
  EXPECT_EQ(h.flags() & (kCf | kZf), kCf | kZf);
}

TEST(Ia32Bits, SixteenBitRegisterFormsKeepUpperHalf) {
  Harness h;
  h.reg(kEax) = 0xABCD0000;
  h.reg(kEcx) = 0xFFFF0011;  // CX = 17: bit 1
  run(h, {0x66, 0x0F, 0xAB, 0xC8});  // bts ax, cx
  EXPECT_EQ(h.reg(kEax), 0xABCD0002u);
  EXPECT_FALSE(h.flags() & kCf);
  run(h, {0x66, 0x0F, 0xA3, 0xC8});  // bt ax, cx
  EXPECT_TRUE(h.flags() & kCf);
}

TEST(Ia32Bits, ImmediateOffsetIsTakenModuloOperandSize) {
  Harness h;
  h.reg(kEax) = 0;
  run(h, {0x0F, 0xBA, 0xE8, 0x21});  // bts eax, 33 -> bit 1
  EXPECT_EQ(h.reg(kEax), 2u);
  EXPECT_FALSE(h.flags() & kCf);
  run(h, {0x66, 0x0F, 0xBA, 0xE8, 0x11});  // bts ax, 17 -> bit 1
  EXPECT_EQ(h.reg(kEax), 2u);
  EXPECT_TRUE(h.flags() & kCf);
  run(h, {0x0F, 0xBA, 0xF0, 0x41});  // btr eax, 0x41 -> bit 1
  EXPECT_EQ(h.reg(kEax), 0u);
  EXPECT_TRUE(h.flags() & kCf);
  h.reg(kEbx) = 0x80000000;
  run(h, {0x0F, 0xBA, 0xFB, 0xFF});  // btc ebx, 0xFF -> bit 31
  EXPECT_EQ(h.reg(kEbx), 0u);
  EXPECT_TRUE(h.flags() & kCf);
}

TEST(Ia32Bits, GroupEightSlotsZeroToThreeAreUndefined) {
  for (u8 modrm : {0xC0, 0xD8}) {  // 0F BA /0 and /3
    Harness h;
    run(h, {0x0F, 0xBA, modrm, 0x01});
    EXPECT_EQ(h.vector(), kUD);
  }
}

// ---- BT, BTS, BTR, BTC with a memory bit base ----

TEST(Ia32BitsMemory, PositiveRegisterOffsetAddressesBeyondOperand) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0);
  h.poke<u32>(kBase + 124, 0x100);
  h.reg(kEcx) = 1000;  // dword 1000 SAR 5 = 31 (offset 124), bit 8
  h.set_flags(kZf);
  run(h, {0x0F, 0xA3, 0x0B});  // bt [ebx], ecx
  EXPECT_EQ(h.flags() & (kCf | kZf), kCf | kZf);
  h.reg(kEcx) = 1001;
  run(h, {0x0F, 0xAB, 0x0B});  // bts [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase + 124), 0x300u);
  EXPECT_FALSE(h.flags() & kCf);
  h.reg(kEcx) = 1000;
  run(h, {0x0F, 0xB3, 0x0B});  // btr [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase + 124), 0x200u);
  EXPECT_TRUE(h.flags() & kCf);
  EXPECT_EQ(h.peek<u32>(kBase), 0u);
  h.reg(kEcx) = 0x00100000;  // 2^20 bits = 128 KiB further, bit 0
  h.poke<u32>(kBase + 0x20000, 0);
  run(h, {0x0F, 0xBB, 0x0B});  // btc [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase + 0x20000), 1u);
  EXPECT_FALSE(h.flags() & kCf);
  EXPECT_TRUE(h.flags() & kZf);
}

TEST(Ia32BitsMemory, NegativeRegisterOffsetAddressesBelowBase) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0);
  h.poke<u32>(kBase - 4, 0);
  h.reg(kEcx) = 0xFFFFFFFF;  // -1: dword at -4, bit 31
  run(h, {0x0F, 0xBB, 0x0B});  // btc [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase - 4), 0x80000000u);
  EXPECT_EQ(h.peek<u32>(kBase), 0u);
  EXPECT_FALSE(h.flags() & kCf);
  h.poke<u32>(kBase - 8, 0xFFFFFFFF);
  h.reg(kEcx) = static_cast<u32>(-40);  // -40 SAR 5 = -2 (offset -8), bit -40 & 31 = 24
  run(h, {0x0F, 0xB3, 0x0B});  // btr [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase - 8), 0xFEFFFFFFu);
  EXPECT_TRUE(h.flags() & kCf);
  h.poke<u32>(kBase - 0x8000, 1);
  h.reg(kEcx) = 0xFFFC0000;  // -2^18 bits = -32 KiB, bit 0
  run(h, {0x0F, 0xA3, 0x0B});  // bt [ebx], ecx
  EXPECT_TRUE(h.flags() & kCf);
}

TEST(Ia32BitsMemory, SixteenBitOffsetIsSignedWordOfCx) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase - 0x1000, 0xFFFF0000);
  h.reg(kEcx) = 0x12348000;  // CX = -32768: word at -2 * 2048, bit 0; ECX's upper half ignored
  run(h, {0x66, 0x0F, 0xAB, 0x0B});  // bts [ebx], cx
  EXPECT_EQ(h.peek<u32>(kBase - 0x1000), 0xFFFF0001u);
  EXPECT_FALSE(h.flags() & kCf);
  h.poke<u16>(kBase + 4094, 0x8000);
  h.poke<u16>(kBase + 4096, 0xFFFF);
  h.reg(kEcx) = 0x7FFF;  // word 2047 (offset 4094), bit 15
  run(h, {0x66, 0x0F, 0xB3, 0x0B});  // btr [ebx], cx
  EXPECT_EQ(h.peek<u16>(kBase + 4094), 0u);
  EXPECT_EQ(h.peek<u16>(kBase + 4096), 0xFFFFu);
  EXPECT_TRUE(h.flags() & kCf);
  h.poke<u16>(kBase - 2, 0x8000);
  h.reg(kEcx) = 0xFFFF;  // CX = -1: word at -2, bit 15
  run(h, {0x66, 0x0F, 0xA3, 0x0B});  // bt [ebx], cx
  EXPECT_TRUE(h.flags() & kCf);
}

TEST(Ia32BitsMemory, ImmediateOffsetStaysInsideOperand) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0x100);
  h.poke<u32>(kBase + 4, 0);
  run(h, {0x0F, 0xBA, 0x23, 0x28});  // bt dword [ebx], 40 -> bit 8 of [ebx]
  EXPECT_TRUE(h.flags() & kCf);
  run(h, {0x66, 0x0F, 0xBA, 0x2B, 0x14});  // bts word [ebx], 20 -> bit 4 of the word
  EXPECT_EQ(h.peek<u32>(kBase), 0x110u);
  EXPECT_EQ(h.peek<u32>(kBase + 4), 0u);
  EXPECT_FALSE(h.flags() & kCf);
  run(h, {0x0F, 0xBA, 0x3B, 0x63});  // btc dword [ebx], 99 -> bit 3
  EXPECT_EQ(h.peek<u32>(kBase), 0x118u);
  EXPECT_FALSE(h.flags() & kCf);
}

TEST(Ia32BitsMemory, BitAddressWrapsAtSixteenBitAddressSize) {
  Harness h;
  h.poke<u32>(0xFFFC, 0x80000000);
  h.reg(kEbx) = 4;
  h.reg(kEcx) = static_cast<u32>(-33);  // -33 SAR 5 = -2: 4 - 8 wraps to 0xFFFC; bit 31
  run(h, {0x67, 0x0F, 0xB3, 0x0F});  // btr [bx], ecx
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u32>(0xFFFC), 0u);
  EXPECT_TRUE(h.flags() & kCf);
}

TEST(Ia32BitsMemory, LockOnlyOnModifyingMemoryForms) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEcx) = 5;
  h.poke<u32>(kBase, 0);
  run(h, {0xF0, 0x0F, 0xAB, 0x0B});  // lock bts [ebx], ecx
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u32>(kBase), 0x20u);
  run(h, {0xF0, 0x0F, 0xBA, 0x33, 0x05});  // lock btr dword [ebx], 5
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u32>(kBase), 0u);
  run(h, {0xF0, 0x0F, 0xA3, 0x0B});  // lock bt [ebx], ecx
  EXPECT_EQ(h.vector(), kUD);
  Harness r;
  run(r, {0xF0, 0x0F, 0xAB, 0xC8});  // lock bts eax, ecx
  EXPECT_EQ(r.vector(), kUD);
}

TEST(Ia32BitsMemory, FaultingWriteLeavesCarry) {
  Harness h;
  load_read_only_es(h);
  h.reg(kEbx) = kBase;
  h.reg(kEcx) = 0;
  h.poke<u32>(kBase, 0);
  h.set_flags(kCf);
  run(h, {0x26, 0x0F, 0xA3, 0x0B});  // bt es:[ebx], ecx: reading is allowed
  EXPECT_EQ(h.vector(), -1);
  EXPECT_FALSE(h.flags() & kCf);
  h.set_flags(kCf);
  run(h, {0x26, 0x0F, 0xAB, 0x0B});  // bts es:[ebx], ecx: #GP(0) on the write
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.peek<u32>(kBase), 0u);
  EXPECT_TRUE(h.flags() & kCf);
}

// ---- BSF, BSR, BSWAP ----

TEST(Ia32BitsScan, ForwardAndReverseIndex) {
  Harness h;
  h.reg(kEbx) = 0x00012000;
  h.set_flags(kZf);
  run(h, {0x0F, 0xBC, 0xC3});  // bsf eax, ebx
  EXPECT_EQ(h.reg(kEax), 13u);
  EXPECT_FALSE(h.flags() & kZf);
  h.set_flags(kZf);
  run(h, {0x0F, 0xBD, 0xC3});  // bsr eax, ebx
  EXPECT_EQ(h.reg(kEax), 16u);
  EXPECT_FALSE(h.flags() & kZf);
}

TEST(Ia32BitsScan, ZeroSourceSetsZfAndKeepsDestination) {
  Harness h;
  h.reg(kEax) = 0xDEADBEEF;
  h.reg(kEbx) = 0;
  run(h, {0x0F, 0xBC, 0xC3});  // bsf eax, ebx
  EXPECT_EQ(h.reg(kEax), 0xDEADBEEFu);
  EXPECT_TRUE(h.flags() & kZf);
  h.set_flags(0);
  run(h, {0x0F, 0xBD, 0xC3});  // bsr eax, ebx
  EXPECT_EQ(h.reg(kEax), 0xDEADBEEFu);
  EXPECT_TRUE(h.flags() & kZf);
  h.set_flags(0);
  h.reg(kEbx) = 0xFFFF0000;  // BX = 0
  run(h, {0x66, 0x0F, 0xBC, 0xC3});  // bsf ax, bx
  EXPECT_EQ(h.reg(kEax), 0xDEADBEEFu);
  EXPECT_TRUE(h.flags() & kZf);
}

TEST(Ia32BitsScan, SixteenBitIndexZeroClearsZf) {
  Harness h;
  h.reg(kEax) = 0x12345678;
  h.reg(kEbx) = 0xFFFF0001;  // BX = 1: index 0
  h.set_flags(kZf);
  run(h, {0x66, 0x0F, 0xBD, 0xC3});  // bsr ax, bx
  EXPECT_EQ(h.reg(kEax), 0x12340000u);
  EXPECT_FALSE(h.flags() & kZf);
}

TEST(Ia32BitsScan, MemorySourceReadsOperandSize) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0x80000000);
  run(h, {0x0F, 0xBC, 0x0B});  // bsf ecx, [ebx]
  EXPECT_EQ(h.reg(kEcx), 31u);
  EXPECT_FALSE(h.flags() & kZf);
  run(h, {0x66, 0x0F, 0xBD, 0x0B});  // bsr cx, [ebx]: the word is 0
  EXPECT_EQ(h.reg(kEcx), 31u);
  EXPECT_TRUE(h.flags() & kZf);
}

TEST(Ia32BitsBswap, ReversesBytes) {
  Harness h;
  h.reg(kEax) = 0x12345678;
  h.reg(kEdi) = 0x000000FF;
  run(h, {0x0F, 0xC8, 0x0F, 0xCF});  // bswap eax ; bswap edi
  EXPECT_EQ(h.reg(kEax), 0x78563412u);
  EXPECT_EQ(h.reg(kEdi), 0xFF000000u);
}

TEST(Ia32BitsBswap, SixteenBitOperandClearsRegister) {
  // Undefined by the SDM; vtsim clears the 16-bit register as Bochs 2.7 does.
  Harness h;
  h.reg(kEax) = 0x12345678;
  run(h, {0x66, 0x0F, 0xC8});  // bswap ax
  EXPECT_EQ(h.reg(kEax), 0x12340000u);
}

// ---- SETcc, CMOVcc ----

// One digit per condition in encoding order: o no b ae e ne be a s ns p np l ge le g
// (SDM Vol. 1 Appendix B, Table B-1).
struct CcCase {
  u32 flags;
  const char* expect;
};
constexpr CcCase kCcCases[] = {
    {0, "0101010101010101"},
    {kCf, "0110011001010101"},
    {kZf, "0101101001010110"},
    {kSf, "0101010110011010"},
    {kOf, "1001010101011010"},
    {kPf, "0101010101100101"},
    {kSf | kOf, "1001010110010101"},
    {kZf | kSf, "0101101010011010"},
    {kCf | kZf | kSf | kOf | kPf, "1010101010100110"},
};

std::vector<u8> disp32(u32 a) {
  return {static_cast<u8>(a), static_cast<u8>(a >> 8), static_cast<u8>(a >> 16),
          static_cast<u8>(a >> 24)};
}

std::string result_digits(Harness& h) {
  std::string s;
  for (u32 cc = 0; cc < 16; ++cc) {
    u8 b = h.peek<u8>(Harness::kData + cc);
    s += b == 0 ? '0' : b == 1 ? '1' : '?';
  }
  return s;
}

TEST(Ia32Setcc, AllSixteenConditions) {
  std::vector<u8> code;
  for (u8 cc = 0; cc < 16; ++cc) {  // set{cc} byte [kData + cc]
    code.insert(code.end(), {0x0F, static_cast<u8>(0x90 + cc), 0x05});
    auto a = disp32(Harness::kData + cc);
    code.insert(code.end(), a.begin(), a.end());
  }
  for (const CcCase& k : kCcCases) {
    Harness h;
    for (u32 cc = 0; cc < 16; ++cc) h.poke<u8>(Harness::kData + cc, 0xAA);
    h.set_flags(k.flags);
    run(h, code);
    EXPECT_EQ(result_digits(h), k.expect) << "flags " << k.flags;
    EXPECT_EQ(arith(h), k.flags);  // SETcc changes no flag
  }
}

TEST(Ia32Setcc, RegisterDestinationIsOneByte) {
  Harness h;
  h.reg(kEax) = 0x12345678;
  h.set_flags(kZf);
  run(h, {0x0F, 0x94, 0xC4});  // sete ah
  EXPECT_EQ(h.reg(kEax), 0x12340178u);
  run(h, {0x0F, 0x95, 0xC0});  // setne al
  EXPECT_EQ(h.reg(kEax), 0x12340100u);
}

TEST(Ia32Setcc, ReadsFlagsOfPrecedingCompare) {
  Harness h;
  h.reg(kEax) = 1;
  h.reg(kEbx) = 2;
  // cmp eax, ebx ; setb cl ; setl ch ; setg dl  (1 - 2: CF = 1, SF = 1, OF = 0, ZF = 0)
  run(h, {0x39, 0xD8, 0x0F, 0x92, 0xC1, 0x0F, 0x9C, 0xC5, 0x0F, 0x9F, 0xC2});
  EXPECT_EQ(h.reg(kEcx) & 0xFFFF, 0x0101u);
  EXPECT_EQ(h.reg(kEdx) & 0xFF, 0u);
}

TEST(Ia32SetccCmov, AllSixteenConditions) {
  std::vector<u8> code;
  for (u8 cc = 0; cc < 16; ++cc) {
    // mov ecx, 0 ; cmov{cc} ecx, ebx ; mov [kData + cc], cl
    code.insert(code.end(), {0xB9, 0, 0, 0, 0, 0x0F, static_cast<u8>(0x40 + cc), 0xCB, 0x88, 0x0D});
    auto a = disp32(Harness::kData + cc);
    code.insert(code.end(), a.begin(), a.end());
  }
  for (const CcCase& k : kCcCases) {
    Harness h;
    h.reg(kEbx) = 1;
    h.set_flags(k.flags);
    run(h, code);
    EXPECT_EQ(result_digits(h), k.expect) << "flags " << k.flags;
    EXPECT_EQ(arith(h), k.flags);  // CMOVcc changes no flag
  }
}

TEST(Ia32SetccCmov, SixteenBitMoveKeepsUpperHalf) {
  Harness h;
  h.reg(kEax) = 0xAAAA5555;
  h.reg(kEbx) = 0x11112222;
  h.set_flags(0);
  run(h, {0x66, 0x0F, 0x44, 0xC3});  // cmove ax, bx: not taken
  EXPECT_EQ(h.reg(kEax), 0xAAAA5555u);
  h.set_flags(kZf);
  run(h, {0x66, 0x0F, 0x44, 0xC3});  // taken
  EXPECT_EQ(h.reg(kEax), 0xAAAA2222u);
}

TEST(Ia32SetccCmov, MemorySource) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0xCAFEF00D);
  h.reg(kEdx) = 7;
  h.set_flags(kSf);  // SF != OF: L holds
  run(h, {0x0F, 0x4C, 0x13});  // cmovl edx, [ebx]
  EXPECT_EQ(h.reg(kEdx), 0xCAFEF00Du);
}

TEST(Ia32SetccCmov, SourceIsReadWhenConditionIsFalse) {
  Harness h;
  h.set_flags(0);  // OF = 0: cmovo does not move
  // mov ax, 0x20 ; mov ds, ax (64 KiB limit) ; cmovo eax, [0x10000]
  run(h, {0x66, 0xB8, 0x20, 0x00, 0x8E, 0xD8, 0x0F, 0x40, 0x05, 0x00, 0x00, 0x01, 0x00});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);
}

// ---- CMPXCHG, CMPXCHG8B, XADD ----

TEST(Ia32Cmpxchg, EqualStoresSource) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEax) = 5;
  h.reg(kEcx) = 9;
  h.poke<u32>(kBase, 5);
  run(h, {0x0F, 0xB1, 0x0B});  // cmpxchg [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase), 9u);
  EXPECT_EQ(h.reg(kEax), 5u);
  EXPECT_EQ(arith(h), kZf | kPf);  // CMP 5, 5
}

TEST(Ia32Cmpxchg, UnequalLoadsAccumulator) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEax) = 5;
  h.reg(kEcx) = 9;
  h.poke<u32>(kBase, 7);
  run(h, {0x0F, 0xB1, 0x0B});  // cmpxchg [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase), 7u);
  EXPECT_EQ(h.reg(kEax), 7u);
  EXPECT_EQ(arith(h), kCf | kSf | kAf);  // CMP 5, 7 = 0xFFFFFFFE
}

TEST(Ia32Cmpxchg, ByteForms) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0xFFFFFF80);
  h.reg(kEax) = 0xFFFFFF80;
  h.reg(kEcx) = 0x11;
  run(h, {0x0F, 0xB0, 0x0B});  // cmpxchg [ebx], cl
  EXPECT_EQ(h.peek<u32>(kBase), 0xFFFFFF11u);
  EXPECT_EQ(arith(h), kZf | kPf);
  h.reg(kEax) = 0xFFFFFF01;
  h.poke<u8>(kBase, 0x80);
  run(h, {0x0F, 0xB0, 0x0B});  // unequal: AL = 0x80
  EXPECT_EQ(h.reg(kEax), 0xFFFFFF80u);
  EXPECT_EQ(h.peek<u8>(kBase), 0x80u);
  EXPECT_EQ(arith(h), kCf | kSf | kOf | kPf);  // CMP 0x01, 0x80 = 0x81, signed overflow
  h.reg(kEax) = 0x33;
  h.reg(kEdx) = 0x33;
  h.reg(kEcx) = 0x44;
  run(h, {0x0F, 0xB0, 0xCA});  // cmpxchg dl, cl: equal
  EXPECT_EQ(h.reg(kEdx), 0x44u);
  EXPECT_TRUE(h.flags() & kZf);
  run(h, {0x0F, 0xB0, 0xCA});  // now unequal: AL = DL
  EXPECT_EQ(h.reg(kEax), 0x44u);
  EXPECT_EQ(h.reg(kEdx), 0x44u);
  EXPECT_EQ(arith(h), kCf | kSf | kAf);  // CMP 0x33, 0x44 = 0xEF (odd parity)
}

TEST(Ia32Cmpxchg, WordForm) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.poke<u32>(kBase, 0xFFFF1234);
  h.reg(kEax) = 0xAAAA1234;
  h.reg(kEcx) = 0x5555BEEF;
  run(h, {0x66, 0x0F, 0xB1, 0x0B});  // cmpxchg [ebx], cx
  EXPECT_EQ(h.peek<u32>(kBase), 0xFFFFBEEFu);
  EXPECT_EQ(h.reg(kEax), 0xAAAA1234u);
  EXPECT_TRUE(h.flags() & kZf);
  h.reg(kEax) = 0xAAAA0001;
  h.poke<u16>(kBase, 2);
  run(h, {0x66, 0x0F, 0xB1, 0x0B});
  EXPECT_EQ(h.reg(kEax), 0xAAAA0002u);
  EXPECT_EQ(h.peek<u32>(kBase), 0xFFFF0002u);
  EXPECT_EQ(arith(h), kCf | kSf | kAf | kPf);  // CMP 1, 2 = 0xFFFF
}

TEST(Ia32Cmpxchg, AccumulatorAsDestinationAlwaysMatches) {
  Harness h;
  h.reg(kEax) = 7;
  h.reg(kEcx) = 9;
  run(h, {0x0F, 0xB1, 0xC8});  // cmpxchg eax, ecx
  EXPECT_EQ(h.reg(kEax), 9u);
  EXPECT_EQ(arith(h), kZf | kPf);
}

TEST(Ia32Cmpxchg, DestinationIsWrittenEvenWhenUnequal) {
  Harness h;
  load_read_only_es(h);
  h.reg(kEbx) = kBase;
  h.reg(kEax) = 5;
  h.reg(kEcx) = 9;
  h.poke<u32>(kBase, 7);
  run(h, {0x26, 0x0F, 0xB1, 0x0B});  // cmpxchg es:[ebx], ecx: unequal, still a write cycle
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.reg(kEax), 5u);  // the accumulator is not loaded by a faulting instruction
  EXPECT_EQ(h.peek<u32>(kBase), 7u);
}

TEST(Ia32Cmpxchg, LockOnlyWithMemoryDestination) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEax) = 1;
  h.reg(kEcx) = 2;
  h.poke<u32>(kBase, 1);
  run(h, {0xF0, 0x0F, 0xB1, 0x0B});  // lock cmpxchg [ebx], ecx
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u32>(kBase), 2u);
  run(h, {0xF0, 0x0F, 0xC1, 0x0B});  // lock xadd [ebx], ecx
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u32>(kBase), 4u);
  run(h, {0xF0, 0x0F, 0xB1, 0xCA});  // lock cmpxchg edx, ecx
  EXPECT_EQ(h.vector(), kUD);
  Harness r;
  run(r, {0xF0, 0x0F, 0xC1, 0xC8});  // lock xadd eax, ecx
  EXPECT_EQ(r.vector(), kUD);
}

TEST(Ia32Cmpxchg, EightByteEqualStoresEcxEbx) {
  Harness h;
  h.reg(kEsi) = kBase;
  h.poke<u64>(kBase, 0x1122334455667788ull);
  h.reg(kEdx) = 0x11223344;
  h.reg(kEax) = 0x55667788;
  h.reg(kEcx) = 0xAABBCCDD;
  h.reg(kEbx) = 0xEEFF0011;
  h.set_flags(kCf | kSf | kOf | kAf | kPf);
  run(h, {0x0F, 0xC7, 0x0E});  // cmpxchg8b [esi]
  EXPECT_EQ(h.peek<u64>(kBase), 0xAABBCCDDEEFF0011ull);
  EXPECT_EQ(h.reg(kEdx), 0x11223344u);
  EXPECT_EQ(h.reg(kEax), 0x55667788u);
  EXPECT_EQ(arith(h), kCf | kSf | kOf | kAf | kPf | kZf);  // only ZF changes
}

TEST(Ia32Cmpxchg, EightByteUnequalLoadsEdxEax) {
  Harness h;
  h.reg(kEsi) = kBase;
  h.poke<u64>(kBase, 0x1122334455667789ull);
  h.reg(kEdx) = 0x11223344;
  h.reg(kEax) = 0x55667788;
  h.reg(kEcx) = 0xAABBCCDD;
  h.reg(kEbx) = 0xEEFF0011;
  h.set_flags(kCf | kZf);
  run(h, {0xF0, 0x0F, 0xC7, 0x0E});  // lock cmpxchg8b [esi]
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u64>(kBase), 0x1122334455667789ull);
  EXPECT_EQ(h.reg(kEdx), 0x11223344u);
  EXPECT_EQ(h.reg(kEax), 0x55667789u);
  EXPECT_EQ(arith(h), kCf);
}

TEST(Ia32Cmpxchg, EightByteRegisterOperandIsUndefined) {
  Harness h;
  run(h, {0x0F, 0xC7, 0xC9});  // 0F C7 /1 with mod = 3
  EXPECT_EQ(h.vector(), kUD);
}

TEST(Ia32Cmpxchg, EightByteWritesEvenWhenUnequal) {
  Harness h;
  load_read_only_es(h);
  h.reg(kEsi) = kBase;
  h.poke<u64>(kBase, 1);
  h.reg(kEdx) = 0;
  h.reg(kEax) = 2;
  run(h, {0x26, 0x0F, 0xC7, 0x0E});  // cmpxchg8b es:[esi]
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.reg(kEax), 2u);
}

TEST(Ia32CmpxchgXadd, MemoryDoubleword) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEcx) = 1;
  h.poke<u32>(kBase, 0xFFFFFFFF);
  run(h, {0x0F, 0xC1, 0x0B});  // xadd [ebx], ecx
  EXPECT_EQ(h.peek<u32>(kBase), 0u);
  EXPECT_EQ(h.reg(kEcx), 0xFFFFFFFFu);
  EXPECT_EQ(arith(h), kCf | kZf | kAf | kPf);
}

TEST(Ia32CmpxchgXadd, MemoryWord) {
  Harness h;
  h.reg(kEbx) = kBase;
  h.reg(kEcx) = 0xFFFF0001;
  h.poke<u32>(kBase, 0xAAAA7FFF);
  run(h, {0x66, 0x0F, 0xC1, 0x0B});  // xadd [ebx], cx
  EXPECT_EQ(h.peek<u32>(kBase), 0xAAAA8000u);
  EXPECT_EQ(h.reg(kEcx), 0xFFFF7FFFu);
  EXPECT_EQ(arith(h), kOf | kSf | kAf | kPf);
}

TEST(Ia32CmpxchgXadd, SameRegisterGetsTheSum) {
  Harness h;
  h.reg(kEax) = 3;
  run(h, {0x0F, 0xC1, 0xC0});  // xadd eax, eax
  EXPECT_EQ(h.reg(kEax), 6u);
  EXPECT_EQ(arith(h), kPf);
  h.reg(kEax) = 0x0705;
  run(h, {0x0F, 0xC0, 0xE0});  // xadd al, ah
  EXPECT_EQ(h.reg(kEax), 0x050Cu);
}

}  // namespace
}  // namespace vtsim::ia32::testing
