// Protection instructions (LLDT LTR SLDT STR LAR LSL VERR VERW ARPL LMSW SMSW CLTS, MOV DR,
// RDMSR/WRMSR, SYSENTER/SYSEXIT, INVLPG INVD WBINVD UD2) and protected-mode far transfers
// (call gates, returns to an outer level, IRET to v86 mode). Expected values follow the SDM:
// Vol. 2 instruction pages, Vol. 3A 5.8-5.10, 6.12, 17.2, 20.3; Vol. 4 for the MSRs.
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "common/error.h"
#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;

constexpr u32 kTss = Harness::kData + 0x1000;   // 32-bit TSS: ESP0 = 0x9000, SS0 = 0x10
constexpr u32 kTss2 = Harness::kData + 0x1100;  // an available TSS for the task-gate test
constexpr u32 kLdt = Harness::kData + 0x2000;   // LDT: null, then data based at 0x30000
constexpr u32 kRing0Stack = 0x9000;
constexpr u32 kRing3Stack = 0x7000;
constexpr u32 kGate32Code = Harness::kCode + 0x200;  // target of the 32-bit call gates
constexpr u32 kGate16Code = 0x300;                   // a 16-bit gate's offset has 16 bits
constexpr u32 kLowCode = 0x4000;                     // caller of the 16-bit gate, below 64 KiB
constexpr u32 kSsStubs = 0x2800;  // stub v: mov byte [ss:kVectorCell], v ; hlt (no DS needed)

// The descriptors the fixture adds after the harness's null, 0x08, 0x10, 0x18 and 0x20.
enum Sel : u16 {
  kCode0 = 0x08, kData0 = 0x10, kData16 = 0x20,
  kCode3 = 0x28,         // ring-3 flat code
  kData3 = 0x30,         // ring-3 flat data
  kTssSel = 0x38,        // 32-bit TSS at kTss
  kGate32 = 0x40,        // 32-bit call gate, DPL 3, 2 parameters -> 0x08:kGate32Code
  kGate16 = 0x48,        // 16-bit call gate, DPL 3, 2 parameters -> 0x08:kGate16Code
  kLdtSel = 0x50,        // LDT at kLdt
  kConforming0 = 0x58,   // conforming readable code, DPL 0
  kExecOnly0 = 0x60,     // execute-only code, DPL 0
  kReadOnly0 = 0x68,     // read-only data, DPL 0
  kGate32Dpl0 = 0x70,    // 32-bit call gate, DPL 0, no parameters -> 0x08:kGate32Code
  kNotPresent3 = 0x78,   // data, DPL 3, not present
  kIntGate = 0x80,       // an interrupt gate in the GDT (not valid for LAR)
  kSysCs = 0x88,         // SYSENTER block: 0x88 code0, 0x90 data0, 0x98 code3, 0xA0 data3
  kTaskGate = 0xA8,      // task gate -> kTss2Sel
  kTss2Sel = 0xB0,       // available 32-bit TSS at kTss2
  kCode1 = 0xB8,         // ring-1 code
  kGateToRing1 = 0xC0,   // call gate, DPL 3 -> 0xB8:kGate32Code
  kTssNotPresent = 0xC8, // available 32-bit TSS, not present
};
constexpr u16 kGdtLimit = 0xCF;

u64 make_desc(u32 base, u32 limit, u8 access, u8 flags) {
  return (limit & 0xFFFF) | (u64{base & 0xFFFFFF} << 16) | (u64{access} << 40) |
         (u64{(limit >> 16) & 0xF} << 48) | (u64{flags} << 52) | (u64{base >> 24} << 56);
}
u64 make_gate(u16 selector, u32 offset, u8 access, u8 params) {
  return (offset & 0xFFFF) | (u64{selector} << 16) | (u64{params} << 32) | (u64{access} << 40) |
         (u64{offset >> 16} << 48);
}

void append(std::vector<u8>& code, std::initializer_list<u8> bytes) {
  for (u8 b : bytes) code.push_back(b);
}
void put_mov(std::vector<u8>& code, Gpr r, u32 v) {  // mov r32, imm32
  append(code, {static_cast<u8>(0xB8 + r), static_cast<u8>(v), static_cast<u8>(v >> 8),
                static_cast<u8>(v >> 16), static_cast<u8>(v >> 24)});
}

class Machine : public ::testing::Test {
 protected:
  Machine() {
    const std::pair<u16, u64> table[] = {
        {kCode3, make_desc(0, 0xFFFFF, 0xFB, 0xC)},
        {kData3, make_desc(0, 0xFFFFF, 0xF3, 0xC)},
        {kTssSel, make_desc(kTss, 0x67, 0x89, 0x0)},
        {kGate32, make_gate(kCode0, kGate32Code, 0xEC, 2)},
        {kGate16, make_gate(kCode0, kGate16Code, 0xE4, 2)},
        {kLdtSel, make_desc(kLdt, 0x17, 0x82, 0x0)},
        {kConforming0, make_desc(0, 0xFFFFF, 0x9F, 0xC)},
        {kExecOnly0, make_desc(0, 0xFFFFF, 0x99, 0xC)},
        {kReadOnly0, make_desc(0, 0xFFFFF, 0x91, 0xC)},
        {kGate32Dpl0, make_gate(kCode0, kGate32Code, 0x8C, 0)},
        {kNotPresent3, make_desc(0, 0xFFFF, 0x73, 0x0)},
        {kIntGate, make_gate(kCode0, kGate32Code, 0x8E, 0)},
        {kSysCs, make_desc(0, 0xFFFFF, 0x9B, 0xC)},
        {kSysCs + 8, make_desc(0, 0xFFFFF, 0x93, 0xC)},
        {kSysCs + 16, make_desc(0, 0xFFFFF, 0xFB, 0xC)},
        {kSysCs + 24, make_desc(0, 0xFFFFF, 0xF3, 0xC)},
        {kTaskGate, make_gate(kTss2Sel, 0, 0xE5, 0)},
        {kTss2Sel, make_desc(kTss2, 0x67, 0x89, 0x0)},
        {kCode1, make_desc(0, 0xFFFFF, 0xBB, 0xC)},
        {kGateToRing1, make_gate(kCode1, kGate32Code, 0xEC, 0)},
        {kTssNotPresent, make_desc(kTss2, 0x67, 0x09, 0x0)},
    };
    for (const auto& [sel, d] : table) h.poke<u64>(Harness::kGdt + sel, d);
    h.cpu.st.gdtr.limit = kGdtLimit;
    h.poke<u32>(kTss + 4, kRing0Stack);  // ESP0
    h.poke<u16>(kTss + 8, kData0);       // SS0
    h.poke<u32>(kTss + 12, 0x6000);      // ESP1
    h.poke<u16>(kTss + 16, kData3 | 3);  // SS1: RPL 3 does not match level 1
    h.poke<u64>(kLdt + 8, make_desc(0x30000, 0xFFFF, 0x93, 0x0));
    // IDT stubs that address the vector cell through SS, so a null DS cannot hide the vector.
    for (u32 v = 0; v < 32; ++v) {
      u32 stub = kSsStubs + v * 16;
      const u8 bytes[9] = {0x36, 0xC6, 0x05, Harness::kVectorCell & 0xFF,
                           (Harness::kVectorCell >> 8) & 0xFF, 0, 0, static_cast<u8>(v), 0xF4};
      std::memcpy(h.mem(stub), bytes, sizeof bytes);
      h.poke<u64>(Harness::kIdt + v * 8, make_gate(kCode0, stub, 0x8E, 0));
    }
  }

  // Runs code again on the same machine (a previous HLT left the CPU halted).
  StopReason run(const std::vector<u8>& code) {
    h.cpu.st.halted = false;
    return h.run(code);
  }
  // The address of the HLT that run() appends after code.
  static u32 end_of(const std::vector<u8>& code) {
    return Harness::kCode + static_cast<u32>(code.size());
  }
  Segment segment(u16 sel) {
    return desc::to_segment(sel, h.peek<u64>(Harness::kGdt + (sel & ~7u)));
  }
  // TR = kTssSel (busy), as LTR would leave it.
  void load_tr() {
    h.poke<u8>(Harness::kGdt + kTssSel + 5, 0x8B);
    h.cpu.st.tr = segment(kTssSel);
  }
  // CPL 3: CS = 0x2B, SS = DS = ES = FS = GS = 0x33, ESP = kRing3Stack, TR loaded.
  void enter_ring3() {
    load_tr();
    h.cpu.set_segment(kCs, segment(kCode3 | 3));
    for (unsigned r : {kSs, kDs, kEs, kFs, kGs}) h.cpu.set_segment(r, segment(kData3 | 3));
    h.reg(kEsp) = kRing3Stack;
    h.poke<u8>(Harness::kVectorCell, 0xFF);
  }

  // IRET from ring 0 into v86 mode (CS = 0x1000, SS:SP = 0500:0F00, DS = 0x2000, ES = 0x3000,
  // IOPL 3), which then runs v86_code.
  void run_v86(const std::vector<u8>& v86_code) {
    //   push 0
    //   push 0
    //   push 0x2000
    //   push 0x3000
    //   push 0x0500
    //   push 0x0F00
    //   push 0x00023202
    //   push 0x1000
    //   push v86 - 0x10000
    //   iretd
    //   v86:
    std::vector<u8> code = {
        0x6A, 0x00, 0x6A, 0x00, 0x68, 0x00, 0x20, 0x00, 0x00, 0x68, 0x00, 0x30, 0x00, 0x00, 0x68,
        0x00, 0x05, 0x00, 0x00, 0x68, 0x00, 0x0F, 0x00, 0x00, 0x68, 0x02, 0x32, 0x02, 0x00, 0x68,
        0x00, 0x10, 0x00, 0x00, 0x68, 0x28, 0x00, 0x00, 0x00, 0xCF};
    for (u8 b : v86_code) code.push_back(b);
    load_tr();
    run(code);
  }
  static constexpr u32 kV86Entry = 40;  // IP of the first v86 instruction

  struct Probe {
    u32 eax;
    bool zf;
  };
  // mov ecx, sel ; (ZF preset to zf_before) ; mov eax, 0xDEADBEEF ; insn ; pushfd ; pop edx
  Probe probe(const std::vector<u8>& insn, u16 sel, bool zf_before) {
    std::vector<u8> code;
    put_mov(code, kEcx, sel);
    if (zf_before) append(code, {0x39, 0xC0});  // cmp eax, eax
    else append(code, {0x85, 0xE4});            // test esp, esp
    put_mov(code, kEax, 0xDEADBEEF);
    code.insert(code.end(), insn.begin(), insn.end());
    append(code, {0x9C, 0x5A});
    run(code);
    return {h.reg(kEax), (h.reg(kEdx) & kZf) != 0};
  }

  Harness h;
};

class Ia32Protection : public Machine {};
class Ia32FarTransfer : public Machine {};

const std::vector<u8> kLar = {0x0F, 0x02, 0xC1};        // lar eax, ecx
const std::vector<u8> kLar16 = {0x66, 0x0F, 0x02, 0xC1};  // lar ax, cx
const std::vector<u8> kLsl = {0x0F, 0x03, 0xC1};        // lsl eax, ecx
const std::vector<u8> kLsl16 = {0x66, 0x0F, 0x03, 0xC1};  // lsl ax, cx
const std::vector<u8> kVerr = {0x0F, 0x00, 0xE1};       // verr cx
const std::vector<u8> kVerw = {0x0F, 0x00, 0xE9};       // verw cx

// ---------------------------------------------------------------- LAR, LSL, VERR, VERW

TEST_F(Ia32Protection, LarReturnsAccessRightsOfCodeSegment) {
  // Second dword of the 0x08 descriptor: 00CF9B00; 32-bit LAR masks it with 00FxFF00 (bits
  // 16-19 undefined), 16-bit LAR with FF00 and keeps EAX[31:16].
  Probe p = probe(kLar, kCode0, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x00C09B00u);
  p = probe(kLar16, kCode0, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0xDEAD9B00u);
}

TEST_F(Ia32Protection, LarFailsOnNullSelectorBeyondLimitAndRplAboveDpl) {
  for (u16 sel : {u16{0}, u16{0x0003}, u16{kGdtLimit + 1}, u16{kData0 | 3}}) {
    Probe p = probe(kLar, sel, true);
    EXPECT_FALSE(p.zf) << sel;
    EXPECT_EQ(p.eax, 0xDEADBEEFu) << sel;  // destination unchanged
  }
}

TEST_F(Ia32Protection, LarIgnoresPrivilegeForConformingCode) {
  Probe p = probe(kLar, kConforming0 | 3, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x00C09F00u);
}

TEST_F(Ia32Protection, LarAcceptsTssLdtAndCallGatesButNotInterruptGates) {
  Probe p = probe(kLar, kTssSel, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x00008900u);
  p = probe(kLar, kLdtSel, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x00008200u);
  p = probe(kLar, kGate32 | 3, false);  // gate dword 2: offset 31:16 = 0x0001, EC, count 2
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x0000EC00u);
  p = probe(kLar, kTaskGate, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x0000E500u);
  p = probe(kLar, kIntGate, true);
  EXPECT_FALSE(p.zf);
  EXPECT_EQ(p.eax, 0xDEADBEEFu);
}

TEST_F(Ia32Protection, LarFailsWhenCplAboveDpl) {
  enter_ring3();
  Probe p = probe(kLar, kCode0, true);
  EXPECT_FALSE(p.zf);
  EXPECT_EQ(p.eax, 0xDEADBEEFu);
  enter_ring3();
  p = probe(kLar, kCode3 | 3, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax & 0xFFF0FFFFu, 0x00C0FB00u);
}

TEST_F(Ia32Protection, LslReturnsTheByteGranularLimit) {
  Probe p = probe(kLsl, kCode0, false);  // 0xFFFFF pages of 4 KiB
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0xFFFFFFFFu);
  p = probe(kLsl, kData16, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0x0000FFFFu);
  p = probe(kLsl, kTssSel, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0x67u);
  p = probe(kLsl, kLdtSel, false);
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0x17u);
  p = probe(kLsl16, kCode0, false);  // 16-bit operand size: low 16 bits, EAX[31:16] kept
  EXPECT_TRUE(p.zf);
  EXPECT_EQ(p.eax, 0xDEADFFFFu);
}

TEST_F(Ia32Protection, LslRejectsGatesNullAndRplAboveDpl) {
  for (u16 sel : {u16{kGate32 | 3}, u16{kTaskGate}, u16{kIntGate}, u16{0}, u16{kData0 | 3}}) {
    Probe p = probe(kLsl, sel, true);
    EXPECT_FALSE(p.zf) << sel;
    EXPECT_EQ(p.eax, 0xDEADBEEFu) << sel;
  }
}

TEST_F(Ia32Protection, VerrOutcomes) {
  EXPECT_TRUE(probe(kVerr, kCode0, false).zf);             // readable code
  EXPECT_TRUE(probe(kVerr, kData0, false).zf);             // data
  EXPECT_TRUE(probe(kVerr, kReadOnly0, false).zf);         // read-only data
  EXPECT_TRUE(probe(kVerr, kConforming0 | 3, false).zf);   // conforming: no privilege check
  EXPECT_FALSE(probe(kVerr, kExecOnly0, true).zf);         // execute-only code
  EXPECT_FALSE(probe(kVerr, kTssSel, true).zf);            // system descriptor
  EXPECT_FALSE(probe(kVerr, kData0 | 3, true).zf);         // RPL > DPL
  EXPECT_FALSE(probe(kVerr, 0, true).zf);                  // null
  EXPECT_FALSE(probe(kVerr, kGdtLimit + 1, true).zf);      // beyond the GDT limit
}

TEST_F(Ia32Protection, VerwOutcomes) {
  EXPECT_TRUE(probe(kVerw, kData0, false).zf);
  EXPECT_TRUE(probe(kVerw, kNotPresent3 | 3, false).zf);   // presence is not checked
  EXPECT_FALSE(probe(kVerw, kReadOnly0, true).zf);
  EXPECT_FALSE(probe(kVerw, kCode0, true).zf);
  EXPECT_FALSE(probe(kVerw, kConforming0, true).zf);
  EXPECT_FALSE(probe(kVerw, kData0 | 3, true).zf);
  EXPECT_FALSE(probe(kVerw, kLdtSel, true).zf);
  enter_ring3();
  EXPECT_FALSE(probe(kVerw, kData0, true).zf);             // CPL 3 > DPL 0
}

TEST_F(Ia32Protection, VerrChangesOnlyZf) {
  h.set_flags(kCf | kSf | kOf);
  // verr cx with CX = 0x10: ZF set, CF SF OF kept
  run({0xB9, 0x10, 0, 0, 0, 0x0F, 0x00, 0xE1});
  EXPECT_EQ(h.flags() & kArith, kCf | kSf | kOf | kZf);
}

// ---------------------------------------------------------------- LLDT, LTR, SLDT, STR

TEST_F(Ia32Protection, LtrSetsBusyBitAndStrReadsTheSelector) {
  //   mov ax, 0x38
  //   ltr ax
  //   mov ebx, 0xFFFFFFFF
  //   str ebx
  //   mov ecx, 0xFFFFFFFF
  //   o16 str cx
  //   str [0x20000]
  const std::vector<u8> code = {
      0x66, 0xB8, 0x38, 0x00, 0x0F, 0x00, 0xD8, 0xBB, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0xCB,
      0xB9, 0xFF, 0xFF, 0xFF, 0xFF, 0x66, 0x0F, 0x00, 0xC9, 0x0F, 0x00, 0x0D, 0x00, 0x00, 0x02,
      0x00};
  h.poke<u32>(Harness::kData, 0xFFFFFFFF);
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.peek<u8>(Harness::kGdt + kTssSel + 5), 0x8B);  // type 9 -> 11 (busy)
  EXPECT_EQ(h.cpu.st.tr.selector, kTssSel);
  EXPECT_EQ(h.cpu.st.tr.base, kTss);
  EXPECT_EQ(h.cpu.st.tr.limit, 0x67u);
  EXPECT_EQ(h.cpu.st.tr.attr & 0xF, 11);
  EXPECT_EQ(h.reg(kEbx), 0x38u);         // zero-extended with 32-bit operand size
  EXPECT_EQ(h.reg(kEcx), 0xFFFF0038u);   // 16-bit register: upper half kept
  EXPECT_EQ(h.peek<u32>(Harness::kData), 0xFFFF0038u);  // memory: 16 bits
}

TEST_F(Ia32Protection, LtrFaults) {
  // ltr cx
  const std::vector<u8> ltr_cx = {0x0F, 0x00, 0xD9};
  struct Case {
    u16 sel;
    int vector;
    u32 error;
  } cases[] = {
      {0, kGP, 0},                         // null
      {kData0, kGP, kData0},               // not a TSS
      {kLdtSel, kGP, kLdtSel},             // an LDT is not a TSS
      {0x3C, kGP, 0x3C},                   // TI = 1: must be in the GDT
      {kGdtLimit + 1, kGP, kGdtLimit + 1},  // beyond the GDT limit
      {kTssNotPresent, kNP, kTssNotPresent},
  };
  for (const Case& t : cases) {
    h.poke<u8>(Harness::kVectorCell, 0xFF);
    h.reg(kEsp) = Harness::kStackTop;
    std::vector<u8> code;
    put_mov(code, kEcx, t.sel);
    code.insert(code.end(), ltr_cx.begin(), ltr_cx.end());
    run(code);
    EXPECT_EQ(h.vector(), t.vector) << t.sel;
    EXPECT_EQ(h.stack(0), t.error) << t.sel;
    EXPECT_EQ(h.stack(1), Harness::kCode + 5) << t.sel;
  }
  EXPECT_EQ(h.cpu.st.tr.selector, 0u);  // nothing was loaded
}

TEST_F(Ia32Protection, LtrOfABusyTssIsGp) {
  // mov ax, 0x38 ; ltr ax ; ltr ax
  run({0x66, 0xB8, 0x38, 0x00, 0x0F, 0x00, 0xD8, 0x0F, 0x00, 0xD8});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kTssSel});
  EXPECT_EQ(h.stack(1), Harness::kCode + 7);
}

TEST_F(Ia32Protection, LldtLoadsTheLdtThatSegmentLoadsUse) {
  //   mov ax, 0x50
  //   lldt ax
  //   mov ebx, 0xFFFFFFFF
  //   sldt ebx
  //   mov ax, 0x0C
  //   mov ds, ax
  //   mov ecx, [0]
  const std::vector<u8> code = {
      0x66, 0xB8, 0x50, 0x00, 0x0F, 0x00, 0xD0, 0xBB, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0xC3,
      0x66, 0xB8, 0x0C, 0x00, 0x8E, 0xD8, 0x8B, 0x0D, 0x00, 0x00, 0x00, 0x00};
  h.poke<u32>(0x30000, 0xCAFEF00D);
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.cpu.st.ldtr.selector, kLdtSel);
  EXPECT_EQ(h.cpu.st.ldtr.base, kLdt);
  EXPECT_EQ(h.cpu.st.ldtr.limit, 0x17u);
  EXPECT_EQ(h.reg(kEbx), 0x50u);
  EXPECT_EQ(h.cpu.st.seg[kDs].base, 0x30000u);
  EXPECT_EQ(h.reg(kEcx), 0xCAFEF00Du);
}

TEST_F(Ia32Protection, LldtNullLeavesLdtrUnusable) {
  // xor eax, eax ; lldt ax ; mov ax, 0x0C ; mov ds, ax  -> #GP(0x0C): the LDT is unusable
  run({0x31, 0xC0, 0x0F, 0x00, 0xD0, 0x66, 0xB8, 0x0C, 0x00, 0x8E, 0xD8});
  EXPECT_FALSE(h.cpu.st.ldtr.usable);
  EXPECT_EQ(h.cpu.st.ldtr.selector, 0u);
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0x0Cu);
}

TEST_F(Ia32Protection, LldtRejectsNonLdtDescriptors) {
  // mov ax, 0x38 ; lldt ax  -> #GP(0x38)
  run({0x66, 0xB8, 0x38, 0x00, 0x0F, 0x00, 0xD0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kTssSel});
}

TEST_F(Ia32Protection, SystemSelectorInstructionsAreUdInRealMode) {
  const std::vector<std::vector<u8>> insns = {
      {0x0F, 0x00, 0xC0},  // sldt ax
      {0x0F, 0x00, 0xC8},  // str ax
      {0x0F, 0x00, 0xD0},  // lldt ax
      {0x0F, 0x00, 0xD8},  // ltr ax
      {0x0F, 0x00, 0xE0},  // verr ax
      {0x0F, 0x00, 0xE8},  // verw ax
      {0x0F, 0x02, 0xC0},  // lar ax, ax
      {0x0F, 0x03, 0xC0},  // lsl ax, ax
      {0x63, 0xC0},        // arpl ax, ax
  };
  for (const auto& insn : insns) {
    h.real16();
    run(insn);
    EXPECT_EQ(h.vector(), kUD) << int{insn[insn.size() - 1]};
  }
}

TEST_F(Ia32Protection, V86ModeRejectsProtectionInstructions) {
  // LAR and ARPL are #UD in v86 mode, LMSW and RDMSR #GP(0) (CPL 3), SMSW is allowed.
  const struct {
    std::vector<u8> insn;
    int vector;
    u32 fault_ip;
  } cases[] = {
      {{0x0F, 0x02, 0xC0}, kUD, kV86Entry},      // lar ax, ax
      {{0x63, 0xC0}, kUD, kV86Entry},            // arpl ax, ax
      {{0x0F, 0x00, 0xC0}, kUD, kV86Entry},      // sldt ax
      {{0x0F, 0x01, 0xF0}, kGP, kV86Entry},      // lmsw ax
      {{0x0F, 0x32}, kGP, kV86Entry},            // rdmsr
      {{0x0F, 0x01, 0xE0}, kGP, kV86Entry + 3},  // smsw ax runs; the HLT after it faults
  };
  for (const auto& t : cases) {
    h.poke<u8>(Harness::kVectorCell, 0xFF);
    h.reg(kEsp) = Harness::kStackTop;
    run_v86(t.insn);
    EXPECT_EQ(h.vector(), t.vector) << int{t.insn[1]};
    u32 ip = h.stack(t.vector == kGP ? 1 : 0);
    EXPECT_EQ(ip, t.fault_ip) << int{t.insn[1]};
  }
  EXPECT_EQ(h.reg(kEax) & 0xFFFF, 0x0011u);  // SMSW in v86 mode: CR0[15:0]
}

// ---------------------------------------------------------------- ARPL

TEST_F(Ia32Protection, ArplRaisesRplAndSetsZf) {
  //   mov ax, 0x0010
  //   mov cx, 0x0003
  //   arpl ax, cx
  //   pushfd
  //   pop esi
  //   mov bx, 0x0013
  //   mov dx, 0x0001
  //   arpl bx, dx
  //   pushfd
  //   pop edi
  const std::vector<u8> code = {
      0x66, 0xB8, 0x10, 0x00, 0x66, 0xB9, 0x03, 0x00, 0x63, 0xC8, 0x9C, 0x5E, 0x66, 0xBB, 0x13,
      0x00, 0x66, 0xBA, 0x01, 0x00, 0x63, 0xD3, 0x9C, 0x5F};
  run(code);
  EXPECT_EQ(h.reg(kEax) & 0xFFFF, 0x0013u);
  EXPECT_TRUE(h.reg(kEsi) & kZf);
  EXPECT_EQ(h.reg(kEbx) & 0xFFFF, 0x0013u);  // RPL 3 >= 1: unchanged
  EXPECT_FALSE(h.reg(kEdi) & kZf);
}

// ---------------------------------------------------------------- CR0: LMSW, SMSW, CLTS

TEST_F(Ia32Protection, SmswForms) {
  //   mov eax, 0xFFFFFFFF
  //   smsw eax
  //   mov ecx, 0xFFFFFFFF
  //   o16 smsw cx
  //   smsw [0x20000]
  const std::vector<u8> code = {
      0xB8, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0xE0, 0xB9, 0xFF, 0xFF, 0xFF, 0xFF, 0x66, 0x0F,
      0x01, 0xE1, 0x0F, 0x01, 0x25, 0x00, 0x00, 0x02, 0x00};
  h.poke<u32>(Harness::kData, 0xFFFFFFFF);
  run(code);
  // flat32(): CR0 = PG 0, CD, NW, ET, PE = 0x60000011
  EXPECT_EQ(h.reg(kEax), 0x60000011u);  // 32-bit register: all of CR0
  EXPECT_EQ(h.reg(kEcx), 0xFFFF0011u);
  EXPECT_EQ(h.peek<u32>(Harness::kData), 0xFFFF0011u);
}

TEST_F(Ia32Protection, LmswLoadsLowBitsButCannotClearPe) {
  // mov ax, 0x000E ; lmsw ax   (PE = 0 requested, MP EM TS = 1)
  run({0x66, 0xB8, 0x0E, 0x00, 0x0F, 0x01, 0xF0});
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.cpu.st.cr0 & 0xF, 0xFu);
  EXPECT_TRUE(h.cpu.st.protected_mode());
  EXPECT_EQ(h.cpu.st.cr0 & 0xFFFFFFF0u, 0x60000010u);  // other bits untouched
  // mov ax, 0x0001 ; lmsw ax  -> MP EM TS cleared
  run({0x66, 0xB8, 0x01, 0x00, 0x0F, 0x01, 0xF0});
  EXPECT_EQ(h.cpu.st.cr0 & 0xF, 0x1u);
}

TEST_F(Ia32Protection, LmswSetsPeFromRealMode) {
  h.real16();
  // mov ax, 1 ; lmsw ax
  run({0xB8, 0x01, 0x00, 0x0F, 0x01, 0xF0});
  EXPECT_EQ(h.vector(), -1);
  EXPECT_TRUE(h.cpu.st.protected_mode());
}

TEST_F(Ia32Protection, CltsClearsTs) {
  h.cpu.st.cr0 |= cr0::kTs;
  run({0x0F, 0x06});
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.cpu.st.cr0 & cr0::kTs, 0u);
}

// ---------------------------------------------------------------- debug registers

TEST_F(Ia32Protection, MovDebugRegisters) {
  //   mov eax, 0x12345678
  //   mov dr0, eax
  //   mov ecx, dr0
  //   mov edx, dr4
  //   mov ebx, 0xFFFFDFFF
  //   mov dr7, ebx
  //   mov esi, dr5
  //   mov ebx, 0
  //   mov dr6, ebx
  //   mov edi, dr6
  //   mov ebx, 0xFFFFFFFF
  //   mov dr6, ebx
  //   mov ebp, dr6
  const std::vector<u8> code = {
      0xB8, 0x78, 0x56, 0x34, 0x12, 0x0F, 0x23, 0xC0, 0x0F, 0x21, 0xC1, 0x0F, 0x21, 0xE2, 0xBB,
      0xFF, 0xDF, 0xFF, 0xFF, 0x0F, 0x23, 0xFB, 0x0F, 0x21, 0xEE, 0xBB, 0x00, 0x00, 0x00, 0x00,
      0x0F, 0x23, 0xF3, 0x0F, 0x21, 0xF7, 0xBB, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x23, 0xF3, 0x0F,
      0x21, 0xF5};
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEcx), 0x12345678u);
  EXPECT_EQ(h.reg(kEdx), 0xFFFF0FF0u);  // DR4 reads DR6 while CR4.DE = 0 (reset value)
  EXPECT_EQ(h.reg(kEsi), 0xFFFF07FFu);  // DR5 reads DR7: bits 11, 12, 14, 15 are 0, 10 is 1
  EXPECT_EQ(h.reg(kEdi), 0xFFFF0FF0u);  // DR6: bits 4-11 and 16-31 are 1, bit 12 is 0
  EXPECT_EQ(h.reg(kEbp), 0xFFFFEFFFu);
}

TEST_F(Ia32Protection, Dr4IsUdWhenCr4DeIsSet) {
  h.cpu.st.cr4 = 1u << 3;  // DE
  run({0x0F, 0x21, 0xE0});  // mov eax, dr4
  EXPECT_EQ(h.vector(), kUD);
  EXPECT_EQ(h.stack(0), Harness::kCode);
}

TEST_F(Ia32Protection, GeneralDetectMakesDebugRegisterAccessADebugFault) {
  h.cpu.st.dr[7] = 0x2400;  // GD
  run({0x0F, 0x21, 0xC0});  // mov eax, dr0
  EXPECT_EQ(h.vector(), kDB);
  EXPECT_EQ(h.stack(0), Harness::kCode);  // a fault: EIP of the MOV, no error code
  EXPECT_EQ(h.cpu.st.dr[6] & 0x2000, 0x2000u);  // BD
  EXPECT_EQ(h.cpu.st.dr[7] & 0x2000, 0u);       // GD cleared for the handler
}

// ---------------------------------------------------------------- privilege checks

TEST_F(Ia32Protection, PrivilegedInstructionsAtCpl3AreGp) {
  const std::vector<std::vector<u8>> insns = {
      {0x0F, 0x00, 0xD0},  // lldt ax
      {0x0F, 0x00, 0xD8},  // ltr ax
      {0x0F, 0x01, 0xF0},  // lmsw ax
      {0x0F, 0x01, 0x38},  // invlpg [eax]
      {0x0F, 0x06},        // clts
      {0x0F, 0x08},        // invd
      {0x0F, 0x09},        // wbinvd
      {0x0F, 0x21, 0xC0},  // mov eax, dr0
      {0x0F, 0x23, 0xC0},  // mov dr0, eax
      {0x0F, 0x30},        // wrmsr
      {0x0F, 0x32},        // rdmsr
  };
  for (const auto& insn : insns) {
    enter_ring3();
    h.reg(kEax) = kTssSel;
    h.reg(kEcx) = 0x10;
    run(insn);
    EXPECT_EQ(h.vector(), kGP) << int{insn[1]};
    EXPECT_EQ(h.stack(0), 0u) << int{insn[1]};
    EXPECT_EQ(h.stack(1), Harness::kCode) << int{insn[1]};
    EXPECT_EQ(h.stack(2), u32{kCode3 | 3}) << int{insn[1]};
  }
  EXPECT_EQ(h.cpu.st.cr0 & cr0::kTs, 0u);
}

TEST_F(Ia32Protection, CacheAndTlbInstructionsRunAtCpl0) {
  // invlpg [eax] ; invd ; wbinvd ; mov eax, 0x1234
  run({0x0F, 0x01, 0x38, 0x0F, 0x08, 0x0F, 0x09, 0xB8, 0x34, 0x12, 0, 0});
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEax), 0x1234u);
}

TEST_F(Ia32Protection, InvlpgWithARegisterIsUd) {
  run({0x0F, 0x01, 0xF8});
  EXPECT_EQ(h.vector(), kUD);
}

TEST_F(Ia32Protection, Ud2RaisesUd) {
  run({0x90, 0x0F, 0x0B});
  EXPECT_EQ(h.vector(), kUD);
  EXPECT_EQ(h.stack(0), Harness::kCode + 1);
}

// ---------------------------------------------------------------- RDMSR, WRMSR

struct MsrResult {
  int vector;
  u32 eax, edx;
};

class Ia32ProtectionMsr : public Machine {
 protected:
  // Optionally WRMSR (hi:lo), then clobber EDX:EAX and RDMSR.
  MsrResult access(u32 index, bool write, u32 hi = 0, u32 lo = 0) {
    std::vector<u8> code;
    put_mov(code, kEcx, index);
    if (write) {
      put_mov(code, kEax, lo);
      put_mov(code, kEdx, hi);
      append(code, {0x0F, 0x30});
    }
    put_mov(code, kEax, 0xAAAAAAAA);
    put_mov(code, kEdx, 0xAAAAAAAA);
    append(code, {0x0F, 0x32});
    h.poke<u8>(Harness::kVectorCell, 0xFF);
    h.reg(kEsp) = Harness::kStackTop;
    run(code);
    return {h.vector(), h.reg(kEax), h.reg(kEdx)};
  }
};

TEST_F(Ia32ProtectionMsr, ResetValues) {
  MsrResult r = access(0x1B, false);  // IA32_APIC_BASE: FEE00000, enabled, BSP
  EXPECT_EQ(r.vector, -1);
  EXPECT_EQ(r.eax, 0xFEE00900u);
  EXPECT_EQ(r.edx, 0u);
  r = access(0x3A, false);  // IA32_FEATURE_CONTROL
  EXPECT_EQ(r.eax, 0u);
  EXPECT_EQ(r.edx, 0u);
  r = access(0x1A0, false);  // IA32_MISC_ENABLE: fast strings
  EXPECT_EQ(r.eax, 1u);
  EXPECT_EQ(r.edx, 0u);
  r = access(0xFE, false);  // IA32_MTRRCAP: no MTRRs modelled
  EXPECT_EQ(r.vector, -1);
  EXPECT_EQ(r.eax, 0u);
  EXPECT_EQ(r.edx, 0u);
  for (u32 index : {0x174u, 0x175u, 0x176u}) {
    r = access(index, false);
    EXPECT_EQ(r.eax, 0u) << index;
    EXPECT_EQ(r.edx, 0u) << index;
  }
}

TEST_F(Ia32ProtectionMsr, TimeStampCounterWriteSetsTheOffset) {
  MsrResult r = access(0x10, true, 0x1, 0x0);
  EXPECT_EQ(r.vector, -1);
  EXPECT_EQ(r.edx, 1u);     // counts on from 1:00000000
  EXPECT_LT(r.eax, 1000u);  // a few instructions later
  EXPECT_EQ(h.cpu.tsc() >> 32, 1u);
}

TEST_F(Ia32ProtectionMsr, ReadWriteRoundTrips) {
  struct Case {
    u32 index, hi, lo;
  } cases[] = {
      {0x1B, 0x0, 0xFEC00800},           // IA32_APIC_BASE
      {0x174, 0x0, 0x88},                // IA32_SYSENTER_CS
      {0x175, 0x0, 0x12345678},          // IA32_SYSENTER_ESP
      {0x176, 0x0, 0x9ABCDEF0},          // IA32_SYSENTER_EIP
      {0x1A0, 0x1, 0x00000801},          // IA32_MISC_ENABLE
      {0x3A, 0x0, 0x5},                  // IA32_FEATURE_CONTROL: lock + VMX outside SMX
  };
  for (const Case& t : cases) {
    MsrResult r = access(t.index, true, t.hi, t.lo);
    EXPECT_EQ(r.vector, -1) << t.index;
    EXPECT_EQ(r.eax, t.lo) << t.index;
    EXPECT_EQ(r.edx, t.hi) << t.index;
  }
  EXPECT_EQ(h.cpu.st.sysenter_cs, 0x88u);
  EXPECT_EQ(h.cpu.st.sysenter_esp, 0x12345678u);
  EXPECT_EQ(h.cpu.st.sysenter_eip, 0x9ABCDEF0u);
  EXPECT_EQ(h.cpu.st.apic_base, 0xFEC00800u);
}

TEST_F(Ia32ProtectionMsr, WritesThatFaultAreGp) {
  struct Case {
    u32 index, hi, lo;
  } cases[] = {
      {0xFE, 0x0, 0x0},         // IA32_MTRRCAP is read-only
      {0x1B, 0x0, 0xFEE00901},  // IA32_APIC_BASE reserved bit 0
      {0x1B, 0x1000, 0x0},      // IA32_APIC_BASE above MAXPHYADDR
      {0x3A, 0x0, 0x2},         // IA32_FEATURE_CONTROL bit 1 without SMX
      {0x12345, 0x0, 0x0},      // no such MSR
  };
  for (const Case& t : cases) {
    MsrResult r = access(t.index, true, t.hi, t.lo);
    EXPECT_EQ(r.vector, kGP) << t.index;
    EXPECT_EQ(h.stack(0), 0u) << t.index;
    EXPECT_EQ(h.stack(1), Harness::kCode + 15) << t.index;  // the WRMSR
  }
  EXPECT_EQ(h.cpu.st.apic_base, 0xFEE00900u);
}

TEST_F(Ia32ProtectionMsr, LockedFeatureControlIsGp) {
  EXPECT_EQ(access(0x3A, true, 0, 0x5).vector, -1);
  MsrResult r = access(0x3A, true, 0, 0x1);
  EXPECT_EQ(r.vector, kGP);
  EXPECT_EQ(h.stack(1), Harness::kCode + 15);
  EXPECT_EQ(h.cpu.st.feature_control, 0x5u);
}

TEST_F(Ia32ProtectionMsr, ReadingAnUnknownMsrIsGp) {
  MsrResult r = access(0x12345, false);
  EXPECT_EQ(r.vector, kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), Harness::kCode + 15);  // the RDMSR
}

// ---------------------------------------------------------------- SYSENTER, SYSEXIT

TEST_F(Ia32Protection, SysexitToRing3AndSysenterBack) {
  //   mov ecx, 0x174
  //   mov eax, 0x88
  //   xor edx, edx
  //   wrmsr
  //   mov ecx, 0x175
  //   mov eax, 0x9000
  //   wrmsr
  //   mov ecx, 0x176
  //   mov eax, kernel
  //   wrmsr
  //   mov ecx, 0x7000
  //   mov edx, user
  //   sysexit
  //   user:
  //   mov edi, cs
  //   mov ebp, ss
  //   mov esi, esp
  //   sysenter
  //   kernel:
  const std::vector<u8> code = {
      0xB9, 0x74, 0x01, 0x00, 0x00, 0xB8, 0x88, 0x00, 0x00, 0x00, 0x31, 0xD2, 0x0F, 0x30, 0xB9,
      0x75, 0x01, 0x00, 0x00, 0xB8, 0x00, 0x90, 0x00, 0x00, 0x0F, 0x30, 0xB9, 0x76, 0x01, 0x00,
      0x00, 0xB8, 0x3A, 0x00, 0x01, 0x00, 0x0F, 0x30, 0xB9, 0x00, 0x70, 0x00, 0x00, 0xBA, 0x32,
      0x00, 0x01, 0x00, 0x0F, 0x35, 0x8C, 0xCF, 0x8C, 0xD5, 0x89, 0xE6, 0x0F, 0x34};
  h.set_flags(kIf | kFixed1);
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEdi) & 0xFFFF, 0x9Bu);  // SYSENTER_CS + 16, RPL 3
  EXPECT_EQ(h.reg(kEbp) & 0xFFFF, 0xA3u);  // SYSENTER_CS + 24, RPL 3
  EXPECT_EQ(h.reg(kEsi), kRing3Stack);      // ECX
  EXPECT_EQ(h.cpu.st.seg[kCs].selector, 0x88u);
  EXPECT_EQ(h.cpu.st.seg[kSs].selector, 0x90u);
  EXPECT_EQ(h.cpu.st.seg[kCs].limit, 0xFFFFFFFFu);
  EXPECT_EQ(h.cpu.st.cpl, 0u);
  EXPECT_EQ(h.reg(kEsp), kRing0Stack);
  EXPECT_EQ(h.cpu.st.eip(), end_of(code) + 1);  // after the HLT at "kernel"
  EXPECT_FALSE(h.flags() & kIf);                // SYSENTER clears IF
}

TEST_F(Ia32Protection, SysenterFaults) {
  run({0x0F, 0x34});  // IA32_SYSENTER_CS = 0
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), Harness::kCode);
  h.real16();
  h.cpu.st.sysenter_cs = 0x88;
  run({0x0F, 0x34});  // real mode
  EXPECT_EQ(h.vector(), kGP);
}

TEST_F(Ia32Protection, SysexitAtCpl3IsGp) {
  h.cpu.st.sysenter_cs = 0x88;
  enter_ring3();
  run({0x0F, 0x35});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), Harness::kCode);
}

// ---------------------------------------------------------------- far transfers

TEST_F(Ia32FarTransfer, FarCallAndRetfAtTheSameLevel) {
  //   call 0x08:target
  //   mov edx, esp
  //   hlt
  //   target:
  //   mov eax, [esp]
  //   mov ecx, [esp+4]
  //   retf
  const std::vector<u8> code = {
      0x9A, 0x0A, 0x00, 0x01, 0x00, 0x08, 0x00, 0x89, 0xE2, 0xF4, 0x8B, 0x04, 0x24, 0x8B, 0x4C,
      0x24, 0x04, 0xCB};
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEax), Harness::kCode + 7);
  EXPECT_EQ(h.reg(kEcx), 0x08u);
  EXPECT_EQ(h.reg(kEdx), Harness::kStackTop);
}

TEST_F(Ia32FarTransfer, RealModeFarCallAndRetf) {
  h.real16();
  //   call 0x1000:target
  //   mov bx, sp
  //   hlt
  //   target:
  //   mov ax, 0x77
  //   mov bp, sp
  //   mov cx, [bp]
  //   mov dx, [bp+2]
  //   retf
  const std::vector<u8> code = {
      0x9A, 0x08, 0x00, 0x00, 0x10, 0x89, 0xE3, 0xF4, 0xB8, 0x77, 0x00, 0x89, 0xE5, 0x8B, 0x4E,
      0x00, 0x8B, 0x56, 0x02, 0xCB};
  run(code);
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEax) & 0xFFFF, 0x77u);
  EXPECT_EQ(h.reg(kEcx) & 0xFFFF, 5u);  // return IP
  EXPECT_EQ(h.reg(kEdx) & 0xFFFF, 0x1000u);
  EXPECT_EQ(h.reg(kEbx) & 0xFFFF, Harness::kStackTop);
}

TEST_F(Ia32FarTransfer, CallGateFromRing3ToRing0CopiesTwoParametersAndRetfReturns) {
  //   mov eax, [esp]
  //   mov ecx, [esp+4]
  //   mov edx, [esp+8]
  //   mov esi, [esp+12]
  //   mov edi, [esp+16]
  //   mov ebp, [esp+20]
  //   mov [0x20000], esp
  //   mov [0x20004], cs
  //   retf 8
  const std::vector<u8> handler = {
      0x8B, 0x04, 0x24, 0x8B, 0x4C, 0x24, 0x04, 0x8B, 0x54, 0x24, 0x08, 0x8B, 0x74, 0x24, 0x0C,
      0x8B, 0x7C, 0x24, 0x10, 0x8B, 0x6C, 0x24, 0x14, 0x89, 0x25, 0x00, 0x00, 0x02, 0x00, 0x8C,
      0x0D, 0x04, 0x00, 0x02, 0x00, 0xCA, 0x08, 0x00};
  //   push 0x11111111
  //   push 0x22222222
  //   call 0x43:0
  //   mov ebx, esp
  const std::vector<u8> code = {
      0x68, 0x11, 0x11, 0x11, 0x11, 0x68, 0x22, 0x22, 0x22, 0x22, 0x9A, 0x00, 0x00, 0x00, 0x00,
      0x43, 0x00, 0x89, 0xE3};
  std::memcpy(h.mem(kGate32Code), handler.data(), handler.size());
  enter_ring3();
  run(code);
  EXPECT_EQ(h.reg(kEax), Harness::kCode + 17);  // return EIP
  EXPECT_EQ(h.reg(kEcx), u32{kCode3 | 3});       // return CS
  EXPECT_EQ(h.reg(kEdx), 0x22222222u);           // parameters, in the caller's order
  EXPECT_EQ(h.reg(kEsi), 0x11111111u);
  EXPECT_EQ(h.reg(kEdi), kRing3Stack - 8);       // caller's ESP
  EXPECT_EQ(h.reg(kEbp), u32{kData3 | 3});       // caller's SS
  EXPECT_EQ(h.peek<u32>(Harness::kData), kRing0Stack - 24);  // ESP0 - 6 dwords
  EXPECT_EQ(h.peek<u16>(Harness::kData + 4), kCode0);         // CS with RPL 0
  // RETF 8 released the parameters on both stacks; the final HLT faults at CPL 3.
  EXPECT_EQ(h.reg(kEbx), kRing3Stack);
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), end_of(code));
  EXPECT_EQ(h.stack(2), u32{kCode3 | 3});
  EXPECT_EQ(h.stack(4), kRing3Stack);
  EXPECT_EQ(h.stack(5), u32{kData3 | 3});
}

TEST_F(Ia32FarTransfer, SixteenBitCallGateCopiesWords) {
  //   movzx eax, word [esp]
  //   movzx ecx, word [esp+2]
  //   movzx edx, word [esp+4]
  //   movzx esi, word [esp+6]
  //   movzx edi, word [esp+8]
  //   movzx ebp, word [esp+10]
  //   mov [0x20000], esp
  //   o16 retf 4
  const std::vector<u8> handler = {
      0x0F, 0xB7, 0x04, 0x24, 0x0F, 0xB7, 0x4C, 0x24, 0x02, 0x0F, 0xB7, 0x54, 0x24, 0x04, 0x0F,
      0xB7, 0x74, 0x24, 0x06, 0x0F, 0xB7, 0x7C, 0x24, 0x08, 0x0F, 0xB7, 0x6C, 0x24, 0x0A, 0x89,
      0x25, 0x00, 0x00, 0x02, 0x00, 0x66, 0xCA, 0x04, 0x00};
  //   push word 0x1111
  //   push word 0x2222
  //   call 0x4B:0
  //   mov ebx, esp
  //   hlt
  const std::vector<u8> caller = {
      0x66, 0x68, 0x11, 0x11, 0x66, 0x68, 0x22, 0x22, 0x9A, 0x00, 0x00, 0x00, 0x00, 0x4B, 0x00,
      0x89, 0xE3, 0xF4};
  std::memcpy(h.mem(kGate16Code), handler.data(), handler.size());
  std::memcpy(h.mem(kLowCode), caller.data(), caller.size());
  enter_ring3();
  run({0xE9, 0xFB, 0x3F, 0xFF, 0xFF});  // jmp 0x4000
  EXPECT_EQ(h.reg(kEax), kLowCode + 15);  // return IP
  EXPECT_EQ(h.reg(kEcx), u32{kCode3 | 3});
  EXPECT_EQ(h.reg(kEdx), 0x2222u);
  EXPECT_EQ(h.reg(kEsi), 0x1111u);
  EXPECT_EQ(h.reg(kEdi), kRing3Stack - 4);
  EXPECT_EQ(h.reg(kEbp), u32{kData3 | 3});
  EXPECT_EQ(h.peek<u32>(Harness::kData), kRing0Stack - 12);  // ESP0 - 6 words
  EXPECT_EQ(h.reg(kEbx), kRing3Stack);
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), kLowCode + 17);  // the HLT at CPL 3
}

TEST_F(Ia32FarTransfer, JmpThroughACallGateAtTheSameLevel) {
  // handler: mov eax, 0x55 ; hlt
  const std::vector<u8> handler = {0xB8, 0x55, 0, 0, 0, 0xF4};
  std::memcpy(h.mem(kGate32Code), handler.data(), handler.size());
  run({0xEA, 0, 0, 0, 0, kGate32Dpl0, 0});  // jmp 0x70:0
  EXPECT_EQ(h.vector(), -1);
  EXPECT_EQ(h.reg(kEax), 0x55u);
  EXPECT_EQ(h.cpu.st.seg[kCs].selector, kCode0);
  EXPECT_EQ(h.cpu.st.eip(), kGate32Code + 6);
  EXPECT_EQ(h.reg(kEsp), Harness::kStackTop);  // nothing pushed
}

TEST_F(Ia32FarTransfer, JmpThroughACallGateCannotRaisePrivilege) {
  enter_ring3();
  run({0xEA, 0, 0, 0, 0, kGate32 | 3, 0});  // jmp 0x43:0 -> non-conforming DPL 0 code
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kCode0});
  EXPECT_EQ(h.stack(1), Harness::kCode);
}

TEST_F(Ia32FarTransfer, CallGateFaults) {
  // call 0x73:0 from CPL 3: gate DPL 0 < CPL -> #GP(gate selector)
  enter_ring3();
  run({0x9A, 0, 0, 0, 0, kGate32Dpl0 | 3, 0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kGate32Dpl0});
  EXPECT_EQ(h.stack(1), Harness::kCode);
  EXPECT_EQ(h.stack(4), kRing3Stack);  // nothing was pushed on the caller's stack
  // call 0xC3:0 -> ring-1 code; SS1 in the TSS has RPL 3 -> #TS(SS1 selector)
  enter_ring3();
  run({0x9A, 0, 0, 0, 0, kGateToRing1 | 3, 0});
  EXPECT_EQ(h.vector(), kTS);
  EXPECT_EQ(h.stack(0), u32{kData3});
  EXPECT_EQ(h.stack(1), Harness::kCode);
  EXPECT_EQ(h.stack(2), u32{kCode3 | 3});
  // call 0x08:0 from CPL 3: non-conforming DPL 0 code -> #GP(0x08)
  enter_ring3();
  run({0x9A, 0, 0, 0, 0, kCode0, 0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kCode0});
  // call 0x7B:0 -> a data segment -> #GP(0x78)
  enter_ring3();
  run({0x9A, 0, 0, 0, 0, kNotPresent3 | 3, 0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kNotPresent3});
}

TEST_F(Ia32FarTransfer, IretFromRing0ToRing3) {
  //   push 0x33
  //   push 0x7000
  //   push 0x3203
  //   push 0x2B
  //   push ring3
  //   iretd
  //   ring3:
  //   mov eax, 0x1234
  const std::vector<u8> code = {
      0x6A, 0x33, 0x68, 0x00, 0x70, 0x00, 0x00, 0x68, 0x03, 0x32, 0x00, 0x00, 0x6A, 0x2B, 0x68,
      0x14, 0x00, 0x01, 0x00, 0xCF, 0xB8, 0x34, 0x12, 0x00, 0x00};
  load_tr();
  run(code);
  EXPECT_EQ(h.reg(kEax), 0x1234u);
  EXPECT_EQ(h.vector(), kGP);  // the HLT at CPL 3
  EXPECT_EQ(h.stack(1), end_of(code));
  EXPECT_EQ(h.stack(2), u32{kCode3 | 3});
  EXPECT_EQ(h.stack(3), 0x3203u);  // IOPL and IF loaded at CPL 0
  EXPECT_EQ(h.stack(4), kRing3Stack);
  EXPECT_EQ(h.stack(5), u32{kData3 | 3});
  for (unsigned r : {kDs, kEs, kFs, kGs}) {  // DPL 0 data is nulled for CPL 3
    EXPECT_EQ(h.cpu.st.seg[r].selector, 0u) << r;
    EXPECT_FALSE(h.cpu.st.seg[r].usable) << r;
  }
}

TEST_F(Ia32FarTransfer, IretAtCpl3CannotChangeIoplOrIf) {
  //   push 0x3203
  //   push 0x2B
  //   push next
  //   iretd
  //   next:
  //   pushfd
  //   pop eax
  const std::vector<u8> code = {
      0x68, 0x03, 0x32, 0x00, 0x00, 0x6A, 0x2B, 0x68, 0x0D, 0x00, 0x01, 0x00, 0xCF, 0x9C, 0x58};
  enter_ring3();
  run(code);
  EXPECT_EQ(h.reg(kEax), kCf | kFixed1);
  EXPECT_EQ(h.stack(1), end_of(code));
}

TEST_F(Ia32FarTransfer, RetfToAnOuterLevelNullsDataSegmentsTheNewCplMayNotUse) {
  //   mov ax, 0x33
  //   mov es, ax
  //   mov ax, 0x58
  //   mov fs, ax
  //   push 0x33
  //   push 0x7000
  //   push 0x2B
  //   push ring3
  //   retf
  //   ring3:
  const std::vector<u8> code = {
      0x66, 0xB8, 0x33, 0x00, 0x8E, 0xC0, 0x66, 0xB8, 0x58, 0x00, 0x8E, 0xE0, 0x6A, 0x33, 0x68,
      0x00, 0x70, 0x00, 0x00, 0x6A, 0x2B, 0x68, 0x1B, 0x00, 0x01, 0x00, 0xCB};
  load_tr();
  run(code);
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), end_of(code));
  EXPECT_EQ(h.stack(2), u32{kCode3 | 3});
  EXPECT_EQ(h.stack(4), kRing3Stack);
  EXPECT_EQ(h.stack(5), u32{kData3 | 3});
  EXPECT_EQ(h.cpu.st.seg[kDs].selector, 0u);  // DPL 0 data
  EXPECT_FALSE(h.cpu.st.seg[kDs].usable);
  EXPECT_FALSE(h.cpu.st.seg[kGs].usable);
  EXPECT_EQ(h.cpu.st.seg[kEs].selector, u32{kData3 | 3});  // DPL 3 data stays
  EXPECT_TRUE(h.cpu.st.seg[kEs].usable);
  EXPECT_EQ(h.cpu.st.seg[kFs].selector, u32{kConforming0});  // conforming code stays
  EXPECT_TRUE(h.cpu.st.seg[kFs].usable);
}

TEST_F(Ia32FarTransfer, RetfToAnOuterLevelChecksTheStackSelector) {
  //   push 0x30
  //   push 0x7000
  //   push 0x2B
  //   push 0
  //   retf
  const std::vector<u8> code = {
      0x6A, 0x30, 0x68, 0x00, 0x70, 0x00, 0x00, 0x6A, 0x2B, 0x6A, 0x00, 0xCB};
  run(code);
  EXPECT_EQ(h.vector(), kGP);  // SS RPL 0 differs from the return CS RPL 3
  EXPECT_EQ(h.stack(0), u32{kData3});
  EXPECT_EQ(h.stack(1), Harness::kCode + 11);
  EXPECT_EQ(h.stack(2), u32{kCode0});
}

TEST_F(Ia32FarTransfer, IretToVirtual8086ModeAndAFaultBackToRing0) {
  //   push 0
  //   push 0
  //   push 0x2000
  //   push 0x3000
  //   push 0x0500
  //   push 0x0F00
  //   push 0x00023202
  //   push 0x1000
  //   push v86 - 0x10000
  //   iretd
  //   bits 16
  //   v86:
  //   mov cx, [0]
  //   mov dx, ss
  //   hlt
  const std::vector<u8> code = {
      0x6A, 0x00, 0x6A, 0x00, 0x68, 0x00, 0x20, 0x00, 0x00, 0x68, 0x00, 0x30, 0x00, 0x00, 0x68,
      0x00, 0x05, 0x00, 0x00, 0x68, 0x00, 0x0F, 0x00, 0x00, 0x68, 0x02, 0x32, 0x02, 0x00, 0x68,
      0x00, 0x10, 0x00, 0x00, 0x68, 0x28, 0x00, 0x00, 0x00, 0xCF, 0x8B, 0x0E, 0x00, 0x00, 0x8C,
      0xD2, 0xF4};
  h.poke<u16>(0x20000, 0xBEEF);  // DS:0 with DS = 0x2000
  load_tr();
  run(code);
  const u32 hlt_ip = static_cast<u32>(code.size()) - 1;
  EXPECT_EQ(h.reg(kEcx) & 0xFFFF, 0xBEEFu);
  EXPECT_EQ(h.reg(kEdx) & 0xFFFF, 0x0500u);
  EXPECT_EQ(h.vector(), kGP);  // HLT at CPL 3 in v86 mode, delivered to ring 0 via the TSS
  EXPECT_EQ(h.reg(kEsp), kRing0Stack - 40);
  EXPECT_EQ(h.stack(0), 0u);
  EXPECT_EQ(h.stack(1), hlt_ip);
  EXPECT_EQ(h.stack(2), 0x1000u);
  EXPECT_EQ(h.stack(3), 0x00023202u);  // VM, IOPL 3, IF
  EXPECT_EQ(h.stack(4), 0x0F00u);
  EXPECT_EQ(h.stack(5), 0x0500u);
  EXPECT_EQ(h.stack(6), 0x3000u);  // ES
  EXPECT_EQ(h.stack(7), 0x2000u);  // DS
  EXPECT_EQ(h.stack(8), 0u);       // FS
  EXPECT_EQ(h.stack(9), 0u);       // GS
  EXPECT_FALSE(h.cpu.st.v86());
  EXPECT_FALSE(h.cpu.st.seg[kDs].usable);  // the v86 data segments are nulled on entry
  EXPECT_FALSE(h.cpu.st.seg[kEs].usable);
}

TEST_F(Ia32FarTransfer, TaskTransfersCheckTheTssBeforeTheSwitch) {
  // JMP to a TSS below the 67H minimum limit: #TS(TSS selector)
  h.poke<u64>(Harness::kGdt + kTss2Sel, make_desc(kTss2, 0x60, 0x89, 0x0));
  run({0xEA, 0, 0, 0, 0, kTss2Sel, 0});
  EXPECT_EQ(h.vector(), kTS);
  EXPECT_EQ(h.stack(0), u32{kTss2Sel});
  EXPECT_EQ(h.stack(1), Harness::kCode);
  // CALL to the busy current TSS: #GP(TSS selector)
  load_tr();
  h.poke<u8>(Harness::kVectorCell, 0xFF);
  h.reg(kEsp) = Harness::kStackTop;
  run({0x9A, 0, 0, 0, 0, kTssSel, 0});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), u32{kTssSel});
}

TEST_F(Ia32FarTransfer, IretWithNtChecksThePreviousTaskLink) {
  load_tr();
  h.poke<u16>(kTss, kTss2Sel);  // previous-task link: an available, not a busy, TSS
  h.set_flags(kNt | kFixed1);
  run({0xCF});  // iretd
  EXPECT_EQ(h.vector(), kTS);
  EXPECT_EQ(h.stack(0), u32{kTss2Sel});
  EXPECT_EQ(h.stack(1), Harness::kCode);
}

TEST_F(Ia32FarTransfer, TaskGatesAreNotImplementedYet) {
  EXPECT_THROW(run({0xEA, 0, 0, 0, 0, kTaskGate, 0}), vtsim::Unimplemented);
}

}  // namespace
}  // namespace vtsim::ia32::testing
