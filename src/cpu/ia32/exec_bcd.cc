// Decimal arithmetic: DAA DAS AAA AAS AAM AAD (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> bcd_rows() { return {}; }

}  // namespace vtsim::ia32
