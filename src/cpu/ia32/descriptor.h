// Segment descriptor fields (SDM Vol. 3A 3.4.5, Figure 3-8) and gate descriptors (6.11).
#pragma once
#include "cpu/ia32/state.h"

namespace vtsim::ia32::desc {

inline u32 base(u64 d) {
  return static_cast<u32>(((d >> 16) & 0xFFFFFF) | ((d >> 32) & 0xFF000000));
}
inline u32 limit(u64 d) {
  u32 raw = static_cast<u32>((d & 0xFFFF) | ((d >> 32) & 0xF0000));
  return (d & (u64{1} << 55)) ? (raw << 12) | 0xFFF : raw;  // G: 4 KiB granularity
}
// Bits 40-47 and 52-55 packed as in Segment::attr.
inline u16 attributes(u64 d) {
  return static_cast<u16>(((d >> 40) & 0xFF) | (((d >> 52) & 0xF) << 8));
}
inline Segment to_segment(u16 selector, u64 d) {
  return Segment{selector, base(d), limit(d), attributes(d), true};
}
inline bool present(u64 d) { return (d >> 47) & 1; }
inline unsigned dpl(u64 d) { return (d >> 45) & 3; }
inline bool is_system(u64 d) { return !((d >> 44) & 1); }
inline unsigned type(u64 d) { return (d >> 40) & 0xF; }
inline bool is_code(u64 d) { return !is_system(d) && (type(d) & 8); }
inline bool is_data(u64 d) { return !is_system(d) && !(type(d) & 8); }
inline bool conforming(u64 d) { return is_code(d) && (type(d) & 4); }
inline bool readable(u64 d) { return is_data(d) || (type(d) & 2); }
inline bool writable_data(u64 d) { return is_data(d) && (type(d) & 2); }

// Gates: selector in bits 16-31, offset in 0-15 and 48-63, parameter count in 32-36.
inline u16 gate_selector(u64 d) { return static_cast<u16>(d >> 16); }
inline u32 gate_offset(u64 d) {
  return static_cast<u32>((d & 0xFFFF) | ((d >> 32) & 0xFFFF0000));
}
inline unsigned gate_params(u64 d) { return (d >> 32) & 0x1F; }

// System descriptor types (SDM Vol. 3A Table 3-2).
enum SystemType : unsigned {
  kTss16Avail = 1, kLdt = 2, kTss16Busy = 3, kCallGate16 = 4, kTaskGate = 5, kIntGate16 = 6,
  kTrapGate16 = 7, kTss32Avail = 9, kTss32Busy = 11, kCallGate32 = 12, kIntGate32 = 14,
  kTrapGate32 = 15,
};

}  // namespace vtsim::ia32::desc
