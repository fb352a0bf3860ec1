#include "platform/kbc8042.h"

#include <utility>

namespace vtsim::platform {
namespace {

// Status register bits.
constexpr u8 kStatusOutputFull = 0x01, kStatusSystemFlag = 0x04, kStatusCommand = 0x08;
constexpr u8 kStatusNotInhibited = 0x10;
// Command byte bits.
constexpr u8 kCmdByteKbdInterrupt = 0x01, kCmdByteSystemFlag = 0x04;
constexpr u8 kCmdByteKbdDisabled = 0x10, kCmdByteAuxDisabled = 0x20;
// Output port bits.
constexpr u8 kOutResetInactive = 0x01, kOutA20 = 0x02, kOutKbdFull = 0x10;
constexpr u8 kOutStoredBits = 0xCC;

constexpr u8 kSelfTestPassed = 0x55, kInterfaceTestPassed = 0x00;

}  // namespace

Kbc8042::Kbc8042(mem::Bus& bus, std::function<void()> reset, IrqSink* irq, unsigned irq_line)
    : bus_(bus), reset_(std::move(reset)), irq_(irq), irq_line_(irq_line) {}

u8 Kbc8042::read_byte(u16 port) {
  if (port == kCommandPort) return status();
  if (port != kDataPort) return 0xFF;
  if (output_) {
    last_output_ = *output_;
    output_.reset();
    update_irq();
  }
  return last_output_;
}

void Kbc8042::write_byte(u16 port, u8 value) {
  if (port == kCommandPort)
    command(value);
  else if (port == kDataPort)
    write_data(value);
  else
    return;
  last_write_was_command_ = port == kCommandPort;
  update_irq();
}

void Kbc8042::command(u8 cmd) {
  pending_command_ = 0;
  switch (cmd) {
    case 0x20:
      put_output(command_byte_);
      break;
    case 0x60:
    case 0xD1:
      pending_command_ = cmd;
      break;
    case 0xA7:
      command_byte_ |= kCmdByteAuxDisabled;
      break;
    case 0xA8:
      command_byte_ &= static_cast<u8>(~kCmdByteAuxDisabled);
      break;
    case 0xAA:
      system_flag_ = true;
      put_output(kSelfTestPassed);
      break;
    case 0xAB:
      put_output(kInterfaceTestPassed);
      break;
    case 0xAD:
      command_byte_ |= kCmdByteKbdDisabled;
      break;
    case 0xAE:
      command_byte_ &= static_cast<u8>(~kCmdByteKbdDisabled);
      break;
    case 0xD0:
      put_output(output_port());
      break;
    case 0xDD:
      bus_.set_a20(false);
      break;
    case 0xDF:
      bus_.set_a20(true);
      break;
    default:
      // 0xF0-0xFF pulse output port bits 3-0 low where the command has a 0; bit 0 is reset.
      if (cmd >= 0xF0 && !(cmd & kOutResetInactive) && reset_) reset_();
      break;  // other commands are not implemented and ignored
  }
}

void Kbc8042::write_data(u8 value) {
  u8 target = pending_command_;
  pending_command_ = 0;
  if (target == 0x60) {
    command_byte_ = value;
    system_flag_ = (value & kCmdByteSystemFlag) != 0;
  } else if (target == 0xD1) {
    write_output_port(value);
  }  // else: a byte for the keyboard, which is absent
}

void Kbc8042::write_output_port(u8 value) {
  output_port_ = value;
  bus_.set_a20((value & kOutA20) != 0);
  if (!(value & kOutResetInactive) && reset_) reset_();  // reset is active low
}

u8 Kbc8042::output_port() const {
  return static_cast<u8>((output_port_ & kOutStoredBits) | kOutResetInactive |
                         (bus_.a20() ? kOutA20 : 0) | (output_ ? kOutKbdFull : 0));
}

u8 Kbc8042::status() const {
  return static_cast<u8>((output_ ? kStatusOutputFull : 0) |
                         (system_flag_ ? kStatusSystemFlag : 0) |
                         (last_write_was_command_ ? kStatusCommand : 0) | kStatusNotInhibited);
}

void Kbc8042::update_irq() {
  bool level = output_ && (command_byte_ & kCmdByteKbdInterrupt);
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_->set_irq(irq_line_, level);
}

}  // namespace vtsim::platform
