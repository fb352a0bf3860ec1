#include "platform/pic8259_pair.h"

namespace vtsim::platform {

void Pic8259Pair::set_irq(unsigned line, bool level) {
  if (line == kCascadeIr) line = 9;  // the AT routes ISA IRQ 2 to slave IR1
  if (line < 8)
    master_.set_input(line, level);
  else if (line < 16)
    slave_.set_input(line - 8, level);
  update_cascade();
}

u8 Pic8259Pair::acknowledge() {
  auto ir = master_.requested();
  if (!ir) return master_.vector(7);
  master_.acknowledge(*ir);
  if (*ir == kCascadeIr && master_.has_slave_at(kCascadeIr)) return acknowledge_slave();
  return master_.vector(*ir);
}

// The slave puts its vector on the bus in the second INTA pulse ("Cascading Mode"). Its INT
// output falls during the cycle, so a request still pending afterwards is a new edge at IR2.
u8 Pic8259Pair::acknowledge_slave() {
  auto ir = slave_.requested();
  u8 vector = slave_.vector(ir ? *ir : 7);
  if (ir) slave_.acknowledge(*ir);
  master_.set_input(kCascadeIr, false);
  update_cascade();
  return vector;
}

u8 Pic8259Pair::read_byte(u16 port) {
  u8 value = 0xFF;
  switch (port) {
    case kMasterBase:
    case kMasterBase + 1:
      value = master_.read(port & 1);
      break;
    case kSlaveBase:
    case kSlaveBase + 1:
      value = slave_.read(port & 1);
      break;
    case kElcrBase:
      return master_.elcr();
    case kElcrBase + 1:
      return slave_.elcr();
    default:
      return value;
  }
  update_cascade();  // a poll read acknowledges, which may change INT
  return value;
}

void Pic8259Pair::write_byte(u16 port, u8 value) {
  switch (port) {
    case kMasterBase:
    case kMasterBase + 1:
      master_.write(port & 1, value);
      break;
    case kSlaveBase:
    case kSlaveBase + 1:
      slave_.write(port & 1, value);
      break;
    case kElcrBase:
      master_.set_elcr(value & kMasterElcrMask);
      break;
    case kElcrBase + 1:
      slave_.set_elcr(value & kSlaveElcrMask);
      break;
    default:
      return;
  }
  update_cascade();
}

}  // namespace vtsim::platform
