// Interrupt request lines between board devices and an interrupt controller.
#pragma once

namespace vtsim::platform {

// Something that accepts level changes on numbered request lines (the 8259 pair, later the I/O APIC).
class IrqSink {
 public:
  virtual ~IrqSink() = default;
  virtual void set_irq(unsigned line, bool level) = 0;
};

}  // namespace vtsim::platform
