#include "platform/system_control_port_b.h"

namespace vtsim::platform {
namespace {

constexpr unsigned kSpeakerCounter = 2;
constexpr u8 kGate2 = 0x01, kWritableBits = 0x0F, kRefreshToggle = 0x10, kOut2 = 0x20;

}  // namespace

SystemControlPortB::SystemControlPortB(Pit8254& pit, const timing::Clock& clock)
    : pit_(pit), clock_(clock) {
  pit_.set_gate(kSpeakerCounter, false);
}

u8 SystemControlPortB::read_byte(u16 port) {
  if (port != kPort) return 0xFF;
  u64 refreshes = clock_.to_device_ticks(clock_.cycles, Pit8254::kInputHz) / kRefreshTicks;
  return static_cast<u8>(control_ | ((refreshes & 1) ? kRefreshToggle : 0) |
                         (pit_.out(kSpeakerCounter) ? kOut2 : 0));
}

void SystemControlPortB::write_byte(u16 port, u8 value) {
  if (port != kPort) return;
  control_ = value & kWritableBits;
  pit_.set_gate(kSpeakerCounter, (value & kGate2) != 0);
}

}  // namespace vtsim::platform
