// Tracing invariant: exactly one retire event per retired instruction, faults included
// (ARCHITECTURE.md "Tracing"; issue: "a test checks exactly one retire event per instruction").
#include <gtest/gtest.h>

#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {

class CountingSink : public trace::Sink {
 public:
  explicit CountingSink(u64* retires, u64* exceptions) : retires_(retires), exceptions_(exceptions) {}
  void retire(const trace::Retire& e) override {
    EXPECT_EQ(e.icount, *retires_);  // events come in order, numbered from 0
    ++*retires_;
  }
  void exception(const trace::Exception&) override { ++*exceptions_; }

 private:
  u64* retires_;
  u64* exceptions_;
};

TEST(TraceRetire, OneEventPerRetiredInstruction) {
  Harness h;
  u64 retires = 0, exceptions = 0;
  h.tracer.add(std::make_unique<CountingSink>(&retires, &exceptions));
  h.tracer.set_mask(trace::kAllKinds);
  // A counted loop (mov ecx,50; l: add eax,ecx; dec ecx; jnz l) then an invalid opcode whose
  // #UD handler stub (2 instructions) halts.
  h.run({0xB9, 50, 0, 0, 0, 0x01, 0xC8, 0x49, 0x75, 0xFB, 0x0F, 0xFF});
  EXPECT_EQ(h.vector(), kUD);
  EXPECT_EQ(exceptions, 1u);
  EXPECT_EQ(retires, h.cpu.icount());
  EXPECT_EQ(retires, 1u + 3u * 50u + 2u);  // the faulting instruction does not retire
}

TEST(TraceRetire, NoEventsWhenTracingIsOff) {
  Harness h;
  u64 retires = 0, exceptions = 0;
  h.tracer.add(std::make_unique<CountingSink>(&retires, &exceptions));
  h.tracer.set_mask(trace::bit(trace::Kind::kException));
  h.run({0xB9, 50, 0, 0, 0, 0x01, 0xC8, 0x49, 0x75, 0xFB});
  EXPECT_EQ(retires, 0u);
  EXPECT_EQ(h.cpu.icount(), 1u + 3u * 50u + 1u);  // the trailing HLT retires too
}

}  // namespace
}  // namespace vtsim::ia32::testing

namespace vtsim::ia32::testing {
namespace {

TEST(TraceRetire, LongRepStringRetiresOnce) {
  Harness h;
  u64 retires = 0, exceptions = 0;
  h.tracer.add(std::make_unique<CountingSink>(&retires, &exceptions));
  h.tracer.set_mask(trace::kAllKinds);
  // mov ecx, 20000 ; mov edi, kData ; rep stosb  (runs in several bounded parts)
  h.run({0xB9, 0x20, 0x4E, 0, 0, 0xBF, 0x00, 0x00, 0x02, 0x00, 0xF3, 0xAA});
  EXPECT_EQ(h.reg(kEcx), 0u);
  EXPECT_EQ(retires, h.cpu.icount());
  EXPECT_EQ(retires, 4u);  // mov, mov, rep stosb, hlt
}

}  // namespace
}  // namespace vtsim::ia32::testing
