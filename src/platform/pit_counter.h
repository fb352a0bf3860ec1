// The counting element and OUT pin of one Intel 8254 counter, as functions of input-clock ticks.
#pragma once
#include <cstdint>
#include <optional>

#include "common/types.h"

namespace vtsim::platform {

// Nothing is stepped: a loaded count is remembered with the tick it was loaded at, and the
// count and OUT at any later tick are computed from that (8254 datasheet, "Modes of
// Operation"). Counting is binary. Queries must not ask about ticks before the last change.
class PitCounter {
 public:
  static constexpr u32 kMaxCount = 65536;  // a written count of 0

  // A control word selected mode 0-5 (6 and 7 alias 2 and 3); counting stops until a count
  // is written.
  void program(u8 mode);
  // A complete initial count (1-65536) was written at tick now.
  void write_count(u32 count, u64 now);
  // The GATE input changed at tick now.
  void set_gate(bool level, u64 now);
  // Makes a count that mode 2 or 3 reloaded by tick now the current one.
  void settle(u64 now);

  [[nodiscard]] u8 mode() const { return mode_; }
  [[nodiscard]] bool gate() const { return gate_; }
  [[nodiscard]] u16 count_at(u64 tick) const;
  [[nodiscard]] bool out_at(u64 tick) const;
  // Status bit 6: the last written count has not reached the counting element yet.
  [[nodiscard]] bool null_count_at(u64 tick) const;
  // The first tick after tick at which OUT changes, if it ever does without further writes.
  [[nodiscard]] std::optional<u64> next_edge_after(u64 tick) const;
  // A tick at or after from with the same OUT, whole periods later, leaving at least one period
  // before to; from itself unless the counter is a free-running mode 2 or 3.
  [[nodiscard]] u64 skip_whole_periods(u64 from, u64 to) const;

 private:
  static constexpr i64 kNever = INT64_MAX;

  // The counting element was (or will be) loaded with n at tick origin.
  struct Phase {
    u32 n;
    i64 origin;
  };

  void load(u64 now);
  void schedule_reload(u64 now);
  void pause(u64 now);
  void resume(u64 now);
  void stop(u64 now);
  [[nodiscard]] const Phase* phase_at(i64 tick) const;
  [[nodiscard]] i64 elapsed(const Phase& p, i64 tick) const;
  [[nodiscard]] bool out_for(const Phase& p, i64 elapsed) const;
  [[nodiscard]] i64 element_for(const Phase& p, i64 elapsed) const;
  [[nodiscard]] std::optional<i64> phase_edge_after(const Phase& p, i64 tick) const;
  [[nodiscard]] std::optional<i64> periodic_edge_after(const Phase& p, i64 elapsed) const;

  u8 mode_ = 0;
  bool gate_ = true;
  u32 count_ = kMaxCount;  // the count register
  bool count_written_ = false;
  std::optional<Phase> current_;
  std::optional<Phase> next_;  // a mode 2/3 count waiting for the end of a (half) period
  i64 switch_at_ = 0;          // the tick next_ takes over
  bool paused_ = false;        // GATE low: modes 0/4 hold the count, modes 2/3 stop
  i64 paused_elapsed_ = 0;
  i64 loaded_at_ = kNever;  // tick the last written count reaches the counting element
};

}  // namespace vtsim::platform
