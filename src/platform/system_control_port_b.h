// System control port B at 0x61: PIT counter 2's gate and output, speaker enable, refresh toggle.
#pragma once
#include "common/types.h"
#include "platform/byte_port_device.h"
#include "platform/pit8254.h"
#include "timing/clock.h"

namespace vtsim::platform {

// Bits 0-3 are read/write (0: counter 2 GATE, 1: speaker data enable, 2: parity check
// disable, 3: channel check disable). Read-only: 4 toggles with each DRAM refresh request
// (every 15.09 us, 18 PIT ticks), 5 is counter 2's OUT, 6 and 7 (IOCHK, parity error) read 0.
// There is no speaker.
class SystemControlPortB : public BytePortDevice {
 public:
  static constexpr u16 kPort = 0x61;
  static constexpr u64 kRefreshTicks = 18;  // PIT ticks per refresh request

  // Sets counter 2's gate low, matching bit 0 after reset.
  SystemControlPortB(Pit8254& pit, const timing::Clock& clock);

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  Pit8254& pit_;
  const timing::Clock& clock_;
  u8 control_ = 0;  // bits 0-3
};

}  // namespace vtsim::platform
