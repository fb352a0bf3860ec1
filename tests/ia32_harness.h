// A bare IA-32 machine for unit tests: RAM, a CPU, a flat GDT and an IDT whose handlers record
// the vector and halt. Tests place code bytes, run them to HLT and inspect the state.
#pragma once
#include <vector>

#include "cpu/ia32/cpu.h"
#include "cpu/ia32/descriptor.h"

namespace vtsim::ia32::testing {

class Harness {
 public:
  static constexpr u32 kCode = 0x10000;       // where run() places the code
  static constexpr u32 kStackTop = 0x8000;    // ESP at start
  static constexpr u32 kGdt = 0x500;          // null, code32 0x08, data32 0x10, code16 0x18, data16 0x20
  static constexpr u32 kIdt = 0x1000;         // 32 interrupt gates to the stubs
  static constexpr u32 kStubs = 0x2000;       // stub v: mov byte [kVectorCell], v; hlt
  static constexpr u32 kVectorCell = 0x7F00;  // 0xFF until a handler runs
  static constexpr u32 kData = 0x20000;       // free RAM for test data

  Harness();
  // Flat 32-bit protected mode, CPL 0, IF = 0, ESP = kStackTop. The default.
  void flat32();
  // Real mode, CS = DS = ES = SS = 0 (CS base 0), SP = kStackTop; real-mode IVT stubs set up.
  void real16();
  // Copies code to kCode followed by HLT, sets EIP and runs until a halt or max_insns.
  StopReason run(const std::vector<u8>& code, u64 max_insns = 100000);

  // The vector a handler recorded, or -1 if no exception was delivered.
  [[nodiscard]] int vector();
  // The dword at ESP + 4 * index (after an exception: error code / EIP / CS / EFLAGS).
  [[nodiscard]] u32 stack(unsigned index);

  u32& reg(Gpr r) { return cpu.st.r32(r); }
  [[nodiscard]] u32 flags() const { return cpu.st.flags.get(); }
  void set_flags(u32 v) { cpu.st.flags.set(v); }
  u8* mem(u32 pa) { return bus.ram() + pa; }
  template <typename T>
  T peek(u32 pa) { T v; std::memcpy(&v, mem(pa), sizeof v); return v; }
  template <typename T>
  void poke(u32 pa, T v) { std::memcpy(mem(pa), &v, sizeof v); }

  timing::Clock clock;
  trace::Tracer tracer;
  mem::Bus bus{16u << 20};
  Cpu cpu;
};

}  // namespace vtsim::ia32::testing
