// String instructions: MOVS CMPS SCAS LODS STOS INS OUTS with REP prefixes (SDM Vol. 2).
#include "cpu/ia32/operands.h"

namespace vtsim::ia32 {
namespace {

using timing::OpClass;
using O = Opnd;

// Iterations a REP instruction runs per execution before it restarts itself at its own address,
// so that interrupts and run limits are looked at between parts.
constexpr u32 kRepPart = 4096;

// Moves eSI or eDI (A: u16 SI/DI, u32 ESI/EDI by the address size) by one element of T,
// backwards when DF = 1 (SDM Vol. 1 7.3.9.1).
template <typename T, typename A>
void step(Cpu& c, unsigned r) {
  A delta = c.st.flags.df() ? static_cast<A>(0 - sizeof(T)) : static_cast<A>(sizeof(T));
  set_reg<A>(c, r, static_cast<A>(get_reg<A>(c, r) + delta));
}

// What the REP loop needs to know of an instruction: whether REPE/REPNE test ZF after an
// iteration (CMPS, SCAS), and whether an iteration does port I/O (INS, OUTS).
struct Traits {
  static constexpr bool kTestsZf = false;
  static constexpr bool kPortIo = false;
};

// One iteration of each instruction. The source is d.seg:eSI (DS unless overridden), the
// destination ES:eDI, which no prefix overrides (SDM Vol. 1 7.3.9.1). Registers move only after
// the accesses succeed, so a fault leaves them describing the iterations done.
template <typename T, typename A>
struct Movs : Traits {
  static void once(Cpu& c, const DecodedInsn& d) {
    T v = c.read<T>(d.seg, get_reg<A>(c, kEsi));
    c.write<T>(kEs, get_reg<A>(c, kEdi), v);
    step<T, A>(c, kEsi);
    step<T, A>(c, kEdi);
  }
};

// CMPS compares [eSI] with [eDI]; flags as CMP src1, src2 (SDM CMPS).
template <typename T, typename A>
struct Cmps : Traits {
  static constexpr bool kTestsZf = true;
  static void once(Cpu& c, const DecodedInsn& d) {
    T a = c.read<T>(d.seg, get_reg<A>(c, kEsi));
    T b = c.read<T>(kEs, get_reg<A>(c, kEdi));
    c.st.flags.record(FlagOp::kSub, a, b, static_cast<T>(a - b));
    step<T, A>(c, kEsi);
    step<T, A>(c, kEdi);
  }
};

// SCAS compares AL/AX/EAX with [ES:eDI]; flags as CMP (SDM SCAS).
template <typename T, typename A>
struct Scas : Traits {
  static constexpr bool kTestsZf = true;
  static void once(Cpu& c, const DecodedInsn&) {
    T a = get_reg<T>(c, kEax);
    T b = c.read<T>(kEs, get_reg<A>(c, kEdi));
    c.st.flags.record(FlagOp::kSub, a, b, static_cast<T>(a - b));
    step<T, A>(c, kEdi);
  }
};

template <typename T, typename A>
struct Lods : Traits {
  static void once(Cpu& c, const DecodedInsn& d) {
    set_reg<T>(c, kEax, c.read<T>(d.seg, get_reg<A>(c, kEsi)));
    step<T, A>(c, kEsi);
  }
};

template <typename T, typename A>
struct Stos : Traits {
  static void once(Cpu& c, const DecodedInsn&) {
    c.write<T>(kEs, get_reg<A>(c, kEdi), get_reg<T>(c, kEax));
    step<T, A>(c, kEdi);
  }
};

// INS: the destination is checked before the port is read, so a faulting iteration does not
// consume input. port_in makes the IOPL / permission-bitmap check (SDM INS, Vol. 1 18.5).
template <typename T, typename A>
struct Ins : Traits {
  static constexpr bool kPortIo = true;
  static void once(Cpu& c, const DecodedInsn&) {
    u32 di = get_reg<A>(c, kEdi);
    c.probe_write<T>(kEs, di);
    T v = static_cast<T>(c.port_in(c.st.r16(kEdx), sizeof(T)));
    c.write<T>(kEs, di, v);
    step<T, A>(c, kEdi);
  }
};

// OUTS: the source is read, then written to the port (SDM OUTS).
template <typename T, typename A>
struct Outs : Traits {
  static constexpr bool kPortIo = true;
  static void once(Cpu& c, const DecodedInsn& d) {
    T v = c.read<T>(d.seg, get_reg<A>(c, kEsi));
    c.port_out(c.st.r16(kEdx), sizeof(T), v);
    step<T, A>(c, kEsi);
  }
};

// The REP loop (SDM Vol. 2B REP/REPE/REPZ/REPNE/REPNZ, "Operation"): nothing when the count
// (CX or ECX by the address size) is 0; the count drops after each iteration; CMPS and SCAS also
// stop on ZF = 0 (F3, REPE) or ZF = 1 (F2, REPNE). On the other instructions F2 repeats like F3.
// After kRepPart iterations, or one when TF = 1, the instruction restarts itself; a part is
// counted as retired only under TF, where a single-step trap follows every iteration.
template <typename A, typename Op>
void repeat(Cpu& c, const DecodedInsn& d) {
  if (!d.rep) return Op::once(c, d);
  const bool single_step = c.st.flags.tf();
  const u32 part = single_step ? 1 : kRepPart;
  u32 n = 0;
  for (A count = get_reg<A>(c, kEcx); count != 0;) {
    Op::once(c, d);
    set_reg<A>(c, kEcx, --count);
    ++n;
    if (Op::kTestsZf && c.st.flags.zf() != (d.rep == 0xF3)) break;
    // A device may ask the run to stop (exit port): the rest waits for the next run.
    if (count != 0 && (n == part || (Op::kPortIo && c.stop_requested()))) {
      c.restart_insn(d.len, single_step);
      break;
    }
  }
  // The row's op class prices one iteration; the others are added here.
  if (n > 1) c.clock().cycles += u64{n - 1} * d.cycles;
}

// The handler of a row for operand type T; the address size picks the index registers.
template <template <typename, typename> class Op, typename T>
void string_insn(Cpu& c, const DecodedInsn& d) {
  if (d.a32)
    repeat<u32, Op<T, u32>>(c, d);
  else
    repeat<u16, Op<T, u16>>(c, d);
}

constexpr u16 kRep = row_attr::kRep;
constexpr u16 kEnds = row_attr::kEndsBlock;

// A string row for operand types T16 / T32 (u8 for the byte forms).
template <template <typename, typename> class Op, typename T16, typename T32>
constexpr Row str(std::string_view mn, u8 opc, std::array<Opnd, 3> ops) {
  return op1(mn, opc, ops, string_insn<Op, T16>, string_insn<Op, T32>, OpClass::kString).with(kRep);
}
// INS and OUTS end the block, like IN and OUT, and can cause an I/O VM exit (SDM Vol. 3C 25.1.3).
template <template <typename, typename> class Op, typename T16, typename T32>
constexpr Row str_io(std::string_view mn, u8 opc, std::array<Opnd, 3> ops) {
  return op1(mn, opc, ops, string_insn<Op, T16>, string_insn<Op, T32>, OpClass::kIo)
      .with(kRep | kEnds)
      .exits(ExitClass::kIo);
}

constexpr Row kRows[] = {
    str<Movs, u8, u8>("movs", 0xA4, {O::kYb, O::kXb}),
    str<Movs, u16, u32>("movs", 0xA5, {O::kYv, O::kXv}),
    str<Cmps, u8, u8>("cmps", 0xA6, {O::kXb, O::kYb}),
    str<Cmps, u16, u32>("cmps", 0xA7, {O::kXv, O::kYv}),
    str<Stos, u8, u8>("stos", 0xAA, {O::kYb, O::kAL}),
    str<Stos, u16, u32>("stos", 0xAB, {O::kYv, O::kAv}),
    str<Lods, u8, u8>("lods", 0xAC, {O::kAL, O::kXb}),
    str<Lods, u16, u32>("lods", 0xAD, {O::kAv, O::kXv}),
    str<Scas, u8, u8>("scas", 0xAE, {O::kAL, O::kYb}),
    str<Scas, u16, u32>("scas", 0xAF, {O::kAv, O::kYv}),
    str_io<Ins, u8, u8>("ins", 0x6C, {O::kYb, O::kDX}),
    str_io<Ins, u16, u32>("ins", 0x6D, {O::kYv, O::kDX}),
    str_io<Outs, u8, u8>("outs", 0x6E, {O::kDX, O::kXb}),
    str_io<Outs, u16, u32>("outs", 0x6F, {O::kDX, O::kXv}),
};

}  // namespace

std::span<const Row> string_rows() { return kRows; }

}  // namespace vtsim::ia32
