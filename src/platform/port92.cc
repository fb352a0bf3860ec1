#include "platform/port92.h"

#include <utility>

namespace vtsim::platform {
namespace {

constexpr u8 kFastReset = 0x01, kA20 = 0x02;

}  // namespace

Port92::Port92(mem::Bus& bus, std::function<void()> reset) : bus_(bus), reset_(std::move(reset)) {}

u8 Port92::read_byte(u16 port) {
  if (port != kPort) return 0xFF;
  return static_cast<u8>((value_ & ~kA20) | (bus_.a20() ? kA20 : 0));
}

void Port92::write_byte(u16 port, u8 value) {
  if (port != kPort) return;
  bool rising_reset = !(value_ & kFastReset) && (value & kFastReset);
  value_ = value;
  bus_.set_a20((value & kA20) != 0);
  if (rising_reset && reset_) reset_();
}

}  // namespace vtsim::platform
