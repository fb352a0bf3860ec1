// System control port A at 0x92 (PS/2 and later chipsets): fast A20 gate and fast reset.
#pragma once
#include <functional>

#include "common/types.h"
#include "mem/bus.h"
#include "platform/byte_port_device.h"

namespace vtsim::platform {

// Bit 1 gates A20 on the bus. Bit 0 going from 0 to 1 pulses the CPU reset line; it reads back
// as written, so it must be cleared before it can reset again. Bits 2-7 are stored and read
// back. Reads show the bus's current A20 state in bit 1 (the keyboard controller may also have
// changed it: the last writer wins).
class Port92 : public BytePortDevice {
 public:
  static constexpr u16 kPort = 0x92;

  Port92(mem::Bus& bus, std::function<void()> reset);

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  mem::Bus& bus_;
  std::function<void()> reset_;
  u8 value_ = 0;
};

}  // namespace vtsim::platform
