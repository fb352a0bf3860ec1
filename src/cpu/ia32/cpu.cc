// The run loop: blocks of decoded instructions, events between blocks, faults to the guest.
#include "cpu/ia32/cpu.h"

#include <fmt/format.h>

#include <utility>

#include "cpu/ia32/disasm.h"

namespace vtsim::ia32 {

Cpu::Cpu(const Model& model, mem::Bus& bus, timing::Clock& clock, trace::Tracer& tracer)
    : model_(model), bus_(bus), clock_(clock), tracer_(tracer) {
  features_ = feature_bit(Feature::kBase) | feature_bit(Feature::kI486) |
              feature_bit(Feature::kPentium);
  for (const CpuidLeaf& l : model.cpuid) {
    if (l.leaf != 1) continue;
    if (l.edx & cpuid_edx::kCmov) features_ |= feature_bit(Feature::kCmov);
    if (l.edx & cpuid_edx::kCx8) features_ |= feature_bit(Feature::kCx8);
    if (l.edx & cpuid_edx::kSep) features_ |= feature_bit(Feature::kSep);
    if (l.edx & cpuid_edx::kTsc) features_ |= feature_bit(Feature::kTsc);
    if (l.edx & cpuid_edx::kMsr) features_ |= feature_bit(Feature::kMsr);
  }
  reset();
}

void Cpu::reset() {
  st = State{};
  // EDX holds the processor signature after reset (SDM Vol. 3A 9.1.4).
  for (const CpuidLeaf& l : model_.cpuid)
    if (l.leaf == 1) st.gpr[kEdx] = l.eax;
  Segment cs;
  cs.selector = 0xF000;
  cs.base = 0xFFFF0000;
  cs.attr = attr::kPresent | attr::kS | attr::kCode | attr::kWritable | attr::kAccessed;
  st.seg[kCs] = cs;
  mode_changed();
  for (unsigned s = 0; s < 6; ++s) refresh_check(s);
  flush_translations();
  mode_ = mode_name();
}

std::string_view Cpu::mode_name() const {
  if (!st.protected_mode()) return "real";
  if (st.v86()) return "v86";
  return st.code32() ? "protected32" : "protected16";
}

void Cpu::mode_changed() {
  st.cpl = !st.protected_mode() ? 0 : st.v86() ? 3 : (st.seg[kCs].selector & 3);
  for (unsigned s = 0; s < 6; ++s) refresh_check(s);  // the access rules depend on the mode
  std::string_view now = mode_name();
  if (now != mode_) {
    if (tracer_.wants(trace::Kind::kModeSwitch))
      tracer_.mode_switch({clock_.cycles, mode_, now});
    mode_ = now;
  }
  end_block();
}

void Cpu::flush_translations() {
  tlb_.fill(TlbEntry{});
  blocks_.clear();
  end_block();
}

// ---- memory ----

void Cpu::fill_tlb(u32 lin, u64 pa) {
  if (tracer_.wants(trace::Kind::kMemory)) return;  // traced runs see every access
  u8* host = bus_.host_page(pa, false);
  if (!host) return;
  TlbEntry& e = tlb_[(lin >> mem::kPageBits) & (kTlbSize - 1)];
  u32 page = lin >> mem::kPageBits;
  e.addend = reinterpret_cast<uintptr_t>(host) - (lin & ~u32{0xFFF});
  e.read_tag = page;
  bool writable = bus_.host_page(pa, true) && !blocks_.is_code_page(pa >> mem::kPageBits);
  e.write_tag = writable ? page : ~0u;
}

u64 Cpu::read_slow(u32 lin, unsigned size) {
  u64 v = 0;
  for (unsigned done = 0; done < size;) {
    u32 a = lin + done;
    unsigned chunk = std::min<unsigned>(size - done, 0x1000 - (a & 0xFFF));
    u64 pa = translate(a);
    u64 part = bus_.read(pa, chunk);
    if (tracer_.wants(trace::Kind::kMemory))
      tracer_.memory({clock_.cycles, a, pa, part, static_cast<u8>(chunk), false});
    v |= part << (8 * done);
    fill_tlb(a, pa);
    done += chunk;
  }
  return v;
}

void Cpu::write_slow(u32 lin, unsigned size, u64 v) {
  for (unsigned done = 0; done < size;) {
    u32 a = lin + done;
    unsigned chunk = std::min<unsigned>(size - done, 0x1000 - (a & 0xFFF));
    u64 pa = translate(a);
    u64 part = chunk == 8 ? v : (v >> (8 * done)) & ((u64{1} << (8 * chunk)) - 1);
    if (blocks_.is_code_page(pa >> mem::kPageBits)) {
      blocks_.invalidate_page(pa >> mem::kPageBits);
      end_block();  // the running block may be among those just dropped
    }
    bus_.write(pa, chunk, part);
    if (tracer_.wants(trace::Kind::kMemory))
      tracer_.memory({clock_.cycles, a, pa, part, static_cast<u8>(chunk), true});
    fill_tlb(a, pa);
    done += chunk;
  }
}

// ---- decoding into blocks ----

const Block* Cpu::build_block(u64 pa) {
  constexpr unsigned kMaxInsns = 64;
  auto b = std::make_unique<Block>();
  b->key = BlockCache::key(pa, st.code32());
  b->first_page = b->last_page = pa >> mem::kPageBits;
  u32 eip = st.eip();
  const Segment& cs = st.seg[kCs];
  u64 room = u64{cs.limit} - eip + 1;  // bytes before the CS limit
  while (b->insns.size() < kMaxInsns) {
    u8 buf[16];
    u64 here = pa + b->bytes;
    unsigned in_page = static_cast<unsigned>(0x1000 - (here & 0xFFF));
    unsigned avail = static_cast<unsigned>(std::min<u64>(15, room - b->bytes));
    unsigned first = std::min(avail, in_page);
    for (unsigned i = 0; i < first; ++i) buf[i] = static_cast<u8>(bus_.read(here + i, 1));
    unsigned have = first;
    DecodedInsn d;
    DecodeStatus s = decode({buf, have}, st.code32(), features_, d);
    if (s == DecodeStatus::kTruncated && avail > first) {
      // The instruction continues on the next page: only a block's first one may cross.
      if (!b->insns.empty()) break;
      u64 next = translate(cs.base + eip + first);
      for (unsigned i = first; i < avail; ++i) buf[i] = static_cast<u8>(bus_.read(next + i - first, 1));
      have = avail;
      s = decode({buf, have}, st.code32(), features_, d);
      b->last_page = next >> mem::kPageBits;
    }
    if (s != DecodeStatus::kOk) {
      // Invalid, over-long or cut off by the CS limit: a pseudo-instruction raises the fault
      // when (and only if) execution reaches it.
      d = DecodedInsn{};
      d.fn = s == DecodeStatus::kInvalid ? &exec_invalid : &exec_fetch_fault;
      d.len = 0;
      b->insns.push_back(d);
      break;
    }
    timing::OpClass cls = d.row->cls;
    if (cls == timing::OpClass::kAlu && d.mem) cls = timing::OpClass::kAluMem;
    d.cycles = model_.latency[static_cast<size_t>(cls)];
    b->insns.push_back(d);
    b->bytes += d.len;
    if (d.row->attrs & row_attr::kEndsBlock) break;
    if (((pa + b->bytes) & 0xFFF) == 0 || b->bytes >= room) break;
  }
  // Code pages must not be written through the fast path any more.
  for (TlbEntry& e : tlb_) e.write_tag = ~0u;
  return blocks_.insert(std::move(b));
}

const Block* Cpu::lookup_block() {
  u32 eip = st.eip();
  const Segment& cs = st.seg[kCs];
  if (eip > cs.limit) raise(kGP, 0);
  u64 pa = translate(cs.base + eip);
  const Block* b = blocks_.find(BlockCache::key(pa, st.code32()));
  if (b && u64{eip} + b->bytes > u64{cs.limit} + 1) {
    blocks_.invalidate_page(pa >> mem::kPageBits);  // decoded under a larger CS limit
    b = nullptr;
  }
  return b ? b : build_block(pa);
}

// ---- executing ----

void Cpu::emit_retire(const DecodedInsn& d, u32 eip) {
  std::string text = disassemble(d, eip);
  tracer_.retire({icount_ - 1, clock_.cycles, u64{st.seg[kCs].base} + eip, st.seg[kCs].selector,
                  eip, d.bytes, d.len, text});
}

void Cpu::run_block(const Block& b, u64 budget, bool traced) {
  stop_block_ = false;
  const u32 ip_mask = st.code32() ? 0xFFFFFFFFu : 0xFFFFu;
  const DecodedInsn* d = b.insns.data();
  const DecodedInsn* end = d + budget;
  u32 eip = st.eip();
  try {
    for (; d != end; ++d) {
      eip = st.eip();
      st.rip = (eip + d->len) & ip_mask;
      d->fn(*this, *d);
      clock_.cycles += d->cycles;
      // A REP part that restarts itself (unretired_) is neither counted nor traced.
      if (stop_block_ && std::exchange(unretired_, false)) [[unlikely]] break;
      ++icount_;
      if (traced) [[unlikely]] emit_retire(*d, eip);
      if (stop_block_) [[unlikely]] break;
    }
  } catch (const Fault& f) {
    st.rip = eip;
    handle_fault(f, eip);
  }
}

void Cpu::handle_fault(const Fault& f, u32 eip) {
  if (tracer_.wants(trace::Kind::kException))
    tracer_.exception({clock_.cycles, u64{st.seg[kCs].base} + eip, f.vector, f.has_error, f.error,
                       vector_name(f.vector), is_trap(f.vector) ? "trap" : "fault"});
  clock_.cycles += model_.exception_cycles;
  deliver_exception(f.vector, f.has_error, f.error);
}

void Cpu::service_events() {
  if (platform_) {
    platform_->advance();
    next_event_ = platform_->next_event_cycle();
  } else {
    next_event_ = UINT64_MAX;
  }
}

// HLT: skip idle time to the next device event; false when nothing can ever wake the CPU.
bool Cpu::wait_for_interrupt() {
  if (!st.flags.if_() || !platform_) return false;
  service_events();
  if (platform_->intr_pending()) return true;
  if (next_event_ == UINT64_MAX) return false;
  clock_.cycles = std::max(clock_.cycles, next_event_);
  service_events();
  return true;
}

StopReason Cpu::run(const RunLimits& lim) {
  stop_ = StopReason::kNone;
  const bool traced = tracer_.wants(trace::Kind::kRetire);
  while (stop_ == StopReason::kNone) {
    if (icount_ >= lim.max_insns) return StopReason::kInsnLimit;
    if (clock_.cycles >= lim.max_cycles) return StopReason::kCycleLimit;
    if (clock_.cycles >= next_event_) service_events();
    bool shadow = st.interrupt_shadow;
    st.interrupt_shadow = false;
    if (!shadow && st.flags.if_() && platform_ && platform_->intr_pending()) {
      st.halted = false;
      deliver_external(platform_->intr_acknowledge());
      continue;
    }
    if (st.halted) {
      if (!wait_for_interrupt()) return StopReason::kHalt;
      continue;
    }
    blocks_.release_retired();
    if (bus_.generation() != bus_generation_) {
      bus_generation_ = bus_.generation();
      flush_translations();
    }
    const bool trap = st.flags.tf();
    const Block* b;
    try {
      b = lookup_block();
    } catch (const Fault& f) {
      handle_fault(f, st.eip());
      continue;
    }
    // One instruction at a time under an interrupt shadow or single-stepping (TF).
    u64 budget = (shadow || trap) ? 1 : b->insns.size();
    budget = std::min(budget, lim.max_insns - icount_);
    u64 before = icount_;
    update_alignment_check();
    run_block(*b, budget, traced);
    if (trap && icount_ != before) {
      st.dr[6] |= 1u << 14;  // DR6.BS: single-step trap (SDM Vol. 3B 17.2.3)
      deliver_exception(kDB, false, 0);
    }
  }
  return stop_;
}

std::string Cpu::describe_state() {
  u32 fl = st.flags.get();
  std::string s = fmt::format(
      "EAX={:08x} EBX={:08x} ECX={:08x} EDX={:08x} ESI={:08x} EDI={:08x} EBP={:08x} ESP={:08x}\n"
      "EIP={:08x} EFLAGS={:08x} CPL={} mode={}\n",
      st.r32(kEax), st.r32(kEbx), st.r32(kEcx), st.r32(kEdx), st.r32(kEsi), st.r32(kEdi),
      st.r32(kEbp), st.r32(kEsp), st.eip(), fl, st.cpl, mode_name());
  static constexpr const char* kNames[] = {"ES", "CS", "SS", "DS", "FS", "GS"};
  for (unsigned i = 0; i < 6; ++i) {
    const Segment& g = st.seg[i];
    s += fmt::format("{}={:04x} base={:08x} limit={:08x} attr={:03x}\n", kNames[i], g.selector,
                     g.base, g.limit, g.attr);
  }
  s += fmt::format("GDT base={:08x} limit={:04x}  IDT base={:08x} limit={:04x}\n", st.gdtr.base,
                   st.gdtr.limit, st.idtr.base, st.idtr.limit);
  s += fmt::format("CR0={:08x} CR2={:08x} CR3={:08x} CR4={:08x}\n", st.cr0, st.cr2, st.cr3, st.cr4);
  return s;
}

}  // namespace vtsim::ia32
