// Port I/O with the protected-mode permission check (SDM Vol. 1 18.5.1, 18.5.2).
#include "cpu/ia32/cpu.h"

namespace vtsim::ia32 {

namespace {
// I/O permission bitmap check: every bit for the accessed ports must be clear (SDM 18.5.2).
bool io_allowed_by_tss(Cpu& c, u16 port, unsigned size) {
  const Segment& tr = c.st.tr;
  bool tss32 = (tr.attr & 0xF) == 11 || (tr.attr & 0xF) == 9;
  if (!tr.usable || !tss32 || tr.limit < 0x67) return false;
  u32 map = c.read_lin<u16>(tr.base + 0x66);
  u32 byte = map + port / 8;
  if (byte + 1 > tr.limit) return false;
  u16 bits = c.read_lin<u16>(tr.base + byte);
  u16 mask = static_cast<u16>(((1u << size) - 1) << (port & 7));
  return (bits & mask) == 0;
}
}  // namespace

static void check_io(Cpu& c, u16 port, unsigned size) {
  bool pm = c.st.protected_mode();
  if (pm && (c.st.v86() || c.st.cpl > c.st.flags.iopl()) && !io_allowed_by_tss(c, port, size))
    raise(kGP, 0);
}

// A device access may reprogram a timer or ask to stop: look at both before the next block.
void Cpu::device_touched() {
  next_event_ = 0;
  if (platform_ && platform_->stop_requested()) request_stop(StopReason::kDevice);
}

u32 Cpu::port_in(u16 port, unsigned size) {
  check_io(*this, port, size);
  u32 v = bus_.port_in(port, size);
  device_touched();
  return v;
}

void Cpu::port_out(u16 port, unsigned size, u32 value) {
  check_io(*this, port, size);
  bus_.port_out(port, size, value);
  device_touched();
}

}  // namespace vtsim::ia32
