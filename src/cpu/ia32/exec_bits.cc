// Bit instructions, SETcc, CMOVcc, CMPXCHG, XADD, BSWAP (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> bits_rows() { return {}; }

}  // namespace vtsim::ia32
