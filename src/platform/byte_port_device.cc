#include "platform/byte_port_device.h"

namespace vtsim::platform {

u32 BytePortDevice::port_in(u16 port, unsigned size) {
  u32 value = 0;
  for (unsigned i = 0; i < size; ++i)
    value |= u32{read_byte(static_cast<u16>(port + i))} << (8 * i);
  return value;
}

void BytePortDevice::port_out(u16 port, unsigned size, u32 value) {
  for (unsigned i = 0; i < size; ++i)
    write_byte(static_cast<u16>(port + i), static_cast<u8>(value >> (8 * i)));
}

}  // namespace vtsim::platform
