// IA-32 CPU models as data: identification, CPUID leaves, MSR reset values and latencies.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "timing/op_class.h"

namespace vtsim::ia32 {

struct CpuidLeaf {
  u32 leaf, subleaf;
  u32 eax, ebx, ecx, edx;
};

struct Model {
  std::string_view name;         // --cpu value
  std::string_view description;  // one line for `vtsim models`
  std::string_view source;       // where the figures come from
  u64 hz;                        // core clock
  std::vector<CpuidLeaf> cpuid;  // masked to what vtsim implements
  timing::LatencyTable latency;  // cycles per op class
  u16 exception_cycles;          // extra cost of delivering an exception or interrupt
};

std::span<const Model> models();
// The model named name, or nullptr.
const Model* find_model(std::string_view name);
const Model& default_model();

// CPUID.01H:EDX feature bits (SDM Vol. 2A, CPUID, Table 3-11).
namespace cpuid_edx {
constexpr u32 kTsc = 1u << 4;
constexpr u32 kMsr = 1u << 5;
constexpr u32 kCx8 = 1u << 8;
constexpr u32 kSep = 1u << 11;
constexpr u32 kCmov = 1u << 15;
}  // namespace cpuid_edx

}  // namespace vtsim::ia32
