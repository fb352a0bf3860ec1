// Decode and execution throughput of the IA-32 core (Google Benchmark).
// Whole-image MIPS against Bochs and QEMU is bench/peers.sh.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "cpu/ia32/cpu.h"
#include "cpu/ia32/decoder.h"

namespace vtsim::ia32 {
namespace {

// add eax,ebx; xor ebx,eax; lea edx,[eax+ebx*4]; mov [esi],edx; add eax,[esi]; dec ecx
const std::vector<u8> kMix = {0x01, 0xD8, 0x31, 0xC3, 0x8D, 0x14, 0x98, 0x89,
                              0x16, 0x03, 0x06, 0x49};

void BM_Decode(benchmark::State& state) {
  u64 n = 0;
  for (auto _ : state) {
    size_t pos = 0;
    while (pos < kMix.size()) {
      DecodedInsn d;
      decode({kMix.data() + pos, kMix.size() - pos}, true, kAllFeatures, d);
      benchmark::DoNotOptimize(d);
      pos += d.len;
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_Decode);

// A flat 32-bit machine running "mix; jnz loop" from the decoded-block cache.
void BM_Step(benchmark::State& state) {
  timing::Clock clock;
  trace::Tracer tracer;
  mem::Bus bus(4u << 20);
  Cpu cpu(default_model(), bus, clock, tracer);
  std::vector<u8> code = kMix;
  code.insert(code.end(), {0x75, static_cast<u8>(-(static_cast<int>(kMix.size()) + 2))});
  std::memcpy(bus.ram() + 0x10000, code.data(), code.size());
  State& s = cpu.st;
  s.cr0 |= cr0::kPe;
  Segment flat{0x08, 0, 0xFFFFFFFF, 0xC9B, true};
  cpu.set_segment(kCs, flat);
  flat.attr = 0xC93;
  for (unsigned r : {kDs, kEs, kSs}) cpu.set_segment(r, flat);
  s.rip = 0x10000;
  s.r32(kEsi) = 0x2000;
  s.r32(kEbx) = 1;
  const u64 per_turn = 7;
  for (auto _ : state) {
    s.r32(kEcx) = 100000;
    s.rip = 0x10000;
    RunLimits lim;
    lim.max_insns = cpu.icount() + per_turn * 100000;
    cpu.run(lim);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * per_turn * 100000));
}
BENCHMARK(BM_Step)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vtsim::ia32
