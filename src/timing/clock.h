// The cycle clock that guest-visible time (RDTSC, the PIT, ar.itc) reads.
#pragma once
#include "common/types.h"

namespace vtsim::timing {

__extension__ using u128 = unsigned __int128;  // exact cycle <-> device tick conversion

// Cycles of the simulated core since reset. The CPU advances it; devices read it.
struct Clock {
  u64 cycles = 0;
  u64 hz = 2'000'000'000;  // core frequency, from the CPU model

  // Converts a cycle count to ticks of a device clock running at dev_hz.
  [[nodiscard]] u64 to_device_ticks(u64 cyc, u64 dev_hz) const {
    return static_cast<u64>((static_cast<u128>(cyc) * dev_hz) / hz);
  }
  // Cycles from reset until the given device tick count is reached (rounded up).
  [[nodiscard]] u64 from_device_ticks(u64 ticks, u64 dev_hz) const {
    return static_cast<u64>((static_cast<u128>(ticks) * hz + dev_hz - 1) / dev_hz);
  }
};

}  // namespace vtsim::timing
