// QEMU's isa-debug-exit device (default port 0xF4): lets a guest end the run with a status.
#pragma once
#include <optional>

#include "common/types.h"
#include "mem/device.h"

namespace vtsim::platform {

// Writing v to the port requests exit with status (v << 1) | 1, QEMU's formula (so status 0
// cannot be requested). The device only records the request: the CPU loop polls
// exit_status() after each instruction, stops cleanly, and the board exits the process with
// status & 0xFF. The first request wins. The written value is the low iosize bytes of the
// access (iosize 1 or 4, QEMU's iobase/iosize properties). Reads return all ones.
class IsaDebugExit : public mem::PortDevice {
 public:
  static constexpr u16 kDefaultPort = 0xF4;

  // Throws UserError unless iosize is 1 or 4.
  explicit IsaDebugExit(u16 base = kDefaultPort, unsigned iosize = 1);

  u32 port_in(u16 port, unsigned size) override;
  void port_out(u16 port, unsigned size, u32 value) override;

  [[nodiscard]] std::optional<int> exit_status() const { return exit_status_; }
  [[nodiscard]] u16 base() const { return base_; }
  [[nodiscard]] unsigned iosize() const { return iosize_; }

 private:
  u16 base_;
  unsigned iosize_;
  std::optional<int> exit_status_;
};

}  // namespace vtsim::platform
