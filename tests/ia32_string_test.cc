// String instructions: MOVS CMPS SCAS LODS STOS INS OUTS, REP prefixes, address size, DF,
// segment override, restart of long REPs and faults in the middle of one (SDM Vol. 2).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

using namespace eflags;
constexpr u32 kData = Harness::kData;

// Puts bytes at a physical address.
void put(Harness& h, u32 pa, const std::vector<u8>& bytes) {
  std::memcpy(h.mem(pa), bytes.data(), bytes.size());
}

// Places code at kCode followed by HLT and runs it with the given limits (Harness::run without
// its fixed instruction limit).
StopReason run_limited(Harness& h, const std::vector<u8>& code, const RunLimits& lim) {
  put(h, Harness::kCode, code);
  h.poke<u8>(Harness::kCode + static_cast<u32>(code.size()), 0xF4);
  h.cpu.st.rip = Harness::kCode;
  h.cpu.flush_translations();
  return h.cpu.run(lim);
}

// A port device that logs OUT values and answers IN from a list.
class PortLog : public mem::PortDevice {
 public:
  explicit PortLog(std::vector<u32> answers = {}) : answers_(std::move(answers)) {}
  u32 port_in(u16, unsigned) override { return answers_.at(reads_++); }
  void port_out(u16, unsigned size, u32 value) override {
    outs_.push_back(value);
    sizes_.push_back(size);
  }
  std::vector<u32> outs_;
  std::vector<unsigned> sizes_;
  std::vector<u32> answers_;
  size_t reads_ = 0;
};

// An interrupt controller that raises INTR with one vector once the clock reaches a cycle.
class TimedIntr : public PlatformLink {
 public:
  TimedIntr(const timing::Clock& clock, u64 at, u8 vector)
      : clock_(clock), at_(at), vector_(vector) {}
  bool intr_pending() override { return !taken_ && clock_.cycles >= at_; }
  u8 intr_acknowledge() override {
    taken_ = true;
    return vector_;
  }
  u64 next_event_cycle() override { return taken_ ? UINT64_MAX : at_; }
  void advance() override {}
  bool stop_requested() override { return false; }

 private:
  const timing::Clock& clock_;
  u64 at_;
  u8 vector_;
  bool taken_ = false;
};

TEST(Ia32String, RepMovsbCopiesForward) {
  Harness h;
  put(h, kData, {'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'});
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x100;
  h.reg(kEcx) = 8;
  h.run({0xF3, 0xA4});  // rep movsb
  EXPECT_EQ(std::memcmp(h.mem(kData + 0x100), "ABCDEFGH", 8), 0);
  EXPECT_EQ(h.reg(kEsi), kData + 8);
  EXPECT_EQ(h.reg(kEdi), kData + 0x108);
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.vector(), -1);
}

TEST(Ia32String, RepMovsdBackwardWithDf) {
  Harness h;
  h.poke<u32>(kData + 0, 0x11111111);
  h.poke<u32>(kData + 4, 0x22222222);
  h.poke<u32>(kData + 8, 0x33333333);
  h.poke<u32>(kData + 0xFC, 0xEEEEEEEE);
  h.reg(kEsi) = kData + 8;
  h.reg(kEdi) = kData + 0x108;
  h.reg(kEcx) = 3;
  h.run({0xFD, 0xF3, 0xA5});  // std ; rep movsd
  EXPECT_EQ(h.peek<u32>(kData + 0x100), 0x11111111u);
  EXPECT_EQ(h.peek<u32>(kData + 0x104), 0x22222222u);
  EXPECT_EQ(h.peek<u32>(kData + 0x108), 0x33333333u);
  EXPECT_EQ(h.peek<u32>(kData + 0xFC), 0xEEEEEEEEu);  // one element past the end: untouched
  EXPECT_EQ(h.reg(kEsi), kData - 4);
  EXPECT_EQ(h.reg(kEdi), kData + 0xFC);
  EXPECT_EQ(h.reg(kEcx), 0u);
}

TEST(Ia32String, MovswWithoutRepMovesOneWord) {
  Harness h;
  h.poke<u32>(kData, 0xAABBCCDD);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 5;
  h.run({0x66, 0xA5});  // movsw
  EXPECT_EQ(h.peek<u32>(kData + 0x10), 0x0000CCDDu);
  EXPECT_EQ(h.reg(kEsi), kData + 2);
  EXPECT_EQ(h.reg(kEdi), kData + 0x12);
  EXPECT_EQ(h.reg(kEcx), 5u);  // ECX is not a count without REP
}

TEST(Ia32String, RepWithZeroCountDoesNothing) {
  Harness h;
  h.poke<u8>(kData, 0x55);
  h.poke<u8>(kData + 0x10, 0x66);
  h.set_flags(kFixed1 | kZf | kCf);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 0;
  h.run({0xF3, 0xA4, 0xF3, 0xA6, 0xF2, 0xAE});  // rep movsb ; repe cmpsb ; repne scasb
  EXPECT_EQ(h.peek<u8>(kData + 0x10), 0x66u);
  EXPECT_EQ(h.reg(kEsi), kData);
  EXPECT_EQ(h.reg(kEdi), kData + 0x10);
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.flags() & kArith, kZf | kCf);  // no comparison was made
}

TEST(Ia32String, RepeCmpsbStopsAtFirstDifference) {
  Harness h;
  put(h, kData, {'A', 'B', 'C', 'D', 0x45, 'F'});
  put(h, kData + 0x10, {'A', 'B', 'C', 'D', 0x5A, 'F'});
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 6;
  h.run({0xF3, 0xA6});  // repe cmpsb
  EXPECT_EQ(h.reg(kEcx), 1u);
  EXPECT_EQ(h.reg(kEsi), kData + 5);
  EXPECT_EQ(h.reg(kEdi), kData + 0x15);
  // CMP 0x45, 0x5A = 0xEB: borrow, negative, borrow from bit 4, even parity.
  EXPECT_EQ(h.flags() & kArith, kCf | kSf | kAf | kPf);
}

TEST(Ia32String, RepeCmpsRunsOutWithZfSet) {
  Harness h;
  h.poke<u32>(kData, 0x01020304);
  h.poke<u32>(kData + 0x10, 0x01020304);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 2;
  h.run({0xF3, 0x66, 0xA7});  // repe cmpsw
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.reg(kEsi), kData + 4);
  EXPECT_EQ(h.reg(kEdi), kData + 0x14);
  EXPECT_EQ(h.flags() & kArith, kZf | kPf);
}

TEST(Ia32String, CmpswFlagsAreThoseOfCmp) {
  Harness h;
  h.poke<u16>(kData, 0x8000);
  h.poke<u16>(kData + 0x10, 0x0001);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.run({0x66, 0xA7});  // cmpsw: [ESI] - [EDI] = 0x7FFF, signed overflow
  EXPECT_EQ(h.flags() & kArith, kOf | kAf | kPf);
  EXPECT_EQ(h.reg(kEsi), kData + 2);
  EXPECT_EQ(h.reg(kEdi), kData + 0x12);
}

TEST(Ia32String, RepneScasbFindsTerminator) {
  Harness h;
  put(h, kData, {'h', 'e', 'l', 'l', 'o', 0, 'x'});
  h.reg(kEax) = 0xFFFFFF00;  // AL = 0
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 0xFFFFFFFF;
  h.run({0xF2, 0xAE});  // repne scasb
  EXPECT_EQ(h.reg(kEcx), 0xFFFFFFFFu - 6);
  EXPECT_EQ(h.reg(kEdi), kData + 6);
  EXPECT_EQ(h.flags() & kArith, kZf | kPf);
}

TEST(Ia32String, ScasdComparesEaxWithEsEdi) {
  Harness h;
  h.poke<u32>(kData, 7);
  h.reg(kEax) = 5;
  h.reg(kEdi) = kData;
  h.run({0xAF});  // scasd: 5 - 7 = 0xFFFFFFFE
  EXPECT_EQ(h.flags() & kArith, kCf | kSf | kAf);
  EXPECT_EQ(h.reg(kEdi), kData + 4);
}

TEST(Ia32String, LodsLoadsAccumulator) {
  Harness h;
  h.poke<u32>(kData, 0x44332211);
  h.reg(kEax) = 0xAAAAAAAA;
  h.reg(kEsi) = kData;
  h.reg(kEcx) = 2;
  h.run({0x66, 0xAD, 0xF3, 0xAC});  // lodsw ; rep lodsb (AL ends with the last byte)
  EXPECT_EQ(h.reg(kEax), 0xAAAA2244u);
  EXPECT_EQ(h.reg(kEsi), kData + 4);
  EXPECT_EQ(h.reg(kEcx), 0u);
}

TEST(Ia32String, RepStosFills) {
  Harness h;
  h.poke<u8>(kData + 16, 0x77);
  h.reg(kEax) = 0x123456AB;
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 16;
  h.run({0xF3, 0xAA});  // rep stosb
  for (u32 i = 0; i < 16; ++i) EXPECT_EQ(h.peek<u8>(kData + i), 0xABu) << i;
  EXPECT_EQ(h.peek<u8>(kData + 16), 0x77u);
  EXPECT_EQ(h.reg(kEdi), kData + 16);
}

TEST(Ia32String, RepneOnMovsRepeatsLikeRep) {
  Harness h;
  h.poke<u32>(kData, 0x04030201);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 4;
  h.set_flags(kFixed1 | kZf);  // ZF plays no part outside CMPS and SCAS
  h.run({0xF2, 0xA4});         // repne movsb
  EXPECT_EQ(h.peek<u32>(kData + 0x10), 0x04030201u);
  EXPECT_EQ(h.reg(kEcx), 0u);
}

TEST(Ia32String, AddressSize16UsesSiDiCxAndWraps) {
  Harness h;
  h.poke<u8>(0xFFFF, 0x5A);
  h.poke<u8>(0x0000, 0xA5);
  h.reg(kEsi) = 0x1234FFFF;
  h.reg(kEdi) = 0xABCD4000;
  h.reg(kEcx) = 0xFFFF0002;
  h.run({0xF3, 0x67, 0xA4});  // rep movsb with a 16-bit address size
  EXPECT_EQ(h.peek<u8>(0x4000), 0x5Au);
  EXPECT_EQ(h.peek<u8>(0x4001), 0xA5u);  // SI wrapped from 0xFFFF to 0
  EXPECT_EQ(h.reg(kEsi), 0x12340001u);
  EXPECT_EQ(h.reg(kEdi), 0xABCD4002u);
  EXPECT_EQ(h.reg(kEcx), 0xFFFF0000u);
}

TEST(Ia32String, SegmentOverrideAppliesToSourceOnly) {
  Harness h;
  Segment fs = h.cpu.st.seg[kDs];
  fs.base = 0x100;
  h.cpu.set_segment(kFs, fs);
  h.poke<u8>(kData, 0x11);
  h.poke<u8>(kData + 0x100, 0x22);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x200;
  h.reg(kEax) = 0x33;
  // fs movsb (reads FS:ESI, writes ES:EDI) ; mov edi, kData+0x300 ; fs stosb (ES:EDI still)
  h.run({0x64, 0xA4, 0xBF, 0x00, 0x03, 0x02, 0x00, 0x64, 0xAA});
  EXPECT_EQ(h.peek<u8>(kData + 0x200), 0x22u);
  EXPECT_EQ(h.peek<u8>(kData + 0x300), 0x33u);
  EXPECT_EQ(h.peek<u8>(kData + 0x400), 0u);
}

TEST(Ia32String, RealModeRepMovswUsesCx) {
  Harness h;
  h.real16();
  h.poke<u16>(0x4100, 0x1111);
  h.poke<u16>(0x4102, 0x2222);
  h.poke<u16>(0x4104, 0x3333);
  h.reg(kEsi) = 0x4100;
  h.reg(kEdi) = 0x4200;
  h.reg(kEcx) = 0xABCD0003;
  h.run({0xF3, 0xA5});  // rep movsw (16-bit code)
  EXPECT_EQ(h.peek<u16>(0x4200), 0x1111u);
  EXPECT_EQ(h.peek<u16>(0x4204), 0x3333u);
  EXPECT_EQ(h.reg(kEsi), 0x4106u);
  EXPECT_EQ(h.reg(kEdi), 0x4206u);
  EXPECT_EQ(h.reg(kEcx), 0xABCD0000u);
}

TEST(Ia32String, LongRepRetiresOnce) {
  Harness h;
  h.reg(kEax) = 0x5C;
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 10000;  // more than one part
  h.run({0xF3, 0xAA});  // rep stosb
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.reg(kEdi), kData + 10000);
  EXPECT_EQ(h.peek<u8>(kData + 9999), 0x5Cu);
  EXPECT_EQ(h.peek<u8>(kData + 10000), 0u);
  EXPECT_EQ(h.cpu.icount(), 2u);  // rep stosb and HLT
}

TEST(Ia32String, LongRepStopsAtItsOwnAddressAndResumes) {
  Harness h;
  h.reg(kEax) = 0x5C;
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 100000;
  RunLimits lim;
  lim.max_cycles = h.clock.cycles + 1;
  EXPECT_EQ(run_limited(h, {0xF3, 0xAA}, lim), StopReason::kCycleLimit);
  const u32 left = h.reg(kEcx);
  EXPECT_GT(left, 0u);
  EXPECT_LT(left, 100000u);
  EXPECT_EQ(h.reg(kEdi), kData + (100000 - left));
  EXPECT_EQ(h.cpu.st.eip(), Harness::kCode);
  EXPECT_EQ(h.cpu.icount(), 0u);
  EXPECT_EQ(h.cpu.run(RunLimits{}), StopReason::kHalt);
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.reg(kEdi), kData + 100000);
  EXPECT_EQ(h.cpu.icount(), 2u);
}

TEST(Ia32String, LongRepIsInterruptible) {
  Harness h;
  TimedIntr pic(h.clock, h.clock.cycles + 1, 0x1F);
  h.cpu.set_platform(&pic);
  h.set_flags(kFixed1 | kIf);
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 100000;
  h.run({0xF3, 0xAA});  // rep stosb
  EXPECT_EQ(h.vector(), 0x1F);
  EXPECT_EQ(h.stack(0), Harness::kCode);  // saved EIP: the REP instruction, to resume it
  EXPECT_GT(h.reg(kEcx), 0u);
  EXPECT_LT(h.reg(kEcx), 100000u);
  EXPECT_EQ(h.reg(kEdi), kData + (100000 - h.reg(kEcx)));
  EXPECT_EQ(h.cpu.icount(), 2u);  // the handler's two instructions; the REP has not retired
}

TEST(Ia32String, RestartWrapsIpIn16BitCode) {
  Harness h;
  h.real16();
  // rep stosb at CS:FFFE; the next IP wraps to 0, where HLT is.
  h.poke<u8>(Harness::kCode + 0xFFFE, 0xF3);
  h.poke<u8>(Harness::kCode + 0xFFFF, 0xAA);
  h.poke<u8>(Harness::kCode, 0xF4);
  h.reg(kEdi) = 0x4000;
  h.reg(kEcx) = 5000;
  h.reg(kEax) = 0x99;
  h.cpu.st.rip = 0xFFFE;
  h.cpu.flush_translations();
  EXPECT_EQ(h.cpu.run(RunLimits{}), StopReason::kHalt);
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(h.reg(kEdi), 0x4000u + 5000);
  EXPECT_EQ(h.peek<u8>(0x4000 + 4999), 0x99u);
  EXPECT_EQ(h.cpu.st.eip(), 1u);  // after the HLT at CS:0000
  EXPECT_EQ(h.cpu.icount(), 2u);
}

TEST(Ia32String, SingleStepTrapsAfterEachIteration) {
  Harness h;
  put(h, kData, {1, 2, 3});
  h.set_flags(kFixed1 | kTf);
  h.reg(kEsi) = kData;
  h.reg(kEdi) = kData + 0x10;
  h.reg(kEcx) = 3;
  h.run({0xF3, 0xA4});  // rep movsb
  EXPECT_EQ(h.vector(), kDB);
  EXPECT_EQ(h.stack(0), Harness::kCode);  // the trap returns to the unfinished REP
  EXPECT_EQ(h.reg(kEcx), 2u);
  EXPECT_EQ(h.reg(kEsi), kData + 1);
  EXPECT_EQ(h.peek<u8>(kData + 0x10), 1u);
  EXPECT_EQ(h.peek<u8>(kData + 0x11), 0u);
}

TEST(Ia32String, FaultMidRepLeavesCompletedIterations) {
  Harness h;
  h.poke<u8>(0xFFFD, 0xA1);
  h.poke<u8>(0xFFFE, 0xA2);
  h.poke<u8>(0xFFFF, 0xA3);
  h.reg(kEsi) = 0xFFFD;
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 5;
  // mov ax, 0x20 ; mov ds, ax (64 KiB data segment) ; rep movsb: the 4th read is past the limit
  h.run({0x66, 0xB8, 0x20, 0x00, 0x8E, 0xD8, 0xF3, 0xA4});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(0), 0u);                  // error code
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);  // the REP instruction
  EXPECT_EQ(h.reg(kEsi), 0x10000u);
  EXPECT_EQ(h.reg(kEdi), kData + 3);
  EXPECT_EQ(h.reg(kEcx), 2u);
  EXPECT_EQ(h.peek<u8>(kData + 2), 0xA3u);
  EXPECT_EQ(h.peek<u8>(kData + 3), 0u);
}

// A debug-exit style port: asks the run to stop after a number of writes.
class StopAfterWrites : public mem::PortDevice, public PlatformLink {
 public:
  explicit StopAfterWrites(unsigned n) : n_(n) {}
  u32 port_in(u16, unsigned) override { return 0; }
  void port_out(u16, unsigned, u32) override { ++writes_; }
  bool intr_pending() override { return false; }
  u8 intr_acknowledge() override { return 0; }
  u64 next_event_cycle() override { return UINT64_MAX; }
  void advance() override {}
  bool stop_requested() override { return writes_ >= n_; }
  unsigned writes_ = 0;

 private:
  unsigned n_;
};

TEST(Ia32String, RepOutsStopsWhenADeviceAsksTo) {
  Harness h;
  StopAfterWrites dev(2);
  h.bus.map_ports(0xE9, 1, &dev);
  h.cpu.set_platform(&dev);
  h.reg(kEdx) = 0xE9;
  h.reg(kEsi) = kData;
  h.reg(kEcx) = 10;
  EXPECT_EQ(h.run({0xF3, 0x6E}), StopReason::kDevice);  // rep outsb
  EXPECT_EQ(dev.writes_, 2u);
  EXPECT_EQ(h.reg(kEcx), 8u);
  EXPECT_EQ(h.reg(kEsi), kData + 2);
  EXPECT_EQ(h.cpu.st.eip(), Harness::kCode);  // the rest runs when the run resumes
  EXPECT_EQ(h.cpu.icount(), 0u);
}

TEST(Ia32String, RepOutsbWritesThePort) {
  Harness h;
  PortLog dev;
  h.bus.map_ports(0x80, 1, &dev);
  put(h, kData, {0x10, 0x20, 0x30, 0x40});
  h.reg(kEdx) = 0x80;
  h.reg(kEsi) = kData;
  h.reg(kEcx) = 4;
  h.run({0xF3, 0x6E});  // rep outsb
  EXPECT_EQ(dev.outs_, (std::vector<u32>{0x10, 0x20, 0x30, 0x40}));
  EXPECT_EQ(dev.sizes_, (std::vector<unsigned>{1, 1, 1, 1}));
  EXPECT_EQ(h.reg(kEsi), kData + 4);
  EXPECT_EQ(h.reg(kEcx), 0u);
}

TEST(Ia32String, RepInswReadsThePort) {
  Harness h;
  PortLog dev({0x1111, 0x2222, 0x3333});
  h.bus.map_ports(0x60, 1, &dev);
  h.reg(kEdx) = 0x60;
  h.reg(kEdi) = kData;
  h.reg(kEcx) = 3;
  h.run({0xF3, 0x66, 0x6D});  // rep insw
  EXPECT_EQ(h.peek<u16>(kData + 0), 0x1111u);
  EXPECT_EQ(h.peek<u16>(kData + 2), 0x2222u);
  EXPECT_EQ(h.peek<u16>(kData + 4), 0x3333u);
  EXPECT_EQ(h.reg(kEdi), kData + 6);
  EXPECT_EQ(dev.reads_, 3u);
}

TEST(Ia32String, InsChecksDestinationBeforeReadingPort) {
  Harness h;
  PortLog dev({0xAB});
  h.bus.map_ports(0x60, 1, &dev);
  h.reg(kEdx) = 0x60;
  h.reg(kEdi) = 0x10000;
  // mov ax, 0x20 ; mov es, ax (limit 0xFFFF) ; insb at ES:0x10000
  h.run({0x66, 0xB8, 0x20, 0x00, 0x8E, 0xC0, 0x6C});
  EXPECT_EQ(h.vector(), kGP);
  EXPECT_EQ(h.stack(1), Harness::kCode + 6);
  EXPECT_EQ(dev.reads_, 0u);
  EXPECT_EQ(h.reg(kEdi), 0x10000u);
}

}  // namespace
}  // namespace vtsim::ia32::testing
