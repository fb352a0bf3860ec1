// Far transfers: JMP, CALL, RET and IRET with a segment selector in real, virtual-8086 and
// protected mode, with call gates and returns to an outer privilege level (SDM Vol. 3A 5.8;
// Vol. 2 JMP, CALL, RET, IRET "Operation"). Every check runs before any register changes.
#include "cpu/ia32/far_transfer.h"

#include "common/error.h"
#include "cpu/ia32/descriptor.h"

namespace vtsim::ia32 {
namespace {

constexpr u64 kAccessedBit = u64{1} << 40;

u16 err_of(u16 selector) { return selector & 0xFFFC; }
bool protected_rules(const Cpu& c) { return c.st.protected_mode() && !c.st.v86(); }

// The item offset bytes above ESP, read without popping; #SS(0) beyond the SS limit.
u32 peek(Cpu& c, u32 offset, unsigned size) {
  u32 off = c.st.r32(kEsp) + offset;
  if (!c.stack32()) off &= 0xFFFF;
  return size == 4 ? c.read<u32>(kSs, off) : c.read<u16>(kSs, off);
}

// Loads CS from a checked code descriptor with RPL = cpl, then EIP.
void load_code(Cpu& c, u16 sel, u64 code, unsigned cpl, u32 eip) {
  c.mark_accessed(sel, code);
  c.set_segment(kCs, desc::to_segment(static_cast<u16>(err_of(sel) | cpl), code | kAccessedBit));
  c.st.rip = eip;
}

enum class Target { kCode, kCallGate, kTask, kInvalid };
Target classify(u64 d) {
  if (desc::is_code(d)) return Target::kCode;
  if (!desc::is_system(d)) return Target::kInvalid;
  switch (desc::type(d)) {
    case desc::kCallGate16: case desc::kCallGate32: return Target::kCallGate;
    case desc::kTaskGate: case desc::kTss16Avail: case desc::kTss32Avail:
    case desc::kTss16Busy: case desc::kTss32Busy: return Target::kTask;
    default: return Target::kInvalid;
  }
}

bool available_tss(u64 d) {
  return desc::is_system(d) &&
         (desc::type(d) == desc::kTss16Avail || desc::type(d) == desc::kTss32Avail);
}

// JMP/CALL straight to a code segment: a conforming one needs DPL <= CPL, a non-conforming one
// RPL <= CPL and DPL = CPL (SDM Vol. 3A 5.8.1.1, 5.8.1.2).
void check_direct_code(const Cpu& c, u16 sel, u64 code) {
  unsigned cpl = c.st.cpl;
  bool ok = desc::conforming(code) ? desc::dpl(code) <= cpl
                                   : (sel & 3u) <= cpl && desc::dpl(code) == cpl;
  if (!ok) raise(kGP, err_of(sel));
  if (!desc::present(code)) raise(kNP, err_of(sel));
}

// A TSS needs a limit of at least 67H (32-bit) or 2BH (16-bit) (SDM Vol. 3A 7.3, Table 6-6).
bool tss_limit_ok(u64 tss) { return desc::limit(tss) >= ((desc::type(tss) & 8) ? 0x67u : 0x2Bu); }

// JMP/CALL to a task gate or a TSS: the checks before the switch, which a later change adds
// (SDM JMP, CALL "TASK-GATE" and "TASK-STATE-SEGMENT"; Vol. 3A 7.3).
[[noreturn]] void task_switch(Cpu& c, u16 sel, u64 d) {
  if (desc::dpl(d) < c.st.cpl || desc::dpl(d) < (sel & 3u)) raise(kGP, err_of(sel));
  u16 tss_sel = sel;
  u64 tss = d;
  if (desc::type(d) == desc::kTaskGate) {
    if (!desc::present(d)) raise(kNP, err_of(sel));
    tss_sel = desc::gate_selector(d);
    std::optional<u64> t = (tss_sel & 4) ? std::nullopt : find_descriptor(c, tss_sel);
    if (!t) raise(kGP, err_of(tss_sel));
    tss = *t;
  }
  if (!available_tss(tss)) raise(kGP, err_of(tss_sel));
  if (!desc::present(tss)) raise(kNP, err_of(tss_sel));
  if (!tss_limit_ok(tss)) raise(kTS, err_of(tss_sel));
  throw Unimplemented("hardware task switch (far JMP or CALL to a task gate or TSS)");
}

// IRET with NT = 1 returns to the task named by the current TSS's previous-task link: the checks
// before the switch (SDM IRET "TASK-RETURN"; Vol. 3A 7.3, Table 6-6), then Unimplemented.
[[noreturn]] void task_return(Cpu& c) {
  u16 link = c.read_lin<u16>(c.st.tr.base);
  std::optional<u64> tss = (link & 4) ? std::nullopt : find_descriptor(c, link);
  bool busy = tss && desc::is_system(*tss) &&
              (desc::type(*tss) == desc::kTss16Busy || desc::type(*tss) == desc::kTss32Busy);
  if (!busy) raise(kTS, err_of(link));
  if (!desc::present(*tss)) raise(kNP, err_of(link));
  if (!tss_limit_ok(*tss)) raise(kTS, err_of(link));
  throw Unimplemented("IRET with EFLAGS.NT = 1 (hardware task switch back to the previous task)");
}

// A call gate opened by JMP or CALL, with its target code segment checked.
struct GateTarget {
  u16 sel;
  u64 code;
  u32 eip;
  unsigned size;    // 4 for a 32-bit gate, 2 for a 16-bit one
  unsigned params;  // parameter count, 5 bits
};

// The call-gate checks of JMP and CALL; JMP also refuses a privilege change
// (SDM Vol. 3A 5.8.4; JMP and CALL "CALL-GATE").
GateTarget open_call_gate(Cpu& c, u16 gate_sel, u64 gate, bool jump) {
  if (desc::dpl(gate) < c.st.cpl || (gate_sel & 3u) > desc::dpl(gate))
    raise(kGP, err_of(gate_sel));
  if (!desc::present(gate)) raise(kNP, err_of(gate_sel));
  u16 sel = desc::gate_selector(gate);
  if (err_of(sel) == 0) raise(kGP, 0);
  u64 code = c.read_descriptor(sel);
  bool bad = !desc::is_code(code) || desc::dpl(code) > c.st.cpl ||
             (jump && !desc::conforming(code) && desc::dpl(code) != c.st.cpl);
  if (bad) raise(kGP, err_of(sel));
  if (!desc::present(code)) raise(kNP, err_of(sel));
  bool gate32 = desc::type(gate) == desc::kCallGate32;
  u32 eip = desc::gate_offset(gate);
  return {sel, code, gate32 ? eip : eip & 0xFFFF, gate32 ? 4u : 2u, desc::gate_params(gate)};
}

// ---- JMP ----

void jump_protected(Cpu& c, u16 sel, u32 offset) {
  if (err_of(sel) == 0) raise(kGP, 0);
  u64 d = c.read_descriptor(sel);
  switch (classify(d)) {
    case Target::kCode:
      check_direct_code(c, sel, d);
      if (offset > desc::limit(d)) raise(kGP, 0);
      return load_code(c, sel, d, c.st.cpl, offset);
    case Target::kCallGate: {
      GateTarget t = open_call_gate(c, sel, d, true);
      if (t.eip > desc::limit(t.code)) raise(kGP, 0);
      return load_code(c, t.sel, t.code, c.st.cpl, t.eip);
    }
    case Target::kTask: task_switch(c, sel, d);
    case Target::kInvalid: break;
  }
  raise(kGP, err_of(sel));
}

// Real and virtual-8086 mode: CS = selector * 16, the offset checked against the CS limit.
void far_jump(Cpu& c, u16 sel, u32 offset) {
  if (protected_rules(c)) return jump_protected(c, sel, offset);
  if (offset > c.st.seg[kCs].limit) raise(kGP, 0);
  c.load_segment(kCs, sel);
  c.st.rip = offset;
}

// ---- CALL ----

// Pushes CS:EIP on the current stack and enters the target at the current privilege level.
void call_same_level(Cpu& c, u16 sel, u64 code, u32 eip, unsigned size) {
  StackBuilder s(c.st.seg[kSs], c.st.r32(kEsp));
  if (!s.has_room(2, size)) raise(kSS, 0);
  if (eip > desc::limit(code)) raise(kGP, 0);
  s.push(c, c.st.seg[kCs].selector, size);
  s.push(c, c.st.eip(), size);
  load_code(c, sel, code, c.st.cpl, eip);
  c.set_esp(s.esp());
}

// CALL through a gate to a more privileged non-conforming segment: the stack from the TSS, the
// caller's SS:ESP, the gate's count of parameters, CS:EIP (SDM Vol. 3A 5.8.5, Figure 5-13).
void call_inner_level(Cpu& c, const GateTarget& t) {
  const unsigned cpl = desc::dpl(t.code), size = t.size;
  InnerStack in = inner_stack(c, cpl, 0);
  StackBuilder s(desc::to_segment(in.selector, in.descriptor), in.esp);
  if (!s.has_room(4 + t.params, size)) raise(kSS, err_of(in.selector));
  if (t.eip > desc::limit(t.code)) raise(kGP, 0);
  const u32 old_esp = c.st.r32(kEsp);
  const u32 mask = c.stack32() ? 0xFFFFFFFFu : 0xFFFFu;
  u32 params[31];
  for (unsigned i = 0; i < t.params; ++i) {
    u32 off = (old_esp + i * size) & mask;
    params[i] = size == 4 ? c.read<u32>(kSs, off) : c.read<u16>(kSs, off);
  }
  s.push(c, c.st.seg[kSs].selector, size);
  s.push(c, old_esp, size);
  for (unsigned i = t.params; i-- > 0;) s.push(c, params[i], size);  // same order as before
  s.push(c, c.st.seg[kCs].selector, size);
  s.push(c, c.st.eip(), size);
  load_stack(c, in.selector, in.descriptor, s.esp());
  load_code(c, t.sel, t.code, cpl, t.eip);
}

void call_protected(Cpu& c, u16 sel, u32 offset, unsigned size) {
  if (err_of(sel) == 0) raise(kGP, 0);
  u64 d = c.read_descriptor(sel);
  switch (classify(d)) {
    case Target::kCode:
      check_direct_code(c, sel, d);
      return call_same_level(c, sel, d, offset, size);
    case Target::kCallGate: {
      GateTarget t = open_call_gate(c, sel, d, false);
      if (!desc::conforming(t.code) && desc::dpl(t.code) < c.st.cpl)
        return call_inner_level(c, t);
      return call_same_level(c, t.sel, t.code, t.eip, t.size);
    }
    case Target::kTask: task_switch(c, sel, d);
    case Target::kInvalid: break;
  }
  raise(kGP, err_of(sel));
}

void far_call(Cpu& c, u16 sel, u32 offset, unsigned size) {
  if (protected_rules(c)) return call_protected(c, sel, offset, size);
  StackBuilder s(c.st.seg[kSs], c.st.r32(kEsp));
  if (!s.has_room(2, size)) raise(kSS, 0);
  if (offset > c.st.seg[kCs].limit) raise(kGP, 0);
  s.push(c, c.st.seg[kCs].selector, size);
  s.push(c, c.st.eip(), size);
  c.load_segment(kCs, sel);
  c.st.rip = offset;
  c.set_esp(s.esp());
}

// ---- RET and IRET ----

// The return code segment checks of RET and IRET in protected mode (SDM RET "Operation").
u64 check_return_cs(Cpu& c, u16 sel) {
  if (err_of(sel) == 0) raise(kGP, 0);
  u64 code = c.read_descriptor(sel);
  unsigned rpl = sel & 3u;
  if (!desc::is_code(code) || rpl < c.st.cpl ||
      (desc::conforming(code) ? desc::dpl(code) > rpl : desc::dpl(code) != rpl))
    raise(kGP, err_of(sel));
  if (!desc::present(code)) raise(kNP, err_of(sel));
  return code;
}

// The stack popped on a return to an outer level (SDM RET "RETURN-TO-OUTER-PRIVILEGE-LEVEL").
u64 check_return_ss(Cpu& c, u16 sel, unsigned rpl) {
  if (err_of(sel) == 0) raise(kGP, 0);
  u64 d = c.read_descriptor(sel);
  if ((sel & 3u) != rpl || !desc::writable_data(d) || desc::dpl(d) != rpl)
    raise(kGP, err_of(sel));
  if (!desc::present(d)) raise(kSS, err_of(sel));
  return d;
}

// After a return to an outer level, ES, FS, GS and DS become null when their cached DPL is below
// the new CPL, unless they hold a conforming code segment (SDM Vol. 3A 5.8.6; RET, IRET).
void null_data_segments(Cpu& c) {
  for (unsigned s : {kEs, kFs, kGs, kDs}) {
    const Segment& g = c.st.seg[s];
    bool conforming = (g.attr & attr::kCode) && (g.attr & attr::kExpandDown);
    if (err_of(g.selector) != 0 && (conforming || attr::dpl(g.attr) >= c.st.cpl)) continue;
    Segment null = g;
    null.selector = 0;
    null.usable = false;
    c.set_segment(s, null);
  }
}

void retf_protected(Cpu& c, u32 eip, u16 sel, unsigned size, u32 release) {
  u64 code = check_return_cs(c, sel);
  const unsigned rpl = sel & 3u;
  if (rpl == c.st.cpl) {
    if (eip > desc::limit(code)) raise(kGP, 0);
    load_code(c, sel, code, rpl, eip);
    c.set_esp(c.st.r32(kEsp) + 2 * size + release);
    return;
  }
  u32 esp = peek(c, 2 * size + release, size);
  u16 ss = static_cast<u16>(peek(c, 3 * size + release, size));
  u64 ssd = check_return_ss(c, ss, rpl);
  if (eip > desc::limit(code)) raise(kGP, 0);
  load_code(c, sel, code, rpl, eip);
  load_stack(c, ss, ssd, esp + release);  // RET n releases parameters on both stacks
  null_data_segments(c);
}

// The EFLAGS bits a protected-mode IRET loads, decided by the CPL it starts at (SDM IRET).
u32 iret_flag_mask(const Cpu& c, unsigned size) {
  u32 m = eflags::kArith | eflags::kTf | eflags::kDf | eflags::kNt;
  if (size == 4) m |= eflags::kRf | eflags::kAc | eflags::kId;
  if (c.st.cpl <= c.st.flags.iopl()) m |= eflags::kIf;
  if (c.st.cpl == 0) m |= eflags::kIopl | (size == 4 ? eflags::kVif | eflags::kVip : 0);
  return m;
}

// IRET at CPL 0 with VM = 1 in the popped EFLAGS: ESP, SS, ES, DS, FS, GS follow on the stack
// (SDM IRET "RETURN-TO-VIRTUAL-8086-MODE", Vol. 3A 20.3.3).
void iret_to_v86(Cpu& c, u32 eip, u16 cs, u32 fl) {
  u32 esp = peek(c, 12, 4);
  u16 sel[5];  // SS, ES, DS, FS, GS
  for (unsigned i = 0; i < 5; ++i) sel[i] = static_cast<u16>(peek(c, 16 + 4 * i, 4));
  if (eip > 0xFFFF) raise(kGP, 0);  // beyond the v86 CS limit, as Bochs checks it
  c.st.flags.set(fl);
  c.load_segment(kCs, cs);  // VM = 1 now: v86 segment rules
  const SegReg order[5] = {kSs, kEs, kDs, kFs, kGs};
  for (unsigned i = 0; i < 5; ++i) c.load_segment(order[i], sel[i]);
  c.st.r32(kEsp) = esp;
  c.st.rip = eip;
}

void iret_protected(Cpu& c, unsigned size) {
  if (c.st.flags.get() & eflags::kNt) task_return(c);
  u32 eip = peek(c, 0, size);
  u16 sel = static_cast<u16>(peek(c, size, size));
  u32 fl = peek(c, 2 * size, size);
  if (size == 4 && (fl & eflags::kVm) && c.st.cpl == 0) return iret_to_v86(c, eip, sel, fl);
  u64 code = check_return_cs(c, sel);
  const unsigned rpl = sel & 3u;
  const u32 mask = iret_flag_mask(c, size);
  if (rpl == c.st.cpl) {
    if (eip > desc::limit(code)) raise(kGP, 0);
    c.st.flags.set_masked(fl, mask);
    load_code(c, sel, code, rpl, eip);
    c.set_esp(c.st.r32(kEsp) + 3 * size);
    return;
  }
  u32 esp = peek(c, 3 * size, size);
  u16 ss = static_cast<u16>(peek(c, 4 * size, size));
  u64 ssd = check_return_ss(c, ss, rpl);
  if (eip > desc::limit(code)) raise(kGP, 0);
  c.st.flags.set_masked(fl, mask);
  load_code(c, sel, code, rpl, eip);
  load_stack(c, ss, ssd, esp);
  null_data_segments(c);
}

// IRET in real-address mode, and in v86 mode with IOPL = 3 (CR4.VME is not modelled, so IOPL < 3
// is #GP(0)); v86 mode keeps IOPL, and neither changes VM, VIF or VIP (SDM IRET).
void iret_real(Cpu& c, unsigned size) {
  const bool v86 = c.st.v86();
  if (v86 && c.st.flags.iopl() != 3) raise(kGP, 0);
  u32 eip = peek(c, 0, size);
  u16 sel = static_cast<u16>(peek(c, size, size));
  u32 fl = peek(c, 2 * size, size);
  if (eip > c.st.seg[kCs].limit) raise(kGP, 0);
  u32 mask = size == 4 ? 0x257FD5u : 0xFFFFu;
  if (v86) mask &= ~eflags::kIopl;
  c.load_segment(kCs, sel);
  c.st.rip = eip;
  c.set_esp(c.st.r32(kEsp) + 3 * size);
  c.st.flags.set_masked(fl, mask);
}

}  // namespace

// ---- shared helpers ----

std::optional<u64> find_descriptor(Cpu& c, u16 selector) {
  if (err_of(selector) == 0) return std::nullopt;
  bool ldt = selector & 4;
  if (ldt && !c.st.ldtr.usable) return std::nullopt;
  u32 limit = ldt ? c.st.ldtr.limit : c.st.gdtr.limit;
  if ((selector & ~7u) + 7 > limit) return std::nullopt;
  return c.read_descriptor(selector);
}

StackBuilder::StackBuilder(const Segment& ss, u32 esp)
    : ss_(ss), mask_((ss.attr & attr::kDb) ? 0xFFFFFFFFu : 0xFFFFu) {
  esp_ = esp & mask_;
}

bool StackBuilder::has_room(unsigned count, unsigned size) const {
  bool down = !(ss_.attr & attr::kCode) && (ss_.attr & attr::kExpandDown);
  u64 lo = down ? u64{ss_.limit} + 1 : 0;
  u64 hi = down ? u64{mask_} : u64{ss_.limit};
  u32 esp = esp_;
  for (unsigned i = 0; i < count; ++i) {
    esp = (esp - size) & mask_;
    if (esp < lo || u64{esp} + size - 1 > hi) return false;
  }
  return true;
}

void StackBuilder::push(Cpu& c, u32 value, unsigned size) {
  esp_ = (esp_ - size) & mask_;
  if (size == 4) c.write_lin<u32>(ss_.base + esp_, value);
  else c.write_lin<u16>(ss_.base + esp_, static_cast<u16>(value));
}

InnerStack inner_stack(Cpu& c, unsigned dpl, u32 ext) {
  const Segment& tr = c.st.tr;
  const unsigned type = tr.attr & 0xF;
  const bool tss32 = type == desc::kTss32Busy || type == desc::kTss32Avail;
  // SS:ESP for level n sit at 8n + 4 in a 32-bit TSS and at 4n + 2 in a 16-bit one (7.2.1, 7.6).
  const u32 slot = tss32 ? dpl * 8 + 4 : dpl * 4 + 2;
  if (slot + (tss32 ? 5 : 3) > tr.limit) raise(kTS, err_of(tr.selector) | ext);
  u32 esp = tss32 ? c.read_lin<u32>(tr.base + slot) : c.read_lin<u16>(tr.base + slot);
  u16 sel = c.read_lin<u16>(tr.base + slot + (tss32 ? 4 : 2));
  if (err_of(sel) == 0) raise(kTS, ext);
  const u32 err = err_of(sel) | ext;
  std::optional<u64> d = find_descriptor(c, sel);
  if (!d || (sel & 3u) != dpl || desc::dpl(*d) != dpl || !desc::writable_data(*d))
    raise(kTS, err);
  if (!desc::present(*d)) raise(kSS, err);
  return {sel, *d, esp};
}

void load_stack(Cpu& c, u16 selector, u64 descriptor, u32 esp) {
  c.mark_accessed(selector, descriptor);
  c.set_segment(kSs, desc::to_segment(selector, descriptor | kAccessedBit));
  c.set_esp(esp);
}

// ---- row handlers ----

void jmp_far_A(Cpu& c, const DecodedInsn& d) { far_jump(c, d.imm2, d.disp); }

void jmp_far_M(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  u32 target = d.o32 ? c.read<u32>(d.seg, off) : c.read<u16>(d.seg, off);
  far_jump(c, c.read<u16>(d.seg, off + (d.o32 ? 4 : 2)), target);
}

void call_far_A(Cpu& c, const DecodedInsn& d) { far_call(c, d.imm2, d.disp, d.o32 ? 4 : 2); }

void call_far_M(Cpu& c, const DecodedInsn& d) {
  u32 off = c.ea(d);
  u32 target = d.o32 ? c.read<u32>(d.seg, off) : c.read<u16>(d.seg, off);
  far_call(c, c.read<u16>(d.seg, off + (d.o32 ? 4 : 2)), target, d.o32 ? 4 : 2);
}

void retf(Cpu& c, const DecodedInsn& d) {
  const unsigned size = d.o32 ? 4 : 2;
  const u32 release = d.row->opcode == 0xCA ? (d.imm & 0xFFFF) : 0;
  u32 eip = peek(c, 0, size);
  u16 sel = static_cast<u16>(peek(c, size, size));
  if (protected_rules(c)) return retf_protected(c, eip, sel, size, release);
  if (eip > c.st.seg[kCs].limit) raise(kGP, 0);
  c.load_segment(kCs, sel);
  c.st.rip = eip;
  c.set_esp(c.st.r32(kEsp) + 2 * size + release);
}

void iret(Cpu& c, const DecodedInsn& d) {
  const unsigned size = d.o32 ? 4 : 2;
  if (protected_rules(c)) iret_protected(c, size);
  else iret_real(c, size);
}

}  // namespace vtsim::ia32
