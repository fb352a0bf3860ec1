// Intel 8042 keyboard controller at 0x60 (data) and 0x64 (status/command), without a keyboard.
#pragma once
#include <functional>
#include <optional>

#include "common/types.h"
#include "mem/bus.h"
#include "platform/byte_port_device.h"
#include "platform/irq.h"

namespace vtsim::platform {

// The controller commands firmware uses: command byte (0x20/0x60), self test (0xAA), interface
// test (0xAB), keyboard and aux enable/disable (0xAD/0xAE, 0xA7/0xA8), output port (0xD0/0xD1)
// with A20 in bit 1 and the active-low reset line in bit 0, A20 shortcuts 0xDD/0xDF, and the
// reset pulse commands 0xF0-0xFF (0xFE pulses reset). Commands execute at once, so the input
// buffer is never full. Bytes written to 0x60 for the keyboard are dropped (none attached).
// A byte in the output buffer raises irq_line while command byte bit 0 is set.
class Kbc8042 : public BytePortDevice {
 public:
  static constexpr u16 kDataPort = 0x60, kCommandPort = 0x64;
  static constexpr u8 kPowerOnCommandByte = 0x03;  // keyboard and aux interrupts enabled

  // reset pulses the CPU reset line; irq may be null.
  Kbc8042(mem::Bus& bus, std::function<void()> reset, IrqSink* irq = nullptr,
          unsigned irq_line = 1);

  [[nodiscard]] u8 command_byte() const { return command_byte_; }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  void command(u8 cmd);
  void write_data(u8 value);
  void write_output_port(u8 value);
  [[nodiscard]] u8 output_port() const;
  [[nodiscard]] u8 status() const;
  void put_output(u8 value) { output_ = value; }
  void update_irq();

  mem::Bus& bus_;
  std::function<void()> reset_;
  IrqSink* irq_;
  unsigned irq_line_;
  u8 command_byte_ = kPowerOnCommandByte;
  u8 output_port_ = 0xCF;     // bits 2, 3, 6, 7 as last written; 0, 1, 4 are computed
  std::optional<u8> output_;  // the output buffer
  u8 last_output_ = 0;        // data port reads this when the buffer is empty
  u8 pending_command_ = 0;    // 0x60 or 0xD1 waiting for its data byte, else 0
  bool system_flag_ = false;
  bool last_write_was_command_ = false;
  bool irq_level_ = false;
};

}  // namespace vtsim::platform
