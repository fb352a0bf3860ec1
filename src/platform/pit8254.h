// Intel 8254 programmable interval timer at 0x40-0x43; counter 0 drives IRQ 0.
#pragma once
#include <array>
#include <optional>

#include "common/types.h"
#include "platform/byte_port_device.h"
#include "platform/irq.h"
#include "platform/pit_counter.h"
#include "timing/clock.h"

namespace vtsim::platform {

// Time comes from the cycle clock: the PIT input tick at cycle c is c * 1193182 / clock.hz.
// Counters are computed on access, never stepped. Counter 0's OUT is delivered to irq_line as
// levels by update(), which the CPU loop calls once clock.cycles reaches next_event_cycle().
// Gates of counters 0 and 1 are tied high; counter 2's comes from port 0x61 (set_gate).
class Pit8254 : public BytePortDevice {
 public:
  static constexpr u64 kInputHz = 1'193'182;
  static constexpr u16 kBase = 0x40;  // counters 0-2, then the control word at 0x43

  Pit8254(const timing::Clock& clock, IrqSink* irq, unsigned irq_line = 0);

  // The cycle of the next change of counter 0's OUT not yet delivered, or UINT64_MAX.
  [[nodiscard]] u64 next_event_cycle() const;
  // Delivers every OUT change of counter 0 up to clock.cycles (raise or lower irq_line).
  // Whole periods of mode 2/3 missed since the last call are merged into one pulse.
  void update();

  void set_gate(unsigned counter, bool level);
  [[nodiscard]] bool out(unsigned counter) const;
  // PIT input ticks since reset.
  [[nodiscard]] u64 ticks() const { return clock_.to_device_ticks(clock_.cycles, kInputHz); }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  // Access mode (control word RW bits): 1 = LSB only, 2 = MSB only, 3 = LSB then MSB.
  static constexpr u8 kLsbOnly = 1, kMsbOnly = 2, kLsbThenMsb = 3;

  struct Channel {
    PitCounter counter;
    u8 access = kLsbThenMsb;
    u8 mode_field = 0;  // M2-M0 as written, for the status byte
    bool bcd = false;   // recorded in the status byte; counting is binary regardless
    bool write_msb_next = false;
    bool read_msb_next = false;
    u8 lsb_written = 0;
    std::optional<u16> latched_count;
    std::optional<u8> latched_status;
  };

  void write_control(u8 value, u64 now);
  void write_count_byte(Channel& ch, u8 value, u64 now);
  void read_back(u8 value, u64 now);
  u8 read_counter(Channel& ch, u64 now);
  [[nodiscard]] u8 status(const Channel& ch, u64 now) const;
  // Delivers counter 0's OUT changes up to tick now.
  void catch_up(u64 now);
  void drive_irq(bool level);

  const timing::Clock& clock_;
  IrqSink* irq_;
  unsigned irq_line_;
  std::array<Channel, 3> channels_;
  u64 irq_tick_ = 0;  // counter 0's OUT has been delivered up to this tick
  bool irq_level_ = false;
};

}  // namespace vtsim::platform
