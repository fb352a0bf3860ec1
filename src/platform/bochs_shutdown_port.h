// Bochs's shutdown port at 0x8900: the ASCII bytes "Shutdown", in sequence, power the machine off.
#pragma once
#include <cstddef>

#include "common/types.h"
#include "platform/byte_port_device.h"

namespace vtsim::platform {

// Only records the request: the CPU loop polls shutdown_requested() after each instruction and
// stops cleanly. A byte that breaks the sequence restarts it ('S' starts a new one). Reads
// return 0xFF.
class BochsShutdownPort : public BytePortDevice {
 public:
  static constexpr u16 kPort = 0x8900;

  [[nodiscard]] bool shutdown_requested() const { return requested_; }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  std::size_t matched_ = 0;  // bytes of "Shutdown" seen in a row
  bool requested_ = false;
};

}  // namespace vtsim::platform
