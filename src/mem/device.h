// Interfaces through which board devices attach to the physical bus.
#pragma once
#include "common/types.h"

namespace vtsim::mem {

// A device in the I/O port space (IA-32 IN/OUT). size is 1, 2 or 4 bytes.
class PortDevice {
 public:
  virtual ~PortDevice() = default;
  virtual u32 port_in(u16 port, unsigned size) = 0;
  virtual void port_out(u16 port, unsigned size, u32 value) = 0;
};

// A memory-mapped device. offset is relative to the base it was mapped at; size is 1, 2, 4 or 8.
class MmioDevice {
 public:
  virtual ~MmioDevice() = default;
  virtual u64 mmio_read(u64 offset, unsigned size) = 0;
  virtual void mmio_write(u64 offset, unsigned size, u64 value) = 0;
};

}  // namespace vtsim::mem
