#include "cpu/ia32/fault.h"

#include <array>

namespace vtsim::ia32 {

std::string_view vector_name(u8 vector) {
  static constexpr std::array<std::string_view, 21> kNames = {
      "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS",
      "#NP", "#SS", "#GP", "#PF", "#15",  "#MF", "#AC", "#MC", "#XM", "#VE"};
  return vector < kNames.size() ? kNames[vector] : "INTR";
}

bool is_trap(u8 vector) { return vector == kBP || vector == kOF; }

}  // namespace vtsim::ia32
