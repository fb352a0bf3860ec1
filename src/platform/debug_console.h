// The Bochs/QEMU debug console ("port E9 hack") at 0xE9.
#pragma once
#include <functional>

#include "common/types.h"
#include "platform/byte_port_device.h"

namespace vtsim::platform {

// Every byte written goes to the output callback; reading returns 0xE9 so a guest can detect
// the port.
class DebugConsole : public BytePortDevice {
 public:
  static constexpr u16 kPort = 0xE9;

  explicit DebugConsole(std::function<void(u8)> output);

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  std::function<void(u8)> output_;
};

}  // namespace vtsim::platform
