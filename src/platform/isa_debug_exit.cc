#include "platform/isa_debug_exit.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace vtsim::platform {
namespace {

u32 low_bytes(u32 value, unsigned bytes) {
  return bytes >= 4 ? value : value & ((u32{1} << (8 * bytes)) - 1);
}

}  // namespace

IsaDebugExit::IsaDebugExit(u16 base, unsigned iosize) : base_(base), iosize_(iosize) {
  if (iosize != 1 && iosize != 4)
    throw UserError("isa-debug-exit: iosize must be 1 or 4, not " + std::to_string(iosize));
}

u32 IsaDebugExit::port_in(u16, unsigned size) { return low_bytes(~u32{0}, size); }

void IsaDebugExit::port_out(u16 port, unsigned size, u32 value) {
  if (static_cast<u16>(port - base_) >= iosize_ || exit_status_) return;
  u32 v = low_bytes(value, std::min(size, iosize_));
  exit_status_ = static_cast<int>((u64{v} << 1) | 1);
}

}  // namespace vtsim::platform
