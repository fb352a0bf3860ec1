// The PC/AT interrupt controllers: a master 8259A at 0x20-0x21 and a slave at 0xA0-0xA1 whose
// INT output feeds master IR2, plus the PIIX edge/level control registers at 0x4D0-0x4D1.
#pragma once
#include "common/types.h"
#include "platform/byte_port_device.h"
#include "platform/irq.h"
#include "platform/pic8259.h"

namespace vtsim::platform {

// set_irq lines 0-7 reach the master, 8-15 the slave. Line 2 is the cascade, so an ISA device
// on IRQ 2 is wired to IRQ 9 as on the AT. Lines above 15 are ignored.
class Pic8259Pair : public BytePortDevice, public IrqSink {
 public:
  static constexpr u16 kMasterBase = 0x20, kSlaveBase = 0xA0, kElcrBase = 0x4D0;
  static constexpr unsigned kCascadeIr = 2;
  // Bits that cannot be level-triggered: IRQ 0, 1, 2, 8 and 13 (PIIX ELCR1/ELCR2).
  static constexpr u8 kMasterElcrMask = 0xF8, kSlaveElcrMask = 0xDE;

  void set_irq(unsigned line, bool level) override;

  // The INTR line to the CPU.
  [[nodiscard]] bool interrupt_pending() const { return master_.int_output(); }
  // The INTA cycle: returns the vector, sets ISR bits and ends edge requests, going through the
  // slave when the master selects IR2. With no request, the master answers IR7 (spurious IRQ 7,
  // no ISR bit set); if the slave has none, it answers its IR7 (spurious IRQ 15, master ISR2
  // set).
  u8 acknowledge();

  // Register views for diagnostics; chip 0 is the master, 1 the slave.
  [[nodiscard]] u8 irr(unsigned index) const { return chip(index).irr(); }
  [[nodiscard]] u8 isr(unsigned index) const { return chip(index).isr(); }
  [[nodiscard]] u8 imr(unsigned index) const { return chip(index).imr(); }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  [[nodiscard]] const Pic8259& chip(unsigned index) const { return index ? slave_ : master_; }
  // Feeds the slave's INT output to master IR2.
  void update_cascade() { master_.set_input(kCascadeIr, slave_.int_output()); }
  u8 acknowledge_slave();

  Pic8259 master_, slave_;
};

}  // namespace vtsim::platform
