// Segment register loads and the limit/type checks of every data access
// (SDM Vol. 3A 3.4, 5.3-5.6; Vol. 2B MOV/POP Sreg).
#include "cpu/ia32/cpu.h"
#include "cpu/ia32/descriptor.h"

namespace vtsim::ia32 {

void Cpu::refresh_check(unsigned seg) {
  const Segment& s = st.seg[seg];
  SegCheck c;
  if (!s.usable) {
    c = SegCheck{1, 0, 1, 0};
  } else {
    bool down = !(s.attr & attr::kCode) && (s.attr & attr::kExpandDown);
    u32 lo = down ? s.limit + 1 : 0;
    u64 hi = down ? ((s.attr & attr::kDb) ? 0xFFFFFFFFu : 0xFFFFu) : s.limit;
    bool protected_rules = st.protected_mode() && !st.v86();
    bool can_read = !protected_rules || !(s.attr & attr::kCode) || (s.attr & attr::kWritable);
    bool can_write = !protected_rules || (!(s.attr & attr::kCode) && (s.attr & attr::kWritable));
    c.rlo = can_read ? lo : 1;
    c.rhi = can_read ? hi : 0;
    c.wlo = can_write ? lo : 1;
    c.whi = can_write ? hi : 0;
  }
  checks_[seg] = c;
}

// Every failed data-segment check reports error code 0: #SS(0) for SS, else #GP(0)
// (SDM Vol. 3A 6.15, "Interrupt 12" and "Interrupt 13").
void Cpu::segment_fault(unsigned seg) { raise(seg == kSs ? kSS : kGP, 0); }

void Cpu::set_segment(unsigned seg, const Segment& s) {
  st.seg[seg] = s;
  refresh_check(seg);
  if (seg == kCs || seg == kSs) mode_changed();
}

u64 Cpu::read_descriptor(u16 selector, u8 vector) {
  bool ldt = selector & 4;
  u32 base = ldt ? st.ldtr.base : st.gdtr.base;
  u32 limit = ldt ? st.ldtr.limit : st.gdtr.limit;
  u32 offset = selector & ~7u;
  if ((ldt && !st.ldtr.usable) || offset + 7 > limit) raise(vector, selector & 0xFFFC);
  return read_lin<u32>(base + offset) | (u64{read_lin<u32>(base + offset + 4)} << 32);
}

void Cpu::mark_accessed(u16 selector, u64 desc) {
  if (desc & (u64{1} << 40)) return;
  u32 base = (selector & 4) ? st.ldtr.base : st.gdtr.base;
  u32 addr = base + (selector & ~7u) + 5;
  write_lin<u8>(addr, static_cast<u8>((desc >> 40) | 1));
}

void Cpu::load_segment(unsigned seg, u16 selector) {
  if (!st.protected_mode() || st.v86()) {
    // Real and virtual-8086 mode: base = selector * 16; the limit and attributes in the cache
    // are kept, as Bochs and hardware do ("unreal mode"), except in v86 mode (SDM 20.1.1).
    Segment s = st.seg[seg];
    s.selector = selector;
    s.base = u32{selector} << 4;
    s.usable = true;
    if (st.v86()) {
      s.limit = 0xFFFF;
      s.attr = attr::kPresent | attr::kS | attr::kWritable | attr::kAccessed | (3u << 5);
    }
    set_segment(seg, s);
    return;
  }
  u16 rpl = selector & 3;
  if ((selector & 0xFFFC) == 0) {
    if (seg == kSs) raise(kGP, 0);  // SS may not be null outside 64-bit mode
    Segment s = st.seg[seg];
    s.selector = selector;
    s.usable = false;
    set_segment(seg, s);
    return;
  }
  u64 d = read_descriptor(selector);
  u16 err = selector & 0xFFFC;
  if (seg == kSs) {
    // MOV SS / POP SS (SDM Vol. 2B MOV, protected-mode checks).
    if (rpl != st.cpl || !desc::writable_data(d) || desc::dpl(d) != st.cpl) raise(kGP, err);
    if (!desc::present(d)) raise(kSS, err);
  } else {
    if (!desc::is_data(d) && !(desc::is_code(d) && desc::readable(d))) raise(kGP, err);
    if (!desc::conforming(d) && (rpl > desc::dpl(d) || st.cpl > desc::dpl(d))) raise(kGP, err);
    if (!desc::present(d)) raise(kNP, err);
  }
  mark_accessed(selector, d);
  set_segment(seg, desc::to_segment(selector, d | (u64{1} << 40)));
}

}  // namespace vtsim::ia32
