// The IA-32 processor: architectural state, the decoded-block cache, the software TLB, and the
// fetch -> decode -> execute -> retire loop. Instruction semantics live in exec_*.cc.
#pragma once
#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "cpu/ia32/block_cache.h"
#include "cpu/ia32/decoder.h"
#include "cpu/ia32/fault.h"
#include "cpu/ia32/model.h"
#include "cpu/ia32/platform_link.h"
#include "cpu/ia32/state.h"
#include "mem/bus.h"
#include "timing/clock.h"
#include "trace/sink.h"

namespace vtsim::ia32 {

enum class StopReason : u8 {
  kNone,
  kHalt,         // HLT with nothing left that could wake the CPU
  kDevice,       // a device asked to stop (exit port, shutdown, reset)
  kInsnLimit,    // --max-insns reached
  kCycleLimit,   // --max-cycles reached
  kTripleFault,  // shutdown after a fault while delivering #DF
};

struct RunLimits {
  u64 max_insns = UINT64_MAX;
  u64 max_cycles = UINT64_MAX;
};

class Cpu {
 public:
  Cpu(const Model& model, mem::Bus& bus, timing::Clock& clock, trace::Tracer& tracer);

  void set_platform(PlatformLink* p) { platform_ = p; }
  // Power-on / RESET state (SDM Vol. 3A 9.1.1, Table 9-1).
  void reset();
  // Runs until a stop condition; the reason says which.
  StopReason run(const RunLimits& limits);

  [[nodiscard]] u64 icount() const { return icount_; }
  [[nodiscard]] const Model& model() const { return model_; }
  [[nodiscard]] std::string describe_state();  // registers, for triple-fault and limit reports
  [[nodiscard]] std::string_view mode_name() const;

  // ---- services for instruction semantics ----
  State st;
  mem::Bus& bus() { return bus_; }
  timing::Clock& clock() { return clock_; }
  // The time-stamp counter as RDTSC reads it, at the current instruction.
  [[nodiscard]] u64 tsc() const { return clock_.cycles + st.tsc_offset; }

  // Memory operand offset of d (SDM Vol. 2A 2.1.5), wrapped to the address size.
  [[nodiscard]] u32 ea(const DecodedInsn& d) const {
    u32 off = static_cast<u32>(st.gpr[d.base] + (st.gpr[d.index] << d.scale)) + d.disp;
    return d.a32 ? off : (off & 0xFFFF);
  }

  // Segmented data access with limit and type checks (SDM Vol. 3A 5.3, 5.4).
  template <typename T>
  T read(unsigned seg, u32 off) {
    const SegCheck& c = checks_[seg];
    if (off < c.rlo || u64{off} + (sizeof(T) - 1) > c.rhi) [[unlikely]] segment_fault(seg);
    u32 lin = st.seg[seg].base + off;
    if constexpr (sizeof(T) > 1) check_alignment(lin, sizeof(T));
    return read_lin<T>(lin);
  }
  template <typename T>
  void write(unsigned seg, u32 off, T v) {
    const SegCheck& c = checks_[seg];
    if (off < c.wlo || u64{off} + (sizeof(T) - 1) > c.whi) [[unlikely]] segment_fault(seg);
    u32 lin = st.seg[seg].base + off;
    if constexpr (sizeof(T) > 1) check_alignment(lin, sizeof(T));
    write_lin<T>(lin, v);
  }

  // Alignment checking: #AC(0) for a misaligned data access at CPL 3 with CR0.AM and EFLAGS.AC
  // (SDM Vol. 3A 6.15, Interrupt 17). align_mask_ is recomputed at every block start; the rows
  // that change CR0, EFLAGS or CPL end their block.
  void check_alignment(u32 lin, u32 size) const {
    if ((lin & (size - 1) & align_mask_) != 0) [[unlikely]] raise(kAC, 0);
  }
  void update_alignment_check() {
    bool on = (st.cr0 & cr0::kAm) && (st.flags.get() & eflags::kAc) && st.cpl == 3;
    align_mask_ = on ? ~0u : 0u;
  }

  // Linear access through the software TLB; misses, MMIO and code pages take the slow path.
  template <typename T>
  T read_lin(u32 lin) {
    const TlbEntry& e = tlb_[(lin >> mem::kPageBits) & (kTlbSize - 1)];
    if (e.read_tag == (lin >> mem::kPageBits) && (lin & 0xFFF) <= 0x1000 - sizeof(T)) [[likely]] {
      T v;
      std::memcpy(&v, reinterpret_cast<const u8*>(e.addend + lin), sizeof(T));
      return v;
    }
    return static_cast<T>(read_slow(lin, sizeof(T)));
  }
  template <typename T>
  void write_lin(u32 lin, T v) {
    const TlbEntry& e = tlb_[(lin >> mem::kPageBits) & (kTlbSize - 1)];
    if (e.write_tag == (lin >> mem::kPageBits) && (lin & 0xFFF) <= 0x1000 - sizeof(T)) [[likely]] {
      std::memcpy(reinterpret_cast<u8*>(e.addend + lin), &v, sizeof(T));
      return;
    }
    write_slow(lin, sizeof(T), v);
  }

  // Stack access with the stack-address size of SS (B bit), SDM Vol. 1 6.2.
  template <typename T>
  void push(T v) {
    u32 esp = stack32() ? st.r32(kEsp) - sizeof(T) : ((st.r16(kEsp) - sizeof(T)) & 0xFFFF);
    write<T>(kSs, esp, v);
    set_esp(esp);
  }
  template <typename T>
  T pop() {
    u32 esp = stack32() ? st.r32(kEsp) : st.r16(kEsp);
    T v = read<T>(kSs, esp);
    set_esp(esp + sizeof(T));
    return v;
  }
  [[nodiscard]] bool stack32() const { return st.seg[kSs].attr & attr::kDb; }
  void set_esp(u32 v) {
    if (stack32()) st.r32(kEsp) = v;
    else st.r16(kEsp) = static_cast<u16>(v);
  }

  // Loads a segment register by the rules of the current mode (SDM Vol. 3A 5.4.1, 3.4.3).
  void load_segment(unsigned seg, u16 selector);
  // Sets a segment register from explicit cache values (real mode, v86, loaders, task switch).
  void set_segment(unsigned seg, const Segment& s);
  // Reads the descriptor a selector names from the GDT or LDT; #GP(selector) (or the given
  // vector) when it lies beyond the table limit (SDM Vol. 3A 3.5.1).
  u64 read_descriptor(u16 selector, u8 vector = kGP);
  // Sets the accessed bit of a descriptor in memory (SDM Vol. 3A 3.4.5.1).
  void mark_accessed(u16 selector, u64 desc);
  // Recomputes CPL, code size and mode after CR0, CS or EFLAGS.VM changes.
  void mode_changed();
  // Port I/O with the IOPL / I/O permission checks of SDM Vol. 1 18.5.
  u32 port_in(u16 port, unsigned size);
  void port_out(u16 port, unsigned size, u32 value);
  // Ends the run after this instruction with the given reason (device requests, HLT).
  void request_stop(StopReason r) { stop_ = r; end_block(); }
  // True once something asked the run to end (a REP INS/OUTS stops between iterations then).
  [[nodiscard]] bool stop_requested() const { return stop_ != StopReason::kNone; }
  // Ends the current block after this instruction (state the decoder depends on changed).
  void end_block() { stop_block_ = true; }
  // Makes the current instruction (len bytes) run again from its first byte and ends the block:
  // a REP string instruction stopping after a bounded part so that events are serviced between
  // parts (SDM Vol. 2B REP, "suspended by an exception or interrupt"). With retired = false
  // the part is neither counted nor traced as a retired instruction.
  void restart_insn(unsigned len, bool retired) {
    st.rip = (st.rip - len) & (st.code32() ? 0xFFFFFFFFu : 0xFFFFu);
    unretired_ = !retired;
    end_block();
  }
  // The checks write<T>(seg, off) makes, without writing: INS probes its destination before
  // reading the port, ENTER its new stack pointer. (Paging will add its check here.)
  template <typename T>
  void probe_write(unsigned seg, u32 off) {
    const SegCheck& c = checks_[seg];
    if (off < c.wlo || u64{off} + (sizeof(T) - 1) > c.whi) [[unlikely]] segment_fault(seg);
  }
  // Drops all decoded code and TLB entries (mode switches, CR0/CR3/CR4 writes).
  void flush_translations();

  // Interrupt and exception delivery (SDM Vol. 3A 6.12, 20.1.4), returning to st.rip.
  enum class Event : u8 { kException, kExternal, kSoftware };
  // Delivers one event; a fault while doing so propagates as a Fault.
  void deliver_event(u8 vector, Event kind, bool has_error, u32 error);
  // Delivers an exception, turning a fault during delivery into #DF or a triple fault
  // (SDM Vol. 3A 6.15, Table 6-5).
  void deliver_exception(u8 vector, bool has_error, u32 error);
  void triple_fault();
  void deliver_external(u8 vector);
  // The semantics of a row-less decode: an invalid opcode or an unfetchable instruction.
  static void exec_invalid(Cpu& cpu, const DecodedInsn& d);
  static void exec_fetch_fault(Cpu& cpu, const DecodedInsn& d);

 private:
  static constexpr unsigned kTlbSize = 256;
  struct TlbEntry {
    u32 read_tag = ~0u, write_tag = ~0u;
    uintptr_t addend = 0;  // host address = addend + linear address
  };
  // Offsets an access may touch, inclusive; lo = 1, hi = 0 forbids every access.
  struct SegCheck {
    u32 rlo = 0;
    u64 rhi = 0xFFFF;
    u32 wlo = 0;
    u64 whi = 0xFFFF;
  };

  [[noreturn]] void segment_fault(unsigned seg);
  void refresh_check(unsigned seg);
  u64 read_slow(u32 lin, unsigned size);
  void write_slow(u32 lin, unsigned size, u64 v);
  u64 translate(u32 lin) const { return lin & bus_.a20_mask(); }
  void fill_tlb(u32 lin, u64 pa);

  const Block* lookup_block();
  const Block* build_block(u64 pa);
  void run_block(const Block& b, u64 budget, bool traced);
  void emit_retire(const DecodedInsn& d, u32 eip);
  void handle_fault(const Fault& f, u32 eip);
  void service_events();
  void device_touched();
  bool wait_for_interrupt();

  const Model& model_;
  mem::Bus& bus_;
  timing::Clock& clock_;
  trace::Tracer& tracer_;
  PlatformLink* platform_ = nullptr;
  FeatureMask features_ = 0;

  std::array<SegCheck, 6> checks_{};
  std::array<TlbEntry, kTlbSize> tlb_{};
  BlockCache blocks_;
  u64 icount_ = 0;
  u64 next_event_ = 0;
  bool stop_block_ = false;
  StopReason stop_ = StopReason::kNone;
  u32 bus_generation_ = 0;
  u32 align_mask_ = 0;
  bool unretired_ = false;  // the instruction just run restarts itself (a REP part)
  std::string mode_;     // last reported mode, for mode-switch events
};

}  // namespace vtsim::ia32
