#include "platform/pit8254.h"

#include <cstdint>

namespace vtsim::platform {
namespace {

constexpr u16 kControlPort = Pit8254::kBase + 3;

// Control word fields (8254 datasheet, "Control Word Format").
constexpr unsigned select_field(u8 cw) { return cw >> 6; }
constexpr u8 access_field(u8 cw) { return (cw >> 4) & 3; }
constexpr u8 mode_field(u8 cw) { return (cw >> 1) & 7; }
constexpr u8 kSelectReadBack = 3;
constexpr u8 kAccessLatch = 0;
// Read-back command bits ("Read-Back Command"): active-low COUNT and STATUS, counter selects.
constexpr u8 kReadBackNoCount = 0x20, kReadBackNoStatus = 0x10;

}  // namespace

Pit8254::Pit8254(const timing::Clock& clock, IrqSink* irq, unsigned irq_line)
    : clock_(clock), irq_(irq), irq_line_(irq_line) {}

u64 Pit8254::next_event_cycle() const {
  auto edge = channels_[0].counter.next_edge_after(irq_tick_);
  return edge ? clock_.from_device_ticks(*edge, kInputHz) : UINT64_MAX;
}

void Pit8254::update() { catch_up(ticks()); }

void Pit8254::set_gate(unsigned counter, bool level) {
  u64 now = ticks();
  catch_up(now);
  channels_.at(counter).counter.set_gate(level, now);
  drive_irq(channels_[0].counter.out_at(now));
}

bool Pit8254::out(unsigned counter) const { return channels_.at(counter).counter.out_at(ticks()); }

u8 Pit8254::read_byte(u16 port) {
  unsigned index = static_cast<u16>(port - kBase);
  if (index >= 3) return 0xFF;  // the control word register cannot be read
  return read_counter(channels_[index], ticks());
}

void Pit8254::write_byte(u16 port, u8 value) {
  unsigned index = static_cast<u16>(port - kBase);
  if (index > 3) return;
  u64 now = ticks();
  catch_up(now);
  if (port == kControlPort)
    write_control(value, now);
  else
    write_count_byte(channels_[index], value, now);
  drive_irq(channels_[0].counter.out_at(now));
}

// A control word resets the counter's byte sequencing and latches and sets its mode; RW = 0 is
// the counter latch command instead ("Counter Latch Command").
void Pit8254::write_control(u8 value, u64 now) {
  if (select_field(value) == kSelectReadBack) return read_back(value, now);
  Channel& ch = channels_[select_field(value)];
  if (access_field(value) == kAccessLatch) {
    if (!ch.latched_count) ch.latched_count = ch.counter.count_at(now);
    return;
  }
  ch.access = access_field(value);
  ch.mode_field = mode_field(value);
  ch.bcd = value & 1;
  ch.write_msb_next = ch.read_msb_next = false;
  ch.latched_count.reset();
  ch.latched_status.reset();
  ch.counter.program(ch.mode_field);
}

void Pit8254::write_count_byte(Channel& ch, u8 value, u64 now) {
  u32 count = 0;
  switch (ch.access) {
    case kLsbOnly:
      count = value;
      break;
    case kMsbOnly:
      count = u32{value} << 8;
      break;
    default:
      ch.write_msb_next = !ch.write_msb_next;
      if (ch.write_msb_next) {  // the LSB: wait for the MSB
        ch.lsb_written = value;
        return;
      }
      count = u32{value} << 8 | ch.lsb_written;
  }
  ch.counter.write_count(count == 0 ? PitCounter::kMaxCount : count, now);
}

// Latches the count and/or status of each selected counter; a latch not yet read is kept.
void Pit8254::read_back(u8 value, u64 now) {
  for (unsigned i = 0; i < 3; ++i) {
    if (!(value & (2u << i))) continue;
    Channel& ch = channels_[i];
    if (!(value & kReadBackNoCount) && !ch.latched_count)
      ch.latched_count = ch.counter.count_at(now);
    if (!(value & kReadBackNoStatus) && !ch.latched_status) ch.latched_status = status(ch, now);
  }
}

// A latched status is read first, then a latched count (released once fully read), else the
// live count. With LSB-then-MSB access, reads alternate between the two bytes.
u8 Pit8254::read_counter(Channel& ch, u64 now) {
  if (ch.latched_status) {
    u8 value = *ch.latched_status;
    ch.latched_status.reset();
    return value;
  }
  u16 count = ch.latched_count ? *ch.latched_count : ch.counter.count_at(now);
  bool msb = ch.access == kMsbOnly;
  bool done = true;
  if (ch.access == kLsbThenMsb) {
    msb = ch.read_msb_next;
    ch.read_msb_next = !ch.read_msb_next;
    done = msb;
  }
  if (done) ch.latched_count.reset();
  return static_cast<u8>(msb ? count >> 8 : count);
}

// Status byte: OUT, null count, RW, M2-M0, BCD ("Read-Back Command", Figure "Status Byte").
u8 Pit8254::status(const Channel& ch, u64 now) const {
  return static_cast<u8>((ch.counter.out_at(now) ? 0x80 : 0) |
                         (ch.counter.null_count_at(now) ? 0x40 : 0) | ch.access << 4 |
                         ch.mode_field << 1 | (ch.bcd ? 1 : 0));
}

void Pit8254::catch_up(u64 now) {
  PitCounter& counter = channels_[0].counter;
  if (now < irq_tick_) return;
  while (true) {
    irq_tick_ = counter.skip_whole_periods(irq_tick_, now);
    auto edge = counter.next_edge_after(irq_tick_);
    if (!edge || *edge > now) break;
    drive_irq(counter.out_at(*edge));
    irq_tick_ = *edge;
    counter.settle(irq_tick_);
  }
  irq_tick_ = now;
  counter.settle(now);
}

void Pit8254::drive_irq(bool level) {
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_->set_irq(irq_line_, level);
}

}  // namespace vtsim::platform
