// Multiply and divide: MUL IMUL DIV IDIV (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> muldiv_rows() { return {}; }

}  // namespace vtsim::ia32
