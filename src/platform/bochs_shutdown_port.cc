#include "platform/bochs_shutdown_port.h"

#include <string_view>

namespace vtsim::platform {
namespace {

constexpr std::string_view kMagic = "Shutdown";

}  // namespace

u8 BochsShutdownPort::read_byte(u16) { return 0xFF; }

void BochsShutdownPort::write_byte(u16 port, u8 value) {
  if (port != kPort) return;
  char c = static_cast<char>(value);
  if (c == kMagic[matched_])
    ++matched_;
  else
    matched_ = c == kMagic[0] ? 1 : 0;
  if (matched_ == kMagic.size()) {
    requested_ = true;
    matched_ = 0;
  }
}

}  // namespace vtsim::platform
