// Core IA-32 behaviour: the ALU with lazy flags, moves, the stack, exceptions through the IDT.
#include <gtest/gtest.h>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;

TEST(Ia32Alu, AddSetsCarryZeroAndAuxFlags) {
  Harness h;
  // mov eax, 0xFFFFFFFF ; add eax, 1
  h.run({0xB8, 0xFF, 0xFF, 0xFF, 0xFF, 0x83, 0xC0, 0x01});
  EXPECT_EQ(h.reg(kEax), 0u);
  EXPECT_EQ(h.flags() & kArith, kCf | kZf | kAf | kPf);
}

TEST(Ia32Alu, SubSignedOverflow) {
  Harness h;
  // mov eax, 0x80000000 ; sub eax, 1  -> 0x7FFFFFFF, OF set, AF set (borrow from bit 4)
  h.run({0xB8, 0x00, 0x00, 0x00, 0x80, 0x83, 0xE8, 0x01});
  EXPECT_EQ(h.reg(kEax), 0x7FFFFFFFu);
  EXPECT_EQ(h.flags() & kArith, kOf | kAf | kPf);
}

TEST(Ia32Alu, IncKeepsCarry) {
  Harness h;
  // stc ; mov al, 0x7F ; inc al  -> 0x80, CF still set, OF, SF, AF
  h.run({0xF9, 0xB0, 0x7F, 0xFE, 0xC0});
  EXPECT_EQ(h.reg(kEax) & 0xFF, 0x80u);
  EXPECT_EQ(h.flags() & kArith, kCf | kOf | kSf | kAf);
}

TEST(Ia32Alu, AdcAndSbbUseCarryIn) {
  Harness h;
  // stc ; mov eax, 0xFFFFFFFF ; adc eax, 0 -> 0 CF ; mov ebx, 0 ; sbb ebx, 0 -> 0xFFFFFFFF CF
  h.run({0xF9, 0xB8, 0xFF, 0xFF, 0xFF, 0xFF, 0x83, 0xD0, 0x00, 0xBB, 0, 0, 0, 0, 0x83, 0xDB, 0x00});
  EXPECT_EQ(h.reg(kEax), 0u);
  EXPECT_EQ(h.reg(kEbx), 0xFFFFFFFFu);
  EXPECT_TRUE(h.flags() & kCf);
  EXPECT_TRUE(h.flags() & kSf);
}

TEST(Ia32Alu, LogicClearsCarryAndOverflow) {
  Harness h;
  // stc ; mov eax, 0xF0 ; and eax, 0x0F -> 0, ZF PF, CF OF cleared
  h.run({0xF9, 0xB8, 0xF0, 0, 0, 0, 0x83, 0xE0, 0x0F});
  EXPECT_EQ(h.flags() & kArith, kZf | kPf);
}

TEST(Ia32Move, PushPopAndMemoryOperands) {
  Harness h;
  // mov dword [0x20000], 0x12345678 ; push dword [0x20000] ; pop ecx ; mov dl, [0x20001]
  h.run({0xC7, 0x05, 0x00, 0x00, 0x02, 0x00, 0x78, 0x56, 0x34, 0x12, 0xFF, 0x35, 0x00, 0x00,
         0x02, 0x00, 0x59, 0x8A, 0x15, 0x01, 0x00, 0x02, 0x00});
  EXPECT_EQ(h.reg(kEcx), 0x12345678u);
  EXPECT_EQ(h.reg(kEdx) & 0xFF, 0x56u);
  EXPECT_EQ(h.reg(kEsp), Harness::kStackTop);
}

TEST(Ia32Move, SibAddressing) {
  Harness h;
  h.poke<u32>(Harness::kData + 0x10 + 3 * 4, 0xCAFEF00D);
  // mov ebx, kData ; mov esi, 3 ; mov eax, [ebx + esi*4 + 0x10]
  h.run({0xBB, 0x00, 0x00, 0x02, 0x00, 0xBE, 3, 0, 0, 0, 0x8B, 0x44, 0xB3, 0x10});
  EXPECT_EQ(h.reg(kEax), 0xCAFEF00Du);
}

TEST(Ia32Exceptions, UndefinedOpcodeIsUdWithFaultingEip) {
  Harness h;
  // nop ; 0F 0B (ud2, not a row in this table until the protection group) -> use 0F FF (invalid)
  h.run({0x90, 0x0F, 0xFF});
  EXPECT_EQ(h.vector(), kUD);
  EXPECT_EQ(h.stack(0), Harness::kCode + 1);  // EIP of the faulting instruction
  EXPECT_EQ(h.stack(1), 0x08u);               // CS
}

TEST(Ia32Exceptions, LimitViolationIsGpWithErrorCodeZero) {
  Harness h;
  // Load DS with the 64 KiB data segment (0x20), then read at 0x10000: beyond the limit.
  // mov ax, 0x20 ; mov ds, ax ; mov eax, [0x10000]
  h.run({0x66, 0xB8, 0x20, 0x00, 0x8E, 0xD8, 0xA1, 0x00, 0x00, 0x01, 0x00});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);                  // error code
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);  // faulting EIP
}

TEST(Ia32Exceptions, NullSelectorInSsIsGp) {
  Harness h;
  // xor eax, eax ; mov ss, ax
  h.run({0x31, 0xC0, 0x8E, 0xD0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
}

TEST(Ia32Exceptions, TripleFaultWhenIdtIsEmpty) {
  Harness h;
  h.cpu.st.idtr.limit = 0;
  EXPECT_EQ(h.run({0x0F, 0xFF}), StopReason::kTripleFault);
}

TEST(Ia32RealMode, SoftwareInterruptThroughIvt) {
  Harness h;
  h.real16();
  // int 0x10 -> stub records vector 0x10
  h.run({0xCD, 0x10});
  EXPECT_EQ(h.vector(), 0x10);
  EXPECT_EQ(h.peek<u16>(Harness::kStackTop - 2), 0x0002u);  // FLAGS (bit 1 always set)
  EXPECT_EQ(h.peek<u16>(Harness::kStackTop - 4), Harness::kCode >> 4);  // CS
  EXPECT_EQ(h.peek<u16>(Harness::kStackTop - 6), 0x0002u);  // IP after INT 10h
}

TEST(Ia32Cache, SelfModifyingCodeIsSeen) {
  Harness h;
  // mov byte [kCode + 12], 0x41 ; nop ; nop ; ... the byte at kCode+12 was "mov al,0" immediate
  // Layout: C6 05 <addr32> 41  (7+... ) then B0 00 (mov al, 0) whose immediate is patched.
  u32 target = Harness::kCode + 11;  // immediate of the mov al below
  std::vector<u8> code = {0xC6, 0x05, static_cast<u8>(target), static_cast<u8>(target >> 8),
                          static_cast<u8>(target >> 16), static_cast<u8>(target >> 24), 0x41,
                          0x90, 0x90, 0x90, 0xB0, 0x00};
  h.run(code);
  EXPECT_EQ(h.reg(kEax) & 0xFF, 0x41u);
}

}  // namespace
}  // namespace vtsim::ia32::testing
