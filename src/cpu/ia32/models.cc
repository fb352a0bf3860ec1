// The IA-32 CPU model table. CPUID leaves advertise only what vtsim implements (no FPU, MMX,
// SSE, PAE or APIC bits until they exist), so a guest never takes a path that cannot work.
#include <algorithm>

#include "cpu/ia32/model.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;

// Latencies from GCC's core2.md machine description (../shared/reference/timing.md, 8.2):
// ALU 1, ALU with memory 4, CMOV 2, IMUL 3, IDIV 32-bit 39, indirect branch 6, microcoded 6.
// Store, string, system, I/O and interrupt-delivery costs are modelled, not published.
constexpr timing::LatencyTable kCore2Latency = [] {
  timing::LatencyTable t{};
  auto set = [&t](OpClass c, u16 v) { t[static_cast<size_t>(c)] = v; };
  set(OpClass::kAlu, 1);
  set(OpClass::kAluMem, 4);
  set(OpClass::kStore, 1);
  set(OpClass::kCmov, 2);
  set(OpClass::kShift, 1);
  set(OpClass::kMul, 3);
  set(OpClass::kDiv, 39);
  set(OpClass::kBranch, 1);
  set(OpClass::kBranchInd, 6);
  set(OpClass::kString, 2);
  set(OpClass::kComplex, 6);
  set(OpClass::kSystem, 20);
  set(OpClass::kIo, 100);
  set(OpClass::kInterrupt, 6);
  return t;
}();

constexpr u32 kCore2Edx =
    cpuid_edx::kTsc | cpuid_edx::kMsr | cpuid_edx::kCx8 | cpuid_edx::kSep | cpuid_edx::kCmov;

// "GenuineIntel" in EBX, EDX, ECX order.
constexpr u32 kGenu = 0x756E6547, kInel = 0x6C65746E, kNtel = 0x49656E69;

std::vector<CpuidLeaf> core2_merom_cpuid() {
  return {
      {0x0, 0, 0x0A, kGenu, kNtel, kInel},
      // Family 6, model 15, stepping 6 (Core 2 Duo E6600, Merom core); CLFLUSH size 8 qwords.
      {0x1, 0, 0x000006F6, 0x00000800, 0x00000000, kCore2Edx},
      {0x80000000, 0, 0x80000004, 0, 0, 0},
      {0x80000001, 0, 0, 0, 0, 0},
      // Brand string "vtsim Core 2 (Merom)" padded with zeros, 16 bytes a leaf.
      {0x80000002, 0, 0x69737476, 0x6F43206D, 0x32206572, 0x654D2820},
      {0x80000003, 0, 0x29736F72, 0, 0, 0},
      {0x80000004, 0, 0, 0, 0, 0},
  };
}

std::vector<Model> build_models() {
  return {
      Model{"core2_merom", "Intel Core 2 Duo (Merom, 65 nm), 2.66 GHz, 32-bit view",
            "latencies: GCC core2.md (timing.md 8.2); clock: Adams & Agesen 2006 test part",
            2'660'000'000, core2_merom_cpuid(), kCore2Latency, 100},
  };
}

}  // namespace

std::span<const Model> models() {
  static const std::vector<Model> kModels = build_models();
  return kModels;
}

const Model* find_model(std::string_view name) {
  auto all = models();
  auto it = std::find_if(all.begin(), all.end(), [&](const Model& m) { return m.name == name; });
  return it == all.end() ? nullptr : &*it;
}

const Model& default_model() { return models().front(); }

}  // namespace vtsim::ia32
