#include "mem/bus.h"

#include <algorithm>
#include <cstring>

#include "timing/clock.h"
#include "trace/sink.h"

namespace vtsim::mem {

Bus::Bus(u64 ram_bytes) : ram_(ram_bytes, 0) {}

void Bus::map_rom(std::span<const u8> image, u64 top) {
  roms_.push_back(Rom{top - image.size(), image.size(), image.data()});
}

void Bus::map_mmio(u64 base, u64 length, MmioDevice* dev) { mmio_.push_back(Mmio{base, length, dev}); }

void Bus::map_ports(u16 first, unsigned count, PortDevice* dev) {
  for (unsigned i = 0; i < count && first + i < 65536; ++i) ports_[first + i] = dev;
}

const Bus::Rom* Bus::find_rom(u64 pa) const {
  for (const Rom& r : roms_)
    if (pa - r.base < r.length) return &r;
  return nullptr;
}

Bus::Mmio* Bus::find_mmio(u64 pa) {
  for (Mmio& m : mmio_)
    if (pa - m.base < m.length) return &m;
  return nullptr;
}

u8* Bus::host_page(u64 pa, bool write) {
  pa &= a20_mask_ & ~(kPageSize - 1);
  if (find_mmio(pa)) return nullptr;
  if (const Rom* r = find_rom(pa)) {
    // A ROM page is direct only for reads and only when the whole page is inside the image.
    if (write || pa + kPageSize - r->base > r->length) return nullptr;
    return const_cast<u8*>(r->data + (pa - r->base));
  }
  if (pa + kPageSize <= ram_.size()) return ram_.data() + pa;
  return nullptr;
}

u64 Bus::read(u64 pa, unsigned size) {
  pa &= a20_mask_;
  if (Mmio* m = find_mmio(pa)) return m->dev->mmio_read(pa - m->base, size);
  u64 v = 0;
  for (unsigned i = 0; i < size; ++i) {
    u64 a = (pa + i) & a20_mask_;
    u8 b = 0xFF;  // unmapped space reads as all ones, as on a PC
    if (const Rom* r = find_rom(a)) b = r->data[a - r->base];
    else if (a < ram_.size()) b = ram_[a];
    v |= u64{b} << (8 * i);
  }
  return v;
}

void Bus::write(u64 pa, unsigned size, u64 value) {
  pa &= a20_mask_;
  if (Mmio* m = find_mmio(pa)) return m->dev->mmio_write(pa - m->base, size, value);
  for (unsigned i = 0; i < size; ++i) {
    u64 a = (pa + i) & a20_mask_;
    if (find_rom(a)) continue;  // writes to ROM are dropped
    if (a < ram_.size()) ram_[a] = static_cast<u8>(value >> (8 * i));
  }
}

bool Bus::load(u64 pa, std::span<const u8> bytes) {
  if (pa > ram_.size() || bytes.size() > ram_.size() - pa) return false;
  std::memcpy(ram_.data() + pa, bytes.data(), bytes.size());
  return true;
}

u32 Bus::port_in(u16 port, unsigned size) {
  PortDevice* d = ports_[port];
  u32 v = d ? d->port_in(port, size) : static_cast<u32>((u64{1} << (8 * size)) - 1);
  if (tracer_ && tracer_->wants(trace::Kind::kPortIo))
    tracer_->port_io({clock_ ? clock_->cycles : 0, port, static_cast<u8>(size), false, v});
  return v;
}

void Bus::port_out(u16 port, unsigned size, u32 value) {
  if (tracer_ && tracer_->wants(trace::Kind::kPortIo))
    tracer_->port_io({clock_ ? clock_->cycles : 0, port, static_cast<u8>(size), true, value});
  if (PortDevice* d = ports_[port]) d->port_out(port, size, value);
}

}  // namespace vtsim::mem
