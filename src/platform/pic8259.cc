#include "platform/pic8259.h"

namespace vtsim::platform {
namespace {

constexpr u8 bit(unsigned ir) { return static_cast<u8>(1u << ir); }

// ICW1 and OCW bits (8259A datasheet, "Initialization Command Words", "Operation Command Words").
constexpr u8 kIcw1Ic4 = 0x01, kIcw1Single = 0x02, kIcw1Ltim = 0x08, kIcw1Select = 0x10;
constexpr u8 kIcw4AutoEoi = 0x02, kIcw4Sfnm = 0x10;
constexpr u8 kOcw3Select = 0x08, kOcw3Esmm = 0x40, kOcw3Smm = 0x20, kOcw3Poll = 0x04;
constexpr u8 kOcw3ReadReg = 0x02, kOcw3ReadIsr = 0x01;

}  // namespace

u8 Pic8259::read(bool a0) {
  if (a0) return imr_;
  if (poll_) {  // a read after an OCW3 poll command is the poll word and acts as INTA
    poll_ = false;
    return poll();
  }
  return read_isr_ ? isr_ : irr();
}

void Pic8259::write(bool a0, u8 value) {
  if (a0) {
    if (init_ != Init::kReady)
      write_init_word(value);
    else
      imr_ = value;  // OCW1
    return;
  }
  if (value & kIcw1Select)
    write_icw1(value);
  else if (value & kOcw3Select)
    write_ocw3(value);
  else
    write_ocw2(value);
}

void Pic8259::set_input(unsigned ir, bool level) {
  u8 b = bit(ir);
  if (level && !(inputs_ & b)) edge_armed_ |= b;
  if (!level) edge_armed_ &= static_cast<u8>(~b);
  inputs_ = level ? (inputs_ | b) : (inputs_ & ~b);
}

// In edge mode a request needs both the armed edge and a still-high input: an input that falls
// before INTA leaves no request, and INTA gives the default IR7 ("Edge and Level Triggered").
u8 Pic8259::irr() const {
  u8 level_triggered = level_mode_ ? 0xFF : elcr_;
  return inputs_ & (level_triggered | edge_armed_);
}

std::optional<unsigned> Pic8259::requested() const {
  auto request = highest(irr() & ~imr_);
  if (!request) return std::nullopt;
  // Special mask mode: masked in-service levels stop inhibiting lower ones ("Special Mask Mode").
  u8 blocking = special_mask_ ? (isr_ & ~imr_) : isr_;
  // Special fully nested mode: the master lets a cascade input interrupt its own in-service level.
  if (special_nested_ && has_slave_at(*request)) blocking &= static_cast<u8>(~bit(*request));
  auto in_service = highest(blocking);
  if (in_service && priority(*in_service) <= priority(*request)) return std::nullopt;
  return request;
}

void Pic8259::acknowledge(unsigned ir) {
  edge_armed_ &= static_cast<u8>(~bit(ir));
  if (!auto_eoi_) {
    isr_ |= bit(ir);
  } else if (rotate_on_auto_eoi_) {
    lowest_priority_ = ir;  // "Automatic Rotation" in AEOI mode
  }
}

bool Pic8259::has_slave_at(unsigned ir) const { return !single_ && (icw3_ & bit(ir)); }

// ICW1 resets the edge sense circuit, clears IMR, gives IR7 the lowest priority, clears special
// mask mode and selects IRR for status reads; ICW4 functions are zero until ICW4 sets them.
// ISR is also cleared so that a re-initialized chip starts idle.
void Pic8259::write_icw1(u8 value) {
  init_ = Init::kIcw2;
  needs_icw4_ = value & kIcw1Ic4;
  single_ = value & kIcw1Single;
  level_mode_ = value & kIcw1Ltim;
  edge_armed_ = 0;
  imr_ = 0;
  isr_ = 0;
  lowest_priority_ = 7;
  special_mask_ = read_isr_ = poll_ = false;
  auto_eoi_ = special_nested_ = rotate_on_auto_eoi_ = false;
}

// ICW2 (vector T7-T3), ICW3 (only in cascade mode), ICW4 (only if ICW1.IC4). ICW4's
// microprocessor-mode bit is ignored: vtsim is always in 8086 mode.
void Pic8259::write_init_word(u8 value) {
  switch (init_) {
    case Init::kIcw2:
      vector_base_ = value & 0xF8;
      init_ = !single_ ? Init::kIcw3 : needs_icw4_ ? Init::kIcw4 : Init::kReady;
      break;
    case Init::kIcw3:
      icw3_ = value;
      init_ = needs_icw4_ ? Init::kIcw4 : Init::kReady;
      break;
    case Init::kIcw4:
      auto_eoi_ = value & kIcw4AutoEoi;
      special_nested_ = value & kIcw4Sfnm;
      init_ = Init::kReady;
      break;
    case Init::kReady:
      break;
  }
}

// OCW2 bits R, SL, EOI and level L2-L0 ("Operation Command Words", OCW2 table).
void Pic8259::write_ocw2(u8 value) {
  unsigned level = value & 7;
  switch (value >> 5) {
    case 0b001:  // non-specific EOI
    case 0b101:  // rotate on non-specific EOI
      if (auto ir = highest(isr_)) end_of_interrupt(*ir, value & 0x80);
      break;
    case 0b011:  // specific EOI
    case 0b111:  // rotate on specific EOI
      end_of_interrupt(level, value & 0x80);
      break;
    case 0b100:
      rotate_on_auto_eoi_ = true;
      break;
    case 0b000:
      rotate_on_auto_eoi_ = false;
      break;
    case 0b110:
      lowest_priority_ = level;
      break;  // set priority
    default:
      break;  // 0b010: no operation
  }
}

void Pic8259::write_ocw3(u8 value) {
  if (value & kOcw3Esmm) special_mask_ = value & kOcw3Smm;
  if (value & kOcw3Poll) poll_ = true;
  if (value & kOcw3ReadReg) read_isr_ = value & kOcw3ReadIsr;
}

// The poll word: bit 7 set if a request is pending, bits 2-0 the highest one ("Poll Command").
u8 Pic8259::poll() {
  auto ir = requested();
  if (!ir) return 0;
  acknowledge(*ir);
  return static_cast<u8>(0x80 | *ir);
}

void Pic8259::end_of_interrupt(unsigned ir, bool rotate) {
  isr_ &= static_cast<u8>(~bit(ir));
  if (rotate) lowest_priority_ = ir;
}

std::optional<unsigned> Pic8259::highest(u8 bits) const {
  for (unsigned rank = 0; rank < 8; ++rank) {
    unsigned ir = (lowest_priority_ + 1 + rank) & 7;
    if (bits & bit(ir)) return ir;
  }
  return std::nullopt;
}

}  // namespace vtsim::platform
