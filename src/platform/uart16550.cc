#include "platform/uart16550.h"

#include <array>
#include <utility>

namespace vtsim::platform {
namespace {

// Register offsets from the base (PC16550D datasheet, Table II "Register Summary").
constexpr u16 kData = 0, kIer = 1, kIirFcr = 2, kLcr = 3, kMcr = 4, kLsr = 5, kMsr = 6, kScr = 7;

// IER enables (datasheet 8.4 "Interrupt Enable Register").
constexpr u8 kIerRda = 0x01, kIerThre = 0x02, kIerLine = 0x04, kIerModem = 0x08;

// IIR identification codes (Table IV "Interrupt Control Functions"), highest priority first.
constexpr u8 kIirLine = 0x06, kIirRda = 0x04, kIirTimeout = 0x0C, kIirThre = 0x02;
constexpr u8 kIirModem = 0x00, kIirNone = 0x01;
constexpr u8 kIirFifosEnabled = 0xC0;

// MCR outputs (8.7 "Modem Control Register").
constexpr u8 kMcrDtr = 0x01, kMcrRts = 0x02, kMcrOut1 = 0x04, kMcrOut2 = 0x08;

// LSR bits (8.5 "Line Status Register").
constexpr u8 kLsrDataReady = 0x01, kLsrOverrun = 0x02, kLsrThre = 0x20, kLsrTemt = 0x40;

// MSR bits (8.8 "Modem Status Register").
constexpr u8 kMsrDcts = 0x01, kMsrDdsr = 0x02, kMsrTeri = 0x04, kMsrDdcd = 0x08;
constexpr u8 kMsrCts = 0x10, kMsrDsr = 0x20, kMsrRi = 0x40, kMsrDcd = 0x80;

// The far end when not in loopback: a terminal that is present and ready.
constexpr u8 kExternalModemInputs = kMsrCts | kMsrDsr | kMsrDcd;

// FCR bits 7-6 select the receiver trigger level (8.3 "FIFO Control Register").
constexpr std::array<std::size_t, 4> kRxTriggerLevels{1, 4, 8, 14};

// Loopback wires the modem outputs back to the inputs: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD.
u8 looped_modem_inputs(u8 mcr) {
  return ((mcr & kMcrRts) ? kMsrCts : 0) | ((mcr & kMcrDtr) ? kMsrDsr : 0) |
         ((mcr & kMcrOut1) ? kMsrRi : 0) | ((mcr & kMcrOut2) ? kMsrDcd : 0);
}

}  // namespace

Uart16550::Uart16550(std::function<void(u8)> output, IrqSink* irq, u16 base, unsigned irq_line)
    : output_(std::move(output)),
      irq_(irq),
      base_(base),
      irq_line_(irq_line),
      modem_inputs_(kExternalModemInputs) {}

bool Uart16550::push_input(u8 byte) {
  if (loopback()) return false;  // the serial input is disconnected in loopback (8.7, bit 4)
  bool accepted = receive(byte);
  update_irq();
  return accepted;
}

bool Uart16550::accepts_input() const { return !loopback() && rx_.size() < rx_capacity(); }

u8 Uart16550::read_byte(u16 port) {
  u16 offset = static_cast<u16>(port - base_);
  u8 value = 0xFF;
  switch (offset) {
    case kData:
      value = dlab() ? dll_ : read_rbr();
      break;
    case kIer:
      value = dlab() ? dlm_ : ier_;
      break;
    case kIirFcr:
      value = read_iir();
      break;
    case kLcr:
      value = lcr_;
      break;
    case kMcr:
      value = mcr_;
      break;
    case kLsr:
      value = read_lsr();
      break;
    case kMsr:
      value = read_msr();
      break;
    case kScr:
      value = scr_;
      break;
    default:
      return value;  // not one of our ports
  }
  update_irq();
  return value;
}

void Uart16550::write_byte(u16 port, u8 value) {
  u16 offset = static_cast<u16>(port - base_);
  switch (offset) {
    case kData:
      if (dlab())
        dll_ = value;
      else
        transmit(value);
      break;
    case kIer:
      if (dlab())
        dlm_ = value;
      else
        write_ier(value);
      break;
    case kIirFcr:
      write_fcr(value);
      break;
    case kLcr:
      lcr_ = value;
      break;
    case kMcr:
      write_mcr(value);
      break;
    case kScr:
      scr_ = value;
      break;
    default:
      return;  // LSR and MSR are read-only; other ports are not ours
  }
  update_irq();
}

// Interrupt identification in priority order (Table IV). A source counts only if IER enables it.
u8 Uart16550::identify() const {
  if ((ier_ & kIerLine) && line_errors_) return kIirLine;
  if ((ier_ & kIerRda) && !rx_.empty()) {
    std::size_t trigger = fifo_enabled_ ? rx_trigger_ : 1;
    // Character timeout: data below the trigger level. With no line timing, it is immediate.
    return rx_.size() >= trigger ? kIirRda : kIirTimeout;
  }
  if ((ier_ & kIerThre) && thre_pending_) return kIirThre;
  if ((ier_ & kIerModem) && modem_deltas_) return kIirModem;
  return kIirNone;
}

u8 Uart16550::line_status() const {
  return (rx_.empty() ? 0 : kLsrDataReady) | line_errors_ | kLsrThre | kLsrTemt;
}

u8 Uart16550::read_rbr() {
  if (rx_.empty()) return last_rx_;
  last_rx_ = rx_.front();
  rx_.pop_front();
  return last_rx_;
}

// Reading IIR clears a THRE interrupt if that is the one it reports (Table IV, reset control).
u8 Uart16550::read_iir() {
  u8 id = identify();
  if (id == kIirThre) thre_pending_ = false;
  return id | (fifo_enabled_ ? kIirFifosEnabled : 0);
}

u8 Uart16550::read_lsr() {
  u8 value = line_status();
  line_errors_ = 0;  // OE, PE, FE, BI clear on read (8.5)
  return value;
}

u8 Uart16550::read_msr() {
  u8 value = modem_inputs_ | modem_deltas_;
  modem_deltas_ = 0;  // delta bits clear on read (8.8)
  return value;
}

// The byte leaves at once, so THR is empty again and the THRE interrupt is pending anew.
void Uart16550::transmit(u8 byte) {
  if (loopback()) {
    receive(byte);  // the transmitter feeds the receiver (8.7, bit 4)
  } else if (output_) {
    output_(byte);
  }
  thre_pending_ = true;
}

// Overrun (8.5, bit 1): a FIFO keeps its contents and loses the new byte; the RBR of 16450
// mode is overwritten.
bool Uart16550::receive(u8 byte) {
  if (rx_.size() < rx_capacity()) {
    rx_.push_back(byte);
    return true;
  }
  line_errors_ |= kLsrOverrun;
  if (!fifo_enabled_) rx_.back() = byte;
  return false;
}

// Enabling the THRE interrupt while THR is empty raises it at once (as on the 16550).
void Uart16550::write_ier(u8 value) {
  bool was_enabled = (ier_ & kIerThre) != 0;
  ier_ = value & 0x0F;
  if (!was_enabled && (ier_ & kIerThre)) thre_pending_ = true;
}

// Changing FCR bit 0 clears the FIFOs; bits 1-7 are written only while bit 0 is set (8.3).
void Uart16550::write_fcr(u8 value) {
  bool enable = (value & 0x01) != 0;
  if (enable != fifo_enabled_) rx_.clear();
  fifo_enabled_ = enable;
  if (!enable) return;
  if (value & 0x02) rx_.clear();
  rx_trigger_ = kRxTriggerLevels[value >> 6];
}

// MCR changes the modem inputs only in loopback; entering or leaving loopback switches between
// the looped outputs and the far end. Changes set the MSR delta bits; TERI marks RI falling.
void Uart16550::write_mcr(u8 value) {
  mcr_ = value & 0x1F;
  u8 inputs = loopback() ? looped_modem_inputs(mcr_) : kExternalModemInputs;
  u8 changed = inputs ^ modem_inputs_;
  if (changed & kMsrCts) modem_deltas_ |= kMsrDcts;
  if (changed & kMsrDsr) modem_deltas_ |= kMsrDdsr;
  if (changed & kMsrDcd) modem_deltas_ |= kMsrDdcd;
  if ((changed & kMsrRi) && !(inputs & kMsrRi)) modem_deltas_ |= kMsrTeri;
  modem_inputs_ = inputs;
}

void Uart16550::update_irq() {
  bool level = identify() != kIirNone;
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_->set_irq(irq_line_, level);
}

}  // namespace vtsim::platform
