// The physical bus of a board: RAM, a ROM image, memory-mapped devices and the I/O port space.
#pragma once
#include <array>
#include <span>
#include <vector>

#include "common/types.h"
#include "mem/device.h"

namespace vtsim::trace {
class Tracer;
}
namespace vtsim::timing {
struct Clock;
}

namespace vtsim::mem {

constexpr u64 kPageBits = 12;
constexpr u64 kPageSize = u64{1} << kPageBits;

class Bus {
 public:
  explicit Bus(u64 ram_bytes);

  // Maps a firmware image ending at top (exclusive), read-only. Several windows may alias one image.
  void map_rom(std::span<const u8> image, u64 top);
  void map_mmio(u64 base, u64 length, MmioDevice* dev);
  void map_ports(u16 first, unsigned count, PortDevice* dev);
  void set_tracer(trace::Tracer* t, const timing::Clock* clock) { tracer_ = t; clock_ = clock; }

  // Gate A20 (port 0x92 bit 1, keyboard controller output port): when off, bit 20 is forced to 0.
  void set_a20(bool on) {
    u64 m = on ? ~u64{0} : ~(u64{1} << 20);
    if (m != a20_mask_) ++generation_;
    a20_mask_ = m;
  }
  // Changes whenever the physical address map changes (A20); CPUs drop cached translations.
  [[nodiscard]] u32 generation() const { return generation_; }
  [[nodiscard]] bool a20() const { return (a20_mask_ >> 20) & 1; }
  [[nodiscard]] u64 a20_mask() const { return a20_mask_; }

  // A host pointer to the page holding physical address pa when that page is plain RAM (or ROM,
  // for reads), else nullptr. The CPU's software TLB caches these.
  [[nodiscard]] u8* host_page(u64 pa, bool write);

  // Slow paths: any address, any size up to 8, handling MMIO, ROM and unmapped space.
  u64 read(u64 pa, unsigned size);
  void write(u64 pa, unsigned size, u64 value);
  // Bulk copy into RAM or ROM-backed memory, used by image loaders. Returns false if out of RAM.
  bool load(u64 pa, std::span<const u8> bytes);

  u32 port_in(u16 port, unsigned size);
  void port_out(u16 port, unsigned size, u32 value);

  [[nodiscard]] u64 ram_size() const { return ram_.size(); }
  [[nodiscard]] u8* ram() { return ram_.data(); }

 private:
  struct Rom {
    u64 base, length;
    const u8* data;
  };
  struct Mmio {
    u64 base, length;
    MmioDevice* dev;
  };
  const Rom* find_rom(u64 pa) const;
  Mmio* find_mmio(u64 pa);

  std::vector<u8> ram_;
  std::vector<Rom> roms_;
  std::vector<Mmio> mmio_;
  std::array<PortDevice*, 65536> ports_{};
  u64 a20_mask_ = ~u64{0};
  u32 generation_ = 0;
  trace::Tracer* tracer_ = nullptr;
  const timing::Clock* clock_ = nullptr;
};

}  // namespace vtsim::mem
