#include "ia32_harness.h"

namespace vtsim::ia32::testing {
namespace {
// A descriptor from base, limit (bytes, or 4 KiB units with G) and the attribute byte pairs.
u64 make_desc(u32 base, u32 limit, u8 access, u8 flags) {
  return (limit & 0xFFFF) | (u64{base & 0xFFFFFF} << 16) | (u64{access} << 40) |
         (u64{(limit >> 16) & 0xF} << 48) | (u64{flags} << 52) | (u64{base >> 24} << 56);
}
}  // namespace

Harness::Harness() : cpu(default_model(), bus, clock, tracer) {
  poke<u64>(kGdt + 0x00, 0);
  poke<u64>(kGdt + 0x08, make_desc(0, 0xFFFFF, 0x9B, 0xC));  // code, 32-bit, 4 GiB
  poke<u64>(kGdt + 0x10, make_desc(0, 0xFFFFF, 0x93, 0xC));  // data, 32-bit, 4 GiB
  poke<u64>(kGdt + 0x18, make_desc(0, 0xFFFF, 0x9B, 0x0));   // code, 16-bit, 64 KiB
  poke<u64>(kGdt + 0x20, make_desc(0, 0xFFFF, 0x93, 0x0));   // data, 16-bit, 64 KiB
  for (u32 v = 0; v < 32; ++v) {
    u32 stub = kStubs + v * 8;
    // C6 05 disp32 imm8: mov byte [kVectorCell], v ; F4: hlt
    const u8 bytes[8] = {0xC6, 0x05, kVectorCell & 0xFF, (kVectorCell >> 8) & 0xFF, 0, 0,
                         static_cast<u8>(v), 0xF4};
    std::memcpy(mem(stub), bytes, 8);
    u64 gate = (stub & 0xFFFF) | (u64{0x08} << 16) | (u64{0x8E} << 40) | (u64{stub >> 16} << 48);
    poke<u64>(kIdt + v * 8, gate);
  }
  flat32();
}

void Harness::flat32() {
  cpu.reset();
  State& s = cpu.st;
  s.cr0 |= cr0::kPe;
  s.gdtr = {kGdt, 0x27};
  s.idtr = {kIdt, 32 * 8 - 1};
  cpu.set_segment(kCs, desc::to_segment(0x08, make_desc(0, 0xFFFFF, 0x9B, 0xC)));
  for (unsigned r : {kDs, kEs, kFs, kGs, kSs})
    cpu.set_segment(r, desc::to_segment(0x10, make_desc(0, 0xFFFFF, 0x93, 0xC)));
  cpu.mode_changed();
  s.r32(kEsp) = kStackTop;
  poke<u8>(kVectorCell, 0xFF);
}

void Harness::real16() {
  cpu.reset();
  State& s = cpu.st;
  Segment z;
  z.attr = attr::kPresent | attr::kS | attr::kWritable | attr::kAccessed;
  for (unsigned r : {kDs, kEs, kFs, kGs, kSs}) cpu.set_segment(r, z);
  z.attr |= attr::kCode;
  z.selector = kCode >> 4;  // CS:0000 is kCode
  z.base = kCode;
  cpu.set_segment(kCs, z);
  s.idtr = {0, 0x3FF};
  // IVT entry v -> 0000:stub16(v); stub: mov byte [kVectorCell], v ; hlt  (C6 06 disp16 imm8 F4)
  for (u32 v = 0; v < 32; ++v) {
    u32 stub = 0x3000 + v * 8;
    const u8 bytes[6] = {0xC6, 0x06, kVectorCell & 0xFF, (kVectorCell >> 8) & 0xFF,
                         static_cast<u8>(v), 0xF4};
    std::memcpy(mem(stub), bytes, 6);
    poke<u16>(v * 4, static_cast<u16>(stub));
    poke<u16>(v * 4 + 2, 0);
  }
  s.r32(kEsp) = kStackTop;
  poke<u8>(kVectorCell, 0xFF);
}

StopReason Harness::run(const std::vector<u8>& code, u64 max_insns) {
  std::memcpy(mem(kCode), code.data(), code.size());
  poke<u8>(kCode + static_cast<u32>(code.size()), 0xF4);
  cpu.st.rip = cpu.st.protected_mode() ? kCode : 0;
  cpu.st.halted = false;
  cpu.flush_translations();
  RunLimits lim;
  lim.max_insns = cpu.icount() + max_insns;
  return cpu.run(lim);
}

int Harness::vector() {
  u8 v = peek<u8>(kVectorCell);
  return v == 0xFF ? -1 : v;
}

u32 Harness::stack(unsigned index) {
  return peek<u32>(cpu.st.seg[kSs].base + cpu.st.r32(kEsp) + 4 * index);
}

}  // namespace vtsim::ia32::testing
