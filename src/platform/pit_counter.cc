#include "platform/pit_counter.h"

#include <algorithm>
#include <initializer_list>

namespace vtsim::platform {
namespace {

bool is_periodic(u8 mode) { return mode == 2 || mode == 3; }
bool gate_pauses(u8 mode) { return mode == 0 || mode == 4; }
bool gate_triggers(u8 mode) { return mode == 1 || mode == 5; }
// OUT is high for n-1 ticks of each period in mode 2 and for ceil(n/2) in mode 3.
i64 high_ticks(u8 mode, u32 n) { return mode == 2 ? i64{n} - 1 : (i64{n} + 1) / 2; }
i64 to_tick(u64 tick) { return static_cast<i64>(tick); }

}  // namespace

void PitCounter::program(u8 mode) {
  mode_ = mode > 5 ? static_cast<u8>(mode - 4) : mode;
  count_written_ = false;
  current_.reset();
  next_.reset();
  paused_ = false;
  loaded_at_ = kNever;  // a control word sets null count
}

// The count reaches the counting element on the next CLK, except in the triggered modes 1 and
// 5 (on the next GATE rising edge) and in a running mode 2 or 3 (at the end of the period).
void PitCounter::write_count(u32 count, u64 now) {
  count_ = count;
  count_written_ = true;
  if (gate_triggers(mode_)) {
    loaded_at_ = kNever;
    return;
  }
  if (is_periodic(mode_) && current_ && !paused_) return schedule_reload(now);
  load(now);
  if (!gate_) {  // loaded, but GATE low holds it
    paused_ = true;
    paused_elapsed_ = 0;
  }
}

// GATE low suspends modes 0 and 4, and stops modes 2 and 3 with OUT high; a rising edge
// resumes 0 and 4 and reloads the count in 1, 2, 3 and 5 (datasheet Figure "Gate Pin
// Operations Summary").
void PitCounter::set_gate(bool level, u64 now) {
  if (level == gate_) return;
  gate_ = level;
  settle(now);
  if (gate_pauses(mode_)) return level ? resume(now) : pause(now);
  if (!level) {
    if (is_periodic(mode_)) stop(now);
    return;
  }
  if (count_written_) load(now);
}

void PitCounter::settle(u64 now) {
  if (next_ && to_tick(now) >= switch_at_) {
    current_ = next_;
    next_.reset();
  }
}

u16 PitCounter::count_at(u64 tick) const {
  const Phase* p = phase_at(to_tick(tick));
  if (!p) return static_cast<u16>(count_);
  i64 e = std::max<i64>(elapsed(*p, to_tick(tick)), 0);
  return static_cast<u16>(element_for(*p, e));  // modes 0, 1, 4, 5 wrap modulo 2^16
}

bool PitCounter::out_at(u64 tick) const {
  const Phase* p = phase_at(to_tick(tick));
  if (!p) return mode_ != 0;  // after the control word: low in mode 0, high in the others
  if (paused_ && is_periodic(mode_)) return true;
  return out_for(*p, elapsed(*p, to_tick(tick)));
}

bool PitCounter::null_count_at(u64 tick) const { return to_tick(tick) < loaded_at_; }

std::optional<u64> PitCounter::next_edge_after(u64 tick) const {
  if (!current_ || paused_) return std::nullopt;
  i64 t = to_tick(tick);
  if (next_ && t < switch_at_) {
    auto edge = phase_edge_after(*current_, t);
    if (edge && *edge < switch_at_) return static_cast<u64>(*edge);
    bool before = out_for(*current_, switch_at_ - 1 - current_->origin);
    if (before != out_for(*next_, switch_at_ - next_->origin)) return switch_at_;
    t = switch_at_;
  }
  auto edge = phase_edge_after(*phase_at(t), t);
  if (!edge) return std::nullopt;
  return static_cast<u64>(*edge);
}

u64 PitCounter::skip_whole_periods(u64 from, u64 to) const {
  if (!current_ || next_ || paused_ || !is_periodic(mode_) || current_->n < 2) return from;
  if (to_tick(from) < current_->origin || to <= from) return from;
  u64 period = current_->n, gap = to - from;
  if (gap <= 2 * period) return from;
  return from + (gap / period - 1) * period;
}

void PitCounter::load(u64 now) {
  current_ = Phase{count_, to_tick(now) + 1};
  next_.reset();
  paused_ = false;
  loaded_at_ = current_->origin;
}

// Mode 2 takes a new count at the next reload; mode 3 at the end of the current half-period,
// so a count arriving in the high half starts in its own low half ("Mode 2", "Mode 3").
void PitCounter::schedule_reload(u64 now) {
  settle(now);
  Phase& p = *current_;
  i64 e = to_tick(now) - p.origin;
  if (e < 0) {  // the previous count has not been loaded yet: this one replaces it
    p.n = count_;
    return;
  }
  i64 pos = e % p.n, start = e - pos, high = high_ticks(mode_, p.n);
  bool in_high_half = mode_ == 3 && pos < high;
  switch_at_ = p.origin + start + (in_high_half ? high : i64{p.n});
  next_ = Phase{count_, in_high_half ? switch_at_ - high_ticks(3, count_) : switch_at_};
  loaded_at_ = switch_at_;
}

void PitCounter::pause(u64 now) {
  if (!current_) return;
  paused_elapsed_ = std::max<i64>(to_tick(now) - current_->origin, 0);
  paused_ = true;
}

void PitCounter::resume(u64 now) {
  if (!paused_) return;
  current_->origin = to_tick(now) - paused_elapsed_;
  paused_ = false;
}

// A count waiting for the end of the period is dropped; the GATE rising edge loads count_.
void PitCounter::stop(u64 now) {
  pause(now);
  if (next_) loaded_at_ = kNever;
  next_.reset();
}

const PitCounter::Phase* PitCounter::phase_at(i64 tick) const {
  if (next_ && tick >= switch_at_) return &*next_;
  return current_ ? &*current_ : nullptr;
}

i64 PitCounter::elapsed(const Phase& p, i64 tick) const {
  return paused_ ? paused_elapsed_ : tick - p.origin;
}

bool PitCounter::out_for(const Phase& p, i64 e) const {
  if (e < 0) return mode_ != 0;  // not loaded yet
  switch (mode_) {
    case 0:
    case 1:
      return e >= p.n;  // low until terminal count
    case 2:
    case 3:
      return p.n < 2 || e % p.n < high_ticks(mode_, p.n);
    default:
      return e != p.n;  // modes 4, 5: a one-tick strobe at terminal count
  }
}

// Mode 3 counts down by two, from n (even) or n-1 (odd), once per half-period.
i64 PitCounter::element_for(const Phase& p, i64 e) const {
  i64 n = p.n;
  if (mode_ == 2) return n - e % n;
  if (mode_ != 3) return n - e;
  if (n < 2) return n;
  i64 pos = e % n, high = (n + 1) / 2;
  i64 step = pos < high ? pos : pos - high;
  return n - (n & 1) - 2 * step;
}

std::optional<i64> PitCounter::phase_edge_after(const Phase& p, i64 tick) const {
  i64 e = tick - p.origin, n = p.n;
  auto first_after = [&](std::initializer_list<i64> offsets) -> std::optional<i64> {
    for (i64 offset : offsets)
      if (offset > e) return p.origin + offset;
    return std::nullopt;
  };
  switch (mode_) {
    case 0:
      return first_after({n});
    case 1:
      return first_after({0, n});
    case 4:
    case 5:
      return first_after({n, n + 1});
    default:
      return periodic_edge_after(p, e);
  }
}

// OUT falls at offset high and rises at offset 0 of every period after the first.
std::optional<i64> PitCounter::periodic_edge_after(const Phase& p, i64 e) const {
  i64 n = p.n;
  if (n < 2) return std::nullopt;  // count 1: OUT stays high (illegal in mode 2)
  i64 high = high_ticks(mode_, p.n);
  i64 from = std::max<i64>(e + 1, 1);
  i64 pos = from % n, start = from - pos;
  i64 edge = pos == 0 ? from : pos <= high ? start + high : start + n;
  return p.origin + edge;
}

}  // namespace vtsim::platform
