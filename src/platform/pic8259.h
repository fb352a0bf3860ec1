// One Intel 8259A programmable interrupt controller (x86 mode); Pic8259Pair cascades two.
#pragma once
#include <optional>

#include "common/types.h"

namespace vtsim::platform {

// The registers, initialization sequence and priority resolver of a single 8259A. The caller
// routes its two ports (a0 is address line A0) and drives the IR inputs.
class Pic8259 {
 public:
  [[nodiscard]] u8 read(bool a0);
  void write(bool a0, u8 value);

  // Level of input IR0-IR7. An edge-triggered request is armed by a rising edge and lasts while
  // the input stays high (8259A datasheet, "Edge and Level Triggered Modes").
  void set_input(unsigned ir, bool level);
  // Edge/level control (the PIIX ELCR): a set bit makes that input level-triggered.
  void set_elcr(u8 bits) { elcr_ = bits; }
  [[nodiscard]] u8 elcr() const { return elcr_; }

  // The input the INT output is asserted for, if any: the highest-priority unmasked request
  // above every in-service level ("Interrupt Sequence", "Fully Nested Mode").
  [[nodiscard]] std::optional<unsigned> requested() const;
  [[nodiscard]] bool int_output() const { return requested().has_value(); }
  // The INTA cycle for input ir: sets its ISR bit (unless auto-EOI) and ends the edge request.
  void acknowledge(unsigned ir);
  [[nodiscard]] u8 vector(unsigned ir) const { return static_cast<u8>(vector_base_ | ir); }
  // Master view: ICW3 (cascade mode) says a slave is attached to input ir.
  [[nodiscard]] bool has_slave_at(unsigned ir) const;

  [[nodiscard]] u8 irr() const;
  [[nodiscard]] u8 isr() const { return isr_; }
  [[nodiscard]] u8 imr() const { return imr_; }

 private:
  // Initialization state: the next word to port A0=1 is ICW2, ICW3 or ICW4, or OCW1 when ready.
  enum class Init : u8 { kReady, kIcw2, kIcw3, kIcw4 };

  void write_icw1(u8 value);
  void write_init_word(u8 value);
  void write_ocw2(u8 value);
  void write_ocw3(u8 value);
  u8 poll();
  void end_of_interrupt(unsigned ir, bool rotate);
  // The set bit of bits with the highest priority under the current rotation.
  [[nodiscard]] std::optional<unsigned> highest(u8 bits) const;
  [[nodiscard]] unsigned priority(unsigned ir) const { return (ir - lowest_priority_ - 1) & 7; }

  Init init_ = Init::kReady;
  bool needs_icw4_ = false, single_ = false, level_mode_ = false;
  bool auto_eoi_ = false, special_nested_ = false, rotate_on_auto_eoi_ = false;
  bool special_mask_ = false, read_isr_ = false, poll_ = false;
  u8 vector_base_ = 0;
  u8 icw3_ = 0;
  u8 imr_ = 0xFF;  // undefined at power-up; all masked until ICW1 clears it
  u8 isr_ = 0;
  u8 inputs_ = 0;      // current IR levels
  u8 edge_armed_ = 0;  // rising edges not yet acknowledged
  u8 elcr_ = 0;
  unsigned lowest_priority_ = 7;
};

}  // namespace vtsim::platform
