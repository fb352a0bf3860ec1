// Base class of the 8-bit ISA devices on the PC board.
#pragma once
#include "common/types.h"
#include "mem/device.h"

namespace vtsim::platform {

// An 8-bit ISA target. The ISA bridge turns a 16- or 32-bit IN/OUT aimed at such a device into
// byte cycles at port, port+1, ..., low byte first. A device decodes only its own ports: a byte
// cycle at any other port reads 0xFF and is dropped on write.
class BytePortDevice : public mem::PortDevice {
 public:
  u32 port_in(u16 port, unsigned size) final;
  void port_out(u16 port, unsigned size, u32 value) final;

 protected:
  virtual u8 read_byte(u16 port) = 0;
  virtual void write_byte(u16 port, u8 value) = 0;
};

}  // namespace vtsim::platform
