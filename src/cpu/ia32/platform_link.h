// What an IA-32 CPU needs from the board it sits on: the INTR line, device time, stop requests.
#pragma once
#include "common/types.h"

namespace vtsim::ia32 {

class PlatformLink {
 public:
  virtual ~PlatformLink() = default;
  // INTR from the interrupt controller, and the INTA cycle that returns the vector.
  virtual bool intr_pending() = 0;
  virtual u8 intr_acknowledge() = 0;
  // The cycle at which some device next changes state (UINT64_MAX: none scheduled).
  virtual u64 next_event_cycle() = 0;
  // Lets devices catch up with the clock; called when the clock passes next_event_cycle().
  virtual void advance() = 0;
  // True when a device asked the run to end or the machine to reset (checked after I/O).
  virtual bool stop_requested() = 0;
};

}  // namespace vtsim::ia32
