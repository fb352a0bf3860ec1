// Stack frames and flags transfer: ENTER LEAVE PUSHA POPA PUSHF POPF LAHF SAHF, XLAT, BOUND, LDS/LES/LFS/LGS/LSS (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> stack_rows() { return {}; }

}  // namespace vtsim::ia32
