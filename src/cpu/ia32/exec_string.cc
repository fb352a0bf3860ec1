// String instructions: MOVS CMPS SCAS LODS STOS INS OUTS with REP prefixes (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> string_rows() { return {}; }

}  // namespace vtsim::ia32
