#include "timing/op_class.h"

namespace vtsim::timing {

std::string_view op_class_name(OpClass c) {
  static constexpr std::array<std::string_view, static_cast<size_t>(OpClass::kCount)> kNames = {
      "alu", "alu-mem", "store", "cmov", "shift", "mul", "div", "branch", "branch-indirect",
      "string", "complex", "system", "io", "interrupt"};
  return kNames[static_cast<size_t>(c)];
}

}  // namespace vtsim::timing
