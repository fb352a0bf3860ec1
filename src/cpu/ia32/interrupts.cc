// Exception and interrupt delivery: the real-mode IVT (SDM Vol. 3A 20.1.4) and the
// protected-mode IDT with interrupt and trap gates (6.10-6.13), #DF and shutdown (6.15).
#include "common/error.h"
#include "cpu/ia32/cpu.h"
#include "cpu/ia32/descriptor.h"
#include "cpu/ia32/far_transfer.h"

namespace vtsim::ia32 {
namespace {

// Exception classes for the #DF decision (SDM Vol. 3A Table 6-4).
enum class Class { kBenign, kContributory, kPageFault };
Class classify(u8 v) {
  if (v == kDE || (v >= kTS && v <= kGP)) return Class::kContributory;
  if (v == kPF) return Class::kPageFault;
  return Class::kBenign;
}
// Table 6-5: which second exception, raised while delivering the first, becomes #DF.
bool makes_double_fault(u8 first, u8 second) {
  Class a = classify(first), b = classify(second);
  if (a == Class::kContributory) return b == Class::kContributory;
  if (a == Class::kPageFault) return b != Class::kBenign;
  return false;
}

}  // namespace

void Cpu::deliver_exception(u8 vector, bool has_error, u32 error) {
  try {
    deliver_event(vector, Event::kException, has_error, error);
  } catch (const Fault& second) {
    if (vector == kDF) return triple_fault();
    if (!makes_double_fault(vector, second.vector))
      return deliver_exception(second.vector, second.has_error, second.error);
    try {
      deliver_event(kDF, Event::kException, true, 0);
    } catch (const Fault&) {
      triple_fault();
    }
  }
}

void Cpu::triple_fault() {
  if (tracer_.wants(trace::Kind::kNote))
    tracer_.note({clock_.cycles, "triple-fault", "shutdown after a fault while delivering #DF"});
  request_stop(StopReason::kTripleFault);
}

void Cpu::deliver_external(u8 vector) {
  if (tracer_.wants(trace::Kind::kInterrupt))
    tracer_.interrupt({clock_.cycles, u64{st.seg[kCs].base} + st.eip(), vector, "intr"});
  clock_.cycles += model_.exception_cycles;
  try {
    deliver_event(vector, Event::kExternal, false, 0);
  } catch (const Fault& f) {
    deliver_exception(f.vector, f.has_error, f.error);
  }
}

void Cpu::deliver_event(u8 vector, Event kind, bool has_error, u32 error) {
  end_block();
  st.halted = false;
  if (!st.protected_mode()) {
    // Real mode: a 4-byte IVT entry; FLAGS, CS and IP pushed; IF, TF, AC cleared.
    u32 entry = u32{vector} * 4;
    if (entry + 3 > st.idtr.limit) raise(kGP, 0);
    u16 ip = read_lin<u16>(st.idtr.base + entry);
    u16 cs = read_lin<u16>(st.idtr.base + entry + 2);
    push<u16>(static_cast<u16>(st.flags.get()));
    push<u16>(st.seg[kCs].selector);
    push<u16>(static_cast<u16>(st.rip));
    st.flags.set(st.flags.get() & ~(eflags::kIf | eflags::kTf | eflags::kAc | eflags::kRf));
    load_segment(kCs, cs);
    st.rip = ip;
    return;
  }
  // Error codes of faults during delivery carry EXT = 1 unless INT n caused it (6.13).
  const u32 ext = kind == Event::kSoftware ? 0 : 1;
  const u32 idt_err = u32{vector} * 8 + 2 + ext;
  if (u32{vector} * 8 + 7 > st.idtr.limit) raise(kGP, idt_err);
  u64 gate = read_lin<u32>(st.idtr.base + vector * 8) |
             (u64{read_lin<u32>(st.idtr.base + vector * 8 + 4)} << 32);
  unsigned type = desc::type(gate);
  bool gate32 = type == desc::kIntGate32 || type == desc::kTrapGate32;
  bool gate16 = type == desc::kIntGate16 || type == desc::kTrapGate16;
  if (!desc::is_system(gate) || (!gate32 && !gate16 && type != desc::kTaskGate))
    raise(kGP, idt_err);
  if (kind == Event::kSoftware && desc::dpl(gate) < st.cpl) raise(kGP, idt_err);
  if (!desc::present(gate)) raise(kNP, idt_err);
  if (type == desc::kTaskGate) throw Unimplemented("task gates in the IDT (hardware task switch)");

  u16 sel = desc::gate_selector(gate);
  if ((sel & 0xFFFC) == 0) raise(kGP, ext);
  u64 cs = read_descriptor(sel);
  u32 cs_err = (sel & 0xFFFC) + ext;
  if (!desc::is_code(cs) || desc::dpl(cs) > st.cpl) raise(kGP, cs_err);
  if (!desc::present(cs)) raise(kNP, cs_err);
  u32 target = desc::gate_offset(gate);
  if (gate16) target &= 0xFFFF;
  if (target > desc::limit(cs)) raise(kGP, ext);

  const u32 old_flags = st.flags.get();
  const u16 old_cs = st.seg[kCs].selector, old_ss = st.seg[kSs].selector;
  const u32 old_esp = st.r32(kEsp), old_eip = st.eip();
  const bool from_v86 = st.v86();
  const unsigned new_cpl = desc::conforming(cs) ? st.cpl : desc::dpl(cs);
  if (from_v86 && new_cpl != 0) raise(kGP, cs_err);

  // The frame is written before SS:ESP change, so a fault leaves the state as it was.
  const unsigned size = gate32 ? 4 : 2;
  const unsigned items = 3 + (has_error ? 1 : 0);
  if (new_cpl < st.cpl) {
    // Inter-privilege: the new stack comes from the TSS (SDM Vol. 3A 6.12.1, 7.2.1).
    InnerStack in = inner_stack(*this, new_cpl, ext);
    StackBuilder s(desc::to_segment(in.selector, in.descriptor), in.esp);
    if (!s.has_room(items + 2 + (from_v86 ? 4 : 0), size))
      raise(kSS, (in.selector & 0xFFFC) + ext);
    if (from_v86)
      for (unsigned r : {kGs, kFs, kDs, kEs}) s.push(*this, st.seg[r].selector, size);
    s.push(*this, old_ss, size);
    s.push(*this, old_esp, size);
    s.push(*this, old_flags, size);
    s.push(*this, old_cs, size);
    s.push(*this, old_eip, size);
    if (has_error) s.push(*this, error, size);
    load_stack(*this, in.selector, in.descriptor, s.esp());
    if (from_v86) {
      Segment null;
      null.selector = 0;
      null.usable = false;
      for (unsigned r : {kGs, kFs, kDs, kEs}) set_segment(r, null);
    }
  } else {
    if (from_v86) raise(kGP, cs_err);
    StackBuilder s(st.seg[kSs], st.r32(kEsp));
    if (!s.has_room(items, size)) raise(kSS, ext);  // INT n "INTRA-PRIVILEGE-LEVEL-INTERRUPT"
    s.push(*this, old_flags, size);
    s.push(*this, old_cs, size);
    s.push(*this, old_eip, size);
    if (has_error) s.push(*this, error, size);
    set_esp(s.esp());
  }
  u32 clear = eflags::kTf | eflags::kNt | eflags::kRf | eflags::kVm;
  if (type == desc::kIntGate32 || type == desc::kIntGate16) clear |= eflags::kIf;
  st.flags.set(old_flags & ~clear);
  mark_accessed(sel, cs);
  set_segment(kCs, desc::to_segment(static_cast<u16>((sel & 0xFFFC) | new_cpl), cs | (u64{1} << 40)));
  st.rip = target;
  for (unsigned s = 0; s < 6; ++s) refresh_check(s);  // v86 -> protected changes the rules
}

void Cpu::exec_invalid(Cpu&, const DecodedInsn&) { raise(kUD); }
void Cpu::exec_fetch_fault(Cpu&, const DecodedInsn&) { raise(kGP, 0); }

}  // namespace vtsim::ia32
