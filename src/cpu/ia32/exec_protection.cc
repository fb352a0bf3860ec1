// Protection instructions: LLDT LTR SLDT STR LAR LSL VERR VERW ARPL LMSW SMSW CLTS, MOV DR, MSRs, SYSENTER/SYSEXIT, INVLPG, INVD/WBINVD, UD2 (SDM Vol. 2, Vol. 3A).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {

std::span<const Row> protection_rows() { return {}; }

}  // namespace vtsim::ia32
