// Protection and system-management instructions: LLDT LTR SLDT STR LAR LSL VERR VERW ARPL LMSW
// SMSW CLTS, MOV to/from DR0-DR7, RDMSR WRMSR, SYSENTER SYSEXIT, INVLPG INVD WBINVD, UD2
// (SDM Vol. 2 instruction pages; Vol. 3A ch. 2, 5 and 17; Vol. 4 ch. 2 for the MSRs).
#include "cpu/ia32/descriptor.h"
#include "cpu/ia32/far_transfer.h"
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

u16 err_of(u16 selector) { return selector & 0xFFFC; }

// LLDT, LTR, SLDT, STR, LAR, LSL, VERR, VERW and ARPL are not recognised in real-address and
// virtual-8086 mode: #UD (their "Real-Address Mode Exceptions" and "Virtual-8086 Mode" lists).
void require_protected(Cpu& c) {
  if (!c.st.protected_mode() || c.st.v86()) raise(kUD);
}
// Privileged instructions need CPL 0; v86 mode runs at CPL 3 (SDM Vol. 3A 5.9).
void require_cpl0(Cpu& c) {
  if (c.st.protected_mode() && c.st.cpl != 0) raise(kGP, 0);
}

// ---- LDTR and TR ----

// SLDT/STR: a register takes the selector zero-extended with 32-bit operand size (16-bit size
// keeps the upper half); memory always takes 16 bits (SDM SLDT, STR).
template <typename T>
void store_selector(Cpu& c, const DecodedInsn& d, u16 selector) {
  if (d.mem) c.write<u16>(d.seg, c.ea(d), selector);
  else set_reg<T>(c, d.rm, selector);
}
template <typename T>
void sldt(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  store_selector<T>(c, d, c.st.ldtr.selector);
}
template <typename T>
void str(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  store_selector<T>(c, d, c.st.tr.selector);
}

// LLDT: a null selector leaves LDTR unusable; otherwise an LDT descriptor in the GDT (SDM LLDT).
void lldt(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  require_cpl0(c);
  u16 sel = read_E<u16>(c, d);
  if (err_of(sel) == 0) {
    c.st.ldtr.selector = sel;
    c.st.ldtr.usable = false;
    return;
  }
  if (sel & 4) raise(kGP, err_of(sel));
  u64 ldt = c.read_descriptor(sel);
  if (!desc::is_system(ldt) || desc::type(ldt) != desc::kLdt) raise(kGP, err_of(sel));
  if (!desc::present(ldt)) raise(kNP, err_of(sel));
  c.st.ldtr = desc::to_segment(sel, ldt);
}

// LTR: an available TSS in the GDT, which becomes busy in memory and in TR (SDM LTR).
void ltr(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  require_cpl0(c);
  u16 sel = read_E<u16>(c, d);
  if (err_of(sel) == 0) raise(kGP, 0);
  if (sel & 4) raise(kGP, err_of(sel));
  u64 tss = c.read_descriptor(sel);
  unsigned type = desc::type(tss);
  if (!desc::is_system(tss) || (type != desc::kTss16Avail && type != desc::kTss32Avail))
    raise(kGP, err_of(sel));
  if (!desc::present(tss)) raise(kNP, err_of(sel));
  tss |= u64{2} << 40;  // busy
  c.write_lin<u8>(c.st.gdtr.base + (sel & ~7u) + 5, static_cast<u8>(tss >> 40));
  c.st.tr = desc::to_segment(sel, tss);
}

// ---- LAR, LSL, VERR, VERW, ARPL ----

// The descriptor LAR, LSL, VERR and VERW may look at: in the table, and unless it is conforming
// code, with DPL >= CPL and DPL >= RPL (SDM LAR, LSL, VERR/VERW "Operation").
std::optional<u64> visible_descriptor(Cpu& c, u16 sel) {
  std::optional<u64> d = find_descriptor(c, sel);
  if (d && !desc::conforming(*d) && (c.st.cpl > desc::dpl(*d) || (sel & 3u) > desc::dpl(*d)))
    return std::nullopt;
  return d;
}

// System types LAR accepts: TSSs, LDT, call gates and task gates (SDM LAR, Table "Segment and
// Gate Types"); LSL accepts the TSSs and the LDT only (SDM LSL).
bool lar_accepts(u64 d) {
  if (!desc::is_system(d)) return true;
  switch (desc::type(d)) {
    case 1: case 2: case 3: case 4: case 5: case 9: case 11: case 12: return true;
    default: return false;
  }
}
bool lsl_accepts(u64 d) {
  if (!desc::is_system(d)) return true;
  switch (desc::type(d)) {
    case 1: case 2: case 3: case 9: case 11: return true;
    default: return false;
  }
}

// LAR: the second descriptor dword masked by FF00H (16-bit) or 00FxFF00H (32-bit); the SDM
// leaves x (limit 19:16) undefined, and it is kept as Bochs keeps it. ZF = 1 on success.
template <typename T>
void lar(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  std::optional<u64> desc = visible_descriptor(c, read_E<u16>(c, d));
  bool ok = desc && lar_accepts(*desc);
  if (ok) {
    u32 high = static_cast<u32>(*desc >> 32);
    write_G<T>(c, d, static_cast<T>(high & (sizeof(T) == 4 ? 0x00FFFF00u : 0xFF00u)));
  }
  c.st.flags.assign(eflags::kZf, ok);
}

// LSL: the byte-granular limit (G applied), truncated to 16 bits with 16-bit operand size.
template <typename T>
void lsl(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  std::optional<u64> desc = visible_descriptor(c, read_E<u16>(c, d));
  bool ok = desc && lsl_accepts(*desc);
  if (ok) write_G<T>(c, d, static_cast<T>(desc::limit(*desc)));
  c.st.flags.assign(eflags::kZf, ok);
}

// VERR: readable code or data; VERW: writable data (SDM VERR/VERW). Only ZF changes.
void verr(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  std::optional<u64> desc = visible_descriptor(c, read_E<u16>(c, d));
  c.st.flags.assign(eflags::kZf, desc && !desc::is_system(*desc) && desc::readable(*desc));
}
void verw(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  std::optional<u64> desc = visible_descriptor(c, read_E<u16>(c, d));
  c.st.flags.assign(eflags::kZf, desc && desc::writable_data(*desc));
}

// ARPL: raises the destination's RPL to the source's; ZF says whether it did (SDM ARPL). The
// destination is accessed read-modify-write, as Bochs does, so a read-only one faults always.
void arpl(Cpu& c, const DecodedInsn& d) {
  require_protected(c);
  u16 src = read_G<u16>(c, d);
  bool adjusted = false;
  modify_E<u16>(c, d, [&](u16 dst) {
    adjusted = (dst & 3u) < (src & 3u);
    return adjusted ? static_cast<u16>((dst & ~3u) | (src & 3u)) : dst;
  });
  c.st.flags.assign(eflags::kZf, adjusted);
}

// ---- CR0 machine status word ----

// LMSW: loads CR0 bits 0-3 (PE, MP, EM, TS); PE can be set but not cleared (SDM LMSW).
void lmsw(Cpu& c, const DecodedInsn& d) {
  require_cpl0(c);
  u16 v = read_E<u16>(c, d);
  const bool was_protected = c.st.protected_mode();
  c.st.cr0 = (c.st.cr0 & ~u64{0xF}) | (v & 0xFu) | (c.st.cr0 & cr0::kPe);
  c.flush_translations();
  c.mode_changed();
  if (c.st.protected_mode() != was_protected)
    for (unsigned s = 0; s < 6; ++s) c.set_segment(s, c.st.seg[s]);  // new access rules
}

// SMSW: memory takes CR0[15:0]; a 32-bit register takes all of CR0 as Bochs and hardware do
// (the SDM calls bits 31:16 undefined there); a 16-bit register takes CR0[15:0] (SDM SMSW).
template <typename T>
void smsw(Cpu& c, const DecodedInsn& d) {
  if (d.mem) c.write<u16>(d.seg, c.ea(d), static_cast<u16>(c.st.cr0));
  else set_reg<T>(c, d.rm, static_cast<T>(c.st.cr0));
}

void clts(Cpu& c, const DecodedInsn&) {
  require_cpl0(c);
  c.st.cr0 &= ~u64{cr0::kTs};
}

// ---- debug registers ----

constexpr u32 kDr6Bd = 1u << 13, kDr7Gd = 1u << 13;
constexpr u64 kCr4De = 1u << 3;

// The register a MOV DR names: DR4/DR5 alias DR6/DR7 while CR4.DE = 0 and are #UD with DE = 1;
// with DR7.GD set any access is a #DB fault with DR6.BD set, GD cleared for the handler
// (SDM MOV—Move to/from Debug Registers; Vol. 3A 17.2.2, 17.2.4).
unsigned debug_register(Cpu& c, unsigned n) {
  require_cpl0(c);
  if (n == 4 || n == 5) {
    if (c.st.cr4 & kCr4De) raise(kUD);
    n += 2;
  }
  if (c.st.dr[7] & kDr7Gd) {
    c.st.dr[6] |= kDr6Bd;
    c.st.dr[7] &= ~kDr7Gd;
    raise(kDB);
  }
  return n;
}
void mov_RD(Cpu& c, const DecodedInsn& d) { c.st.r32(d.rm) = c.st.dr[debug_register(c, d.reg)]; }
// DR6 bits 4-11 and 16-31 read as 1 and bit 12 as 0; DR7 bit 10 reads as 1 and bits 11, 12, 14
// and 15 as 0 (SDM Vol. 3A 17.2.3, 17.2.4). Breakpoints themselves are not modelled yet.
void mov_DR(Cpu& c, const DecodedInsn& d) {
  unsigned n = debug_register(c, d.reg);
  u32 v = c.st.r32(d.rm);
  if (n == 6) v = (v & 0x0000E00Fu) | 0xFFFF0FF0u;
  else if (n == 7) v = (v & 0xFFFF23FFu) | 0x400u;
  c.st.dr[n] = v;
}

// ---- model-specific registers ----

namespace msr {
constexpr u32 kTimeStampCounter = 0x10, kApicBase = 0x1B, kFeatureControl = 0x3A;
constexpr u32 kMtrrCap = 0xFE, kSysenterCs = 0x174, kSysenterEsp = 0x175, kSysenterEip = 0x176;
constexpr u32 kMiscEnable = 0x1A0;
}  // namespace msr

// IA32_APIC_BASE bits a write may set: BSP (8), global enable (11), base 12-35 (MAXPHYADDR 36).
constexpr u64 kApicBaseWritable = 0x0000000FFFFFF900;
// IA32_FEATURE_CONTROL: lock (0) and VMX outside SMX (2); without SMX bit 1 and the SENTER
// bits are reserved (SDM Vol. 3C 24.7).
constexpr u64 kFeatureControlWritable = 0x5;

void check_reserved(u64 v, u64 writable) {
  if (v & ~writable) raise(kGP, 0);
}

// The MSRs vtsim implements (SDM Vol. 4 Table 2-2); write == nullptr: read-only. The SYSENTER
// MSRs keep 32 bits (the model is a 32-bit view). IA32_MTRRCAP reads 0 (no variable or fixed
// MTRRs, no write-combining) because MTRRs are not modelled and CPUID does not report them.
struct Msr {
  u32 index;
  u64 (*read)(Cpu&);
  void (*write)(Cpu&, u64);
};

constexpr Msr kMsrs[] = {
    {msr::kTimeStampCounter, [](Cpu& c) { return c.tsc(); },
     [](Cpu& c, u64 v) { c.st.tsc_offset = v - c.clock().cycles; }},
    {msr::kApicBase, [](Cpu& c) { return c.st.apic_base; },
     [](Cpu& c, u64 v) {
       check_reserved(v, kApicBaseWritable);
       c.st.apic_base = v;
     }},
    {msr::kFeatureControl, [](Cpu& c) { return c.st.feature_control; },
     [](Cpu& c, u64 v) {
       if (c.st.feature_control & 1) raise(kGP, 0);  // locked until reset
       check_reserved(v, kFeatureControlWritable);
       c.st.feature_control = v;
     }},
    {msr::kMtrrCap, [](Cpu&) { return u64{0}; }, nullptr},
    {msr::kSysenterCs, [](Cpu& c) { return u64{c.st.sysenter_cs}; },
     [](Cpu& c, u64 v) { c.st.sysenter_cs = static_cast<u32>(v); }},
    {msr::kSysenterEsp, [](Cpu& c) { return u64{c.st.sysenter_esp}; },
     [](Cpu& c, u64 v) { c.st.sysenter_esp = static_cast<u32>(v); }},
    {msr::kSysenterEip, [](Cpu& c) { return u64{c.st.sysenter_eip}; },
     [](Cpu& c, u64 v) { c.st.sysenter_eip = static_cast<u32>(v); }},
    {msr::kMiscEnable, [](Cpu& c) { return c.st.misc_enable; },
     [](Cpu& c, u64 v) { c.st.misc_enable = v; }},
};

// An MSR index vtsim does not implement is #GP(0) (SDM RDMSR, WRMSR).
const Msr& find_msr(u32 index) {
  for (const Msr& m : kMsrs)
    if (m.index == index) return m;
  raise(kGP, 0);
}

void rdmsr(Cpu& c, const DecodedInsn&) {
  require_cpl0(c);
  u64 v = find_msr(c.st.r32(kEcx)).read(c);
  c.st.r32(kEax) = static_cast<u32>(v);
  c.st.r32(kEdx) = static_cast<u32>(v >> 32);
}
void wrmsr(Cpu& c, const DecodedInsn&) {
  require_cpl0(c);
  const Msr& m = find_msr(c.st.r32(kEcx));
  if (!m.write) raise(kGP, 0);
  m.write(c, (u64{c.st.r32(kEdx)} << 32) | c.st.r32(kEax));
}

// ---- SYSENTER / SYSEXIT ----

// The flat 4-GiB segments SYSENTER and SYSEXIT load without reading the GDT: code type 11 or
// data type 3, S = 1, P = 1, D/B = 1, G = 1 (SDM SYSENTER, SYSEXIT "Operation").
Segment flat_segment(u16 selector, bool code, unsigned dpl) {
  Segment s;
  s.selector = selector;
  s.base = 0;
  s.limit = 0xFFFFFFFF;
  s.attr = static_cast<u16>(attr::kPresent | attr::kS | attr::kWritable | attr::kAccessed |
                            attr::kDb | attr::kG | (dpl << 5) | (code ? attr::kCode : 0));
  s.usable = true;
  return s;
}

void sysenter(Cpu& c, const DecodedInsn&) {
  u16 cs = static_cast<u16>(c.st.sysenter_cs);
  if (!c.st.protected_mode() || err_of(cs) == 0) raise(kGP, 0);
  c.st.flags.set(c.st.flags.get() & ~(eflags::kVm | eflags::kIf | eflags::kRf));
  c.set_segment(kCs, flat_segment(err_of(cs), true, 0));
  c.set_segment(kSs, flat_segment(static_cast<u16>(err_of(cs) + 8), false, 0));
  for (unsigned s : {kEs, kDs, kFs, kGs}) c.set_segment(s, c.st.seg[s]);  // v86 rules end
  c.st.r32(kEsp) = c.st.sysenter_esp;
  c.st.rip = c.st.sysenter_eip;
}

void sysexit(Cpu& c, const DecodedInsn&) {
  u16 cs = static_cast<u16>(c.st.sysenter_cs);
  if (!c.st.protected_mode() || err_of(cs) == 0 || c.st.cpl != 0) raise(kGP, 0);
  c.set_segment(kCs, flat_segment(static_cast<u16>((cs + 16) | 3), true, 3));
  c.set_segment(kSs, flat_segment(static_cast<u16>((cs + 24) | 3), false, 3));
  c.st.r32(kEsp) = c.st.r32(kEcx);
  c.st.rip = c.st.r32(kEdx);
}

// ---- caches and TLB ----

// INVLPG: until paging lands the whole software TLB and decoded code are dropped.
void invlpg(Cpu& c, const DecodedInsn&) {
  require_cpl0(c);
  c.flush_translations();
}
// INVD/WBINVD: no caches are modelled, so only the privilege check remains.
void invd(Cpu& c, const DecodedInsn&) { require_cpl0(c); }
void ud2(Cpu&, const DecodedInsn&) { raise(kUD); }

constexpr u16 kEnds = row_attr::kEndsBlock;
constexpr u16 kNoOpsize = row_attr::kNoOpsize;
constexpr ExitClass kLdtrTr = ExitClass::kLdtrTr;

constexpr Row kRows[] = {
    op2("sldt", 0x00, {O::kRvMw}, sldt<u16>, sldt<u32>, OpClass::kComplex).ext(0).exits(kLdtrTr),
    op2("str", 0x00, {O::kRvMw}, str<u16>, str<u32>, OpClass::kComplex).ext(1).exits(kLdtrTr),
    op2("lldt", 0x00, {O::kEw}, lldt, lldt, OpClass::kSystem).ext(2).with(kNoOpsize).exits(kLdtrTr),
    op2("ltr", 0x00, {O::kEw}, ltr, ltr, OpClass::kSystem).ext(3).with(kNoOpsize).exits(kLdtrTr),
    op2("verr", 0x00, {O::kEw}, verr, verr, OpClass::kComplex).ext(4).with(kNoOpsize),
    op2("verw", 0x00, {O::kEw}, verw, verw, OpClass::kComplex).ext(5).with(kNoOpsize),
    op2("smsw", 0x01, {O::kRvMw}, smsw<u16>, smsw<u32>, OpClass::kComplex).ext(4).exits(ExitClass::kSmsw),
    op2("lmsw", 0x01, {O::kEw}, lmsw, lmsw, OpClass::kSystem).ext(6).with(kNoOpsize | kEnds).exits(ExitClass::kLmsw),
    op2("invlpg", 0x01, {O::kMb}, invlpg, invlpg, OpClass::kSystem).ext(7).mem_only().with(kNoOpsize | kEnds).exits(ExitClass::kInvlpg).needs(Feature::kI486),
    op2("lar", 0x02, {O::kGv, O::kRvMw}, lar<u16>, lar<u32>, OpClass::kComplex),
    op2("lsl", 0x03, {O::kGv, O::kRvMw}, lsl<u16>, lsl<u32>, OpClass::kComplex),
    op2("clts", 0x06, {}, clts, clts, OpClass::kSystem).with(kEnds).exits(ExitClass::kClts),
    op2("invd", 0x08, {}, invd, invd, OpClass::kSystem).exits(ExitClass::kInvd).needs(Feature::kI486),
    op2("wbinvd", 0x09, {}, invd, invd, OpClass::kSystem).exits(ExitClass::kWbinvd).needs(Feature::kI486),
    op2("ud2", 0x0B, {}, ud2, ud2, OpClass::kComplex).with(kEnds),
    op2("mov", 0x21, {O::kRd, O::kDd}, mov_RD, mov_RD, OpClass::kSystem).with(kNoOpsize).exits(ExitClass::kMovDr),
    op2("mov", 0x23, {O::kDd, O::kRd}, mov_DR, mov_DR, OpClass::kSystem).with(kNoOpsize | kEnds).exits(ExitClass::kMovDr),
    op2("wrmsr", 0x30, {}, wrmsr, wrmsr, OpClass::kSystem).with(kEnds).exits(ExitClass::kWrmsr).needs(Feature::kMsr),
    op2("rdmsr", 0x32, {}, rdmsr, rdmsr, OpClass::kSystem).exits(ExitClass::kRdmsr).needs(Feature::kMsr),
    op2("sysenter", 0x34, {}, sysenter, sysenter, OpClass::kComplex).with(kEnds).needs(Feature::kSep),
    op2("sysexit", 0x35, {}, sysexit, sysexit, OpClass::kComplex).with(kEnds).needs(Feature::kSep),
    op1("arpl", 0x63, {O::kEw, O::kGw}, arpl, arpl, OpClass::kComplex).with(kNoOpsize),
};

}  // namespace

std::span<const Row> protection_rows() { return kRows; }

}  // namespace vtsim::ia32
