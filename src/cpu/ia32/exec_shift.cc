// Shifts and rotates: SHL SHR SAR ROL ROR RCL RCR SHLD SHRD (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> shift_rows() { return {}; }

}  // namespace vtsim::ia32
