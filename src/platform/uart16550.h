// National Semiconductor PC16550D UART: the PC's serial port (COM1 at 0x3F8-0x3FF, IRQ 4).
#pragma once
#include <cstddef>
#include <deque>
#include <functional>

#include "common/types.h"
#include "platform/byte_port_device.h"
#include "platform/irq.h"

namespace vtsim::platform {

// Transmission is instant: a byte written to THR goes to the output callback at once, so
// LSR.THRE and LSR.TEMT are always set. Received bytes come from push_input(). The interrupt
// output drives irq_line of the IrqSink as a level (it is not gated by MCR.OUT2).
class Uart16550 : public BytePortDevice {
 public:
  static constexpr u16 kCom1Base = 0x3F8;
  static constexpr unsigned kCom1Irq = 4;
  static constexpr std::size_t kFifoDepth = 16;

  // output receives every transmitted byte; irq may be null.
  Uart16550(std::function<void(u8)> output, IrqSink* irq, u16 base = kCom1Base,
            unsigned irq_line = kCom1Irq);

  // A byte arrives on the serial input. Returns false if it caused an overrun (LSR.OE set; in
  // FIFO mode the new byte is lost, in 16450 mode the unread one is) or if loopback mode has
  // disconnected the input (the byte is dropped).
  bool push_input(u8 byte);
  // True when push_input would take a byte without loss: the board's back-pressure signal.
  [[nodiscard]] bool accepts_input() const;
  [[nodiscard]] bool irq_level() const { return irq_level_; }
  // The baud-rate divisor in DLM:DLL (baud = 115200 / divisor).
  [[nodiscard]] u16 divisor() const { return static_cast<u16>(dlm_ << 8 | dll_); }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  [[nodiscard]] bool dlab() const { return (lcr_ & 0x80) != 0; }
  [[nodiscard]] bool loopback() const { return (mcr_ & 0x10) != 0; }
  [[nodiscard]] std::size_t rx_capacity() const { return fifo_enabled_ ? kFifoDepth : 1; }
  [[nodiscard]] u8 identify() const;
  [[nodiscard]] u8 line_status() const;
  u8 read_rbr();
  u8 read_iir();
  u8 read_lsr();
  u8 read_msr();
  void transmit(u8 byte);
  bool receive(u8 byte);
  void write_ier(u8 value);
  void write_fcr(u8 value);
  void write_mcr(u8 value);
  void update_irq();

  std::function<void(u8)> output_;
  IrqSink* irq_;
  u16 base_;
  unsigned irq_line_;

  std::deque<u8> rx_;  // receiver FIFO (one entry, the RBR, in 16450 mode)
  u8 last_rx_ = 0;     // RBR reads this when the FIFO is empty
  u8 ier_ = 0, lcr_ = 0, mcr_ = 0, scr_ = 0, dll_ = 0, dlm_ = 0;
  u8 line_errors_ = 0;   // LSR bits 1-4, cleared by reading LSR
  u8 modem_inputs_;      // MSR bits 4-7: CTS, DSR, RI, DCD
  u8 modem_deltas_ = 0;  // MSR bits 0-3, cleared by reading MSR
  bool fifo_enabled_ = false;
  std::size_t rx_trigger_ = 1;
  bool thre_pending_ = false;  // the THR-empty interrupt is latched until IIR read or THR write
  bool irq_level_ = false;
};

}  // namespace vtsim::platform
