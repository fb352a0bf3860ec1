// Intel-syntax text of a decoded instruction as GNU objdump 2.40 prints it (-M intel), driven by
// the decode row: the mnemonic from the row's name, the operands from its SDM operand codes,
// and the prefix names objdump prints for prefixes the instruction does not use.
#include "cpu/ia32/disasm.h"

#include <fmt/format.h>

#include <algorithm>

#include "cpu/ia32/decoder.h"
#include "cpu/ia32/state.h"

namespace vtsim::ia32 {
namespace {

using O = Opnd;

constexpr const char* kReg8[8] = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
constexpr const char* kReg16[8] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
constexpr const char* kReg32[8] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
constexpr const char* kSeg[8] = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};
static_assert(static_cast<int>(O::kGS) - static_cast<int>(O::kES) == kGs);
// Condition names in the order of the tttn encoding (SDM Vol. 2D B.1.4.7), objdump's spelling.
constexpr const char* kCc[16] = {"o", "no", "b",  "ae", "e", "ne", "be", "a",
                                 "s", "ns", "p",  "np", "l", "ge", "le", "g"};

std::string hex(u32 v) { return fmt::format("0x{:x}", v); }
std::string signed_hex(i32 v) {
  return v < 0 ? fmt::format("-0x{:x}", 0u - static_cast<u32>(v)) : fmt::format("+0x{:x}", v);
}

int segment_of_prefix(u8 b) {
  switch (b) {
    case 0x26: return kEs;
    case 0x2E: return kCs;
    case 0x36: return kSs;
    case 0x3E: return kDs;
    case 0x64: return kFs;
    case 0x65: return kGs;
    default: return -1;
  }
}

bool is_prefix(u8 b) {
  return segment_of_prefix(b) >= 0 || b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 ||
         b == 0xF3;
}

// Where the prefixes end and which byte of each kind came last (objdump uses the last one and
// prints the others).
struct Prefixes {
  unsigned count = 0;
  int last_seg = -1, last_66 = -1, last_67 = -1, last_f2 = -1, last_f3 = -1;
  bool any_3e = false, lock = false;
};

Prefixes scan_prefixes(const DecodedInsn& d) {
  Prefixes p;
  while (p.count < d.len && is_prefix(d.bytes[p.count])) {
    u8 b = d.bytes[p.count];
    int i = static_cast<int>(p.count++);
    if (segment_of_prefix(b) >= 0) p.last_seg = i;
    if (b == 0x3E) p.any_3e = true;
    if (b == 0x66) p.last_66 = i;
    if (b == 0x67) p.last_67 = i;
    if (b == 0xF2) p.last_f2 = i;
    if (b == 0xF3) p.last_f3 = i;
    if (b == 0xF0) p.lock = true;
  }
  return p;
}

bool one_byte(const Row& r, u8 opc) { return r.map == OpMap::kOneByte && r.opcode == opc; }

// Instructions whose objdump name takes a 'w' or 'd' suffix when a 66 prefix changes the
// operand size (objdump's "P" and "@" templates): near CALL/JMP rel, RET, RETF, IRET, PUSHF,
// POPF, PUSHA, POPA, PUSH imm, ENTER, LEAVE, PUSH/POP Sreg.
bool suffix_on_data_prefix(const Row& r) {
  if (r.map == OpMap::k0F) return r.opcode == 0xA0 || r.opcode == 0xA1 || r.opcode == 0xA8 ||
                                  r.opcode == 0xA9;
  switch (r.opcode) {
    case 0x06: case 0x07: case 0x0E: case 0x16: case 0x17: case 0x1E: case 0x1F:
    case 0x60: case 0x61: case 0x68: case 0x6A: case 0x9C: case 0x9D: case 0xC2: case 0xC3:
    case 0xC8: case 0xC9: case 0xCA: case 0xCB: case 0xCF: case 0xE8: case 0xE9:
      return true;
    default:
      return false;
  }
}

// Near branches objdump prints an F2 prefix on as "bnd" (MPX): CALL/JMP rel and indirect,
// Jcc, RET.
bool bnd_branch(const Row& r) {
  if (r.map == OpMap::k0F) return r.opcode >= 0x80 && r.opcode <= 0x8F;
  if (r.opcode == 0xFF) return r.reg == 2 || r.reg == 4;
  return (r.opcode >= 0x70 && r.opcode <= 0x7F) || r.opcode == 0xE8 || r.opcode == 0xE9 ||
         r.opcode == 0xEB || r.opcode == 0xC2 || r.opcode == 0xC3;
}

// String instructions whose F3 prefix objdump calls "rep" (not "repz"): INS OUTS MOVS STOS LODS.
bool rep_string(const Row& r) {
  if (r.map != OpMap::kOneByte) return false;
  u8 o = r.opcode;
  return (o >= 0x6C && o <= 0x6F) || o == 0xA4 || o == 0xA5 || (o >= 0xAA && o <= 0xAD);
}

bool opsize_operand(Opnd o) {
  switch (o) {
    case O::kEv: case O::kGv: case O::kZv: case O::kAv: case O::kIz: case O::kIbs:
    case O::kJz: case O::kAp: case O::kMp: case O::kMa: case O::kOv: case O::kXv: case O::kYv:
    case O::kRvMw:
      return true;
    default:
      return false;
  }
}

class Printer {
 public:
  Printer(const DecodedInsn& d, u32 eip) : d_(d), row_(*d.row), eip_(eip), p_(scan_prefixes(d)) {
    has66_ = p_.last_66 >= 0 && row_.prefix != Mandatory::k66;
    code32_ = has66_ ? !d.o32 : d.o32;
    o32_ = (row_.attrs & row_attr::kNoOpsize) ? code32_ : d.o32;
    notrack_ = p_.any_3e && one_byte(row_, 0xFF) && (row_.reg == 2 || row_.reg == 4);
    unsigned op = p_.count + (row_.map == OpMap::k0F ? 1 : 0);
    modrm_ = op + 1 < d.len ? d.bytes[op + 1] : 0;
  }

  std::string text() {
    std::string mn = mnemonic();
    std::string ops = operands();
    std::string pre = prefix_names();
    std::string out = pre + mn;
    if (ops.empty()) return out;
    if (out.size() < 6) out.append(6 - out.size(), ' ');
    return out + " " + ops;
  }

 private:
  std::string mnemonic();
  std::string operands();
  std::string operand(Opnd o, u32 imm);
  std::string modrm_operand(Opnd o);
  std::string other_operand(Opnd o, u32 imm);
  std::string memory(const char* size);
  std::string address();
  std::string address16();
  std::string address32();
  std::string seg_prefix(bool always);
  std::string branch_target(Opnd o) const;
  std::string prefix_names() const;
  std::string_view rep_name(int i) const;
  bool has_op(Opnd o) const {
    return std::find(row_.ops.begin(), row_.ops.end(), o) != row_.ops.end();
  }

  const DecodedInsn& d_;
  const Row& row_;
  u32 eip_;
  Prefixes p_;
  u8 modrm_ = 0;
  bool has66_ = false, code32_ = true, o32_ = true, notrack_ = false;
  bool used66_ = false, used67_ = false, used_seg_ = false;
};

std::string Printer::mnemonic() {
  std::string_view name = row_.mnemonic;
  size_t bar = name.find('|');
  bool suffixed = suffix_on_data_prefix(row_);
  if (bar != std::string_view::npos) {
    if (suffixed) {
      name = name.substr(0, bar);
    } else if (one_byte(row_, 0xE3)) {  // JCXZ/JECXZ: the name follows the address size
      name = d_.a32 ? name.substr(bar + 1) : name.substr(0, bar);
      used67_ = true;
    } else {
      name = o32_ ? name.substr(bar + 1) : name.substr(0, bar);
      used66_ = true;
    }
  }
  std::string out(name);
  if (size_t cc = out.find("{cc}"); cc != std::string::npos)
    out.replace(cc, 4, kCc[d_.opcode & 0xF]);
  if (suffixed && has66_) {
    out += o32_ ? 'd' : 'w';
    used66_ = true;
  } else if (has_op(O::kMs) && bar == std::string_view::npos) {
    out += o32_ ? 'd' : 'w';  // LGDT/SGDT/LIDT/SIDT: objdump names the operand size this way
    used66_ = true;
  }
  // 90 with a 66 prefix is XCHG eAX,eAX for objdump, not NOP.
  if (one_byte(row_, 0x90) && row_.prefix == Mandatory::kNone && has66_) out = "xchg";
  return out;
}

std::string Printer::operands() {
  if (one_byte(row_, 0x90) && row_.prefix == Mandatory::kNone && has66_) {
    used66_ = true;
    return o32_ ? "eax,eax" : "ax,ax";
  }
  std::string out;
  bool first_imm = true;
  for (Opnd o : row_.ops) {
    if (o == O::kNone) break;
    u32 imm = d_.imm;
    if (o == O::kIb || o == O::kIbs || o == O::kIw || o == O::kIz || o == O::kJb || o == O::kJz) {
      if (!first_imm) imm = d_.imm2;
      first_imm = false;
    }
    if (!out.empty()) out += ',';
    out += operand(o, imm);
  }
  return out;
}

std::string Printer::operand(Opnd o, u32 imm) {
  // MOV Sreg forms: objdump prints the general register by operand size, memory as a word.
  if ((o == O::kEv || o == O::kEw) && has_op(O::kSw)) o = O::kRvMw;
  if (opsize_operand(o) && !(row_.attrs & row_attr::kNoOpsize) &&
      !(o == O::kRvMw && d_.mem))
    used66_ = true;
  std::string s = modrm_operand(o);
  return s.empty() ? other_operand(o, imm) : s;
}

// Operands the ModRM byte selects; empty for the others.
std::string Printer::modrm_operand(Opnd o) {
  const char* const* vreg = o32_ ? kReg32 : kReg16;
  switch (o) {
    case O::kEb: return d_.mem ? memory("BYTE PTR ") : kReg8[d_.rm];
    case O::kEw: return d_.mem ? memory("WORD PTR ") : kReg16[d_.rm];
    case O::kEd: return d_.mem ? memory("DWORD PTR ") : kReg32[d_.rm];
    case O::kEv: return d_.mem ? memory(o32_ ? "DWORD PTR " : "WORD PTR ") : vreg[d_.rm];
    case O::kRvMw: return d_.mem ? memory("WORD PTR ") : vreg[d_.rm];
    case O::kGb: return kReg8[d_.reg];
    case O::kGw: return kReg16[d_.reg];
    case O::kGd: return kReg32[d_.reg];
    case O::kGv: return vreg[d_.reg];
    case O::kM: case O::kMs: return memory("");
    case O::kMb: return memory("BYTE PTR ");
    case O::kMw: return memory("WORD PTR ");
    case O::kMd: return memory("DWORD PTR ");
    case O::kMq: return memory("QWORD PTR ");
    case O::kMp: return memory(o32_ ? "FWORD PTR " : "DWORD PTR ");
    case O::kMa: return memory(o32_ ? "QWORD PTR " : "DWORD PTR ");
    case O::kRd: return kReg32[d_.rm];
    case O::kCd: return fmt::format("cr{}", d_.reg);
    case O::kDd: return fmt::format("dr{}", d_.reg);
    case O::kSw: return kSeg[d_.reg];
    default: return "";
  }
}

// Immediates, branch targets, implicit memory and fixed registers.
std::string Printer::other_operand(Opnd o, u32 imm) {
  const char* vsize = o32_ ? "DWORD PTR " : "WORD PTR ";
  switch (o) {
    case O::kIb: return hex(imm & 0xFF);
    case O::kIw: return hex(imm & 0xFFFF);
    case O::kIbs: case O::kIz: return hex(o32_ ? imm : imm & 0xFFFF);
    case O::kJb: case O::kJz: return branch_target(o);
    case O::kAp: return fmt::format("0x{:x}:0x{:x}", d_.imm2, d_.disp);
    case O::kOb: case O::kOv:  // objdump never counts 67 as used by a moffs
      return seg_prefix(true) + hex(d_.disp);
    case O::kXlat:
      used67_ = true;
      return "BYTE PTR " + seg_prefix(true) + (d_.a32 ? "[ebx]" : "[bx]");
    case O::kXb: case O::kXv:
      used67_ = true;
      return (o == O::kXb ? "BYTE PTR " : vsize) + seg_prefix(true) +
             (d_.a32 ? "[esi]" : "[si]");
    case O::kYb: case O::kYv:
      used67_ = true;
      return std::string(o == O::kYb ? "BYTE PTR " : vsize) + (d_.a32 ? "es:[edi]" : "es:[di]");
    case O::kZb: return kReg8[d_.reg];
    case O::kZv: return (o32_ ? kReg32 : kReg16)[d_.reg];
    case O::kAv: return o32_ ? "eax" : "ax";
    case O::kAL: return "al";
    case O::kCL: return "cl";
    case O::kDX: return "dx";
    case O::kAX: return "ax";
    case O::kEAX: return "eax";
    case O::kOne: return "1";
    case O::kES: case O::kCS: case O::kSS: case O::kDS: case O::kFS: case O::kGS:
      return kSeg[static_cast<int>(o) - static_cast<int>(O::kES)];
    default: return "";
  }
}

// "es:" for an override the operand uses; with always, "ds:" when there is none.
std::string Printer::seg_prefix(bool always) {
  if (d_.seg_override && !notrack_) {
    used_seg_ = true;
    return std::string(kSeg[d_.seg]) + ":";
  }
  return always ? "ds:" : "";
}

std::string Printer::memory(const char* size) { return size + address(); }

std::string Printer::address() { return d_.a32 ? address32() : address16(); }

// 16-bit forms (SDM Vol. 2A Table 2-1): [bx+si+disp], or ds:disp16 for mod 0, r/m 6.
std::string Printer::address16() {
  u8 mod = modrm_ >> 6;
  used67_ = true;
  if (d_.base == kNoReg) return seg_prefix(true) + hex(d_.disp & 0xFFFF);
  std::string a = seg_prefix(false) + "[" + kReg16[d_.base];
  if (d_.index != kNoReg) a += std::string("+") + kReg16[d_.index];
  if (mod == 1 || mod == 2) a += signed_hex(static_cast<i16>(d_.disp));
  return a + "]";
}

// 32-bit forms (SDM Vol. 2A Tables 2-2, 2-3). objdump names a SIB byte's missing index "eiz"
// unless the SIB only encodes [esp+...] (or, in 16-bit code, has neither base nor scale); in
// 16-bit code it does not count a 67 prefix as used by a form without registers.
std::string Printer::address32() {
  u8 mod = modrm_ >> 6, rm = modrm_ & 7;
  bool sib = rm == 4, no_regs = d_.base == kNoReg && d_.index == kNoReg;
  if (code32_ || !no_regs) used67_ = true;
  if (no_regs && (!sib || (!code32_ && d_.scale == 0))) return seg_prefix(true) + hex(d_.disp);
  std::string a = seg_prefix(false) + "[";
  if (d_.base != kNoReg) a += kReg32[d_.base];
  bool eiz = sib && d_.index == kNoReg && !(d_.base == kEsp && d_.scale == 0);
  if (d_.index != kNoReg || eiz) {
    if (d_.base != kNoReg) a += '+';
    a += fmt::format("{}*{}", eiz ? "eiz" : kReg32[d_.index], 1u << d_.scale);
  }
  if (mod == 1 || mod == 2 || d_.base == kNoReg) a += signed_hex(static_cast<i32>(d_.disp));
  return a + "]";
}

// Targets as objdump computes them: rel8 wraps at 4 GiB; rel16 wraps within the 64 KiB page of
// the next instruction, or at 64 KiB when a 66 prefix made the size 16 bits.
std::string Printer::branch_target(Opnd o) const {
  u32 next = eip_ + d_.len;
  u32 t = next + d_.imm;
  if (o == O::kJb || d_.o32) return hex(t);
  if (has66_) return hex(t & 0xFFFF);
  return hex((t & 0xFFFF) | (next & 0xFFFF0000u));
}

// The name objdump gives the last F2 or F3 prefix, given how this instruction uses it.
std::string_view Printer::rep_name(int i) const {
  bool f2 = d_.bytes[i] == 0xF2;
  bool mov_store = one_byte(row_, 0x88) || one_byte(row_, 0x89) || one_byte(row_, 0xC6) ||
                   one_byte(row_, 0xC7);
  bool xchg = one_byte(row_, 0x86) || one_byte(row_, 0x87);
  bool hle = d_.mem && ((p_.lock && (row_.attrs & row_attr::kLock)) || xchg);
  if (f2) {
    if (bnd_branch(row_)) return "bnd";
    if (hle) return "xacquire";
    return "repnz";
  }
  if (rep_string(row_)) return "rep";
  if (hle || (d_.mem && mov_store && p_.last_f3 > p_.last_f2)) return "xrelease";
  return "repz";
}

std::string Printer::prefix_names() const {
  std::string out;
  // The mandatory prefix of a row is the last of 66/F2/F3 (decoder.cc); it is part of the opcode.
  for (int i = 0; i < static_cast<int>(p_.count); ++i) {
    u8 b = d_.bytes[i];
    std::string_view name;
    if (segment_of_prefix(b) >= 0) {
      if (i == p_.last_seg && notrack_) name = "notrack";
      else if (i != p_.last_seg || !used_seg_) name = kSeg[segment_of_prefix(b)];
    } else if (b == 0x66) {
      if (i != p_.last_66 || (!used66_ && row_.prefix != Mandatory::k66))
        name = code32_ ? "data16" : "data32";
    } else if (b == 0x67) {
      if (i != p_.last_67 || !used67_) name = code32_ ? "addr16" : "addr32";
    } else if (b == 0xF0) {
      name = "lock";
    } else if (b == 0xF2) {
      if (i != p_.last_f2) name = "repnz";
      else if (row_.prefix != Mandatory::kF2) name = rep_name(i);
    } else if (b == 0xF3) {
      if (i != p_.last_f3) name = "repz";
      else if (row_.prefix != Mandatory::kF3) name = rep_name(i);
    }
    if (!name.empty()) out.append(name).append(" ");
  }
  return out;
}

}  // namespace

std::string disassemble(const DecodedInsn& d, u32 eip) {
  if (!d.row) return "(bad)";
  return Printer(d, eip).text();
}

std::string_view lone_prefix_name(u8 b, bool code32) {
  if (int s = segment_of_prefix(b); s >= 0) return kSeg[s];
  switch (b) {
    case 0x66: return code32 ? "data16" : "data32";
    case 0x67: return code32 ? "addr16" : "addr32";
    case 0xF0: return "lock";
    case 0xF2: return "repnz";
    case 0xF3: return "repz";
    default: return {};
  }
}

namespace {

// objdump prints addresses right-aligned, as wide as the section's end address needs, in steps
// of four hex digits of an eight-digit field (objdump.c, skip_addr_chars).
int address_width(u64 end) {
  std::string buf = fmt::format("{:08x}", static_cast<u32>(end));
  int zeros = 0;
  while (zeros < 8 && buf[zeros] == '0') ++zeros;
  if (zeros == 8) return 8;
  return 8 - (zeros == 0 ? 0 : ((zeros - 1) & ~3));
}

// How many zero bytes objdump skips with "..." at pos: a run of eight or more (in steps of four
// unless it reaches the end), or a run of fewer than three that reaches the end.
size_t zeros_to_skip(std::span<const u8> data, size_t pos) {
  size_t z = pos;
  while (z < data.size() && data[z] == 0) ++z;
  size_t n = z - pos;
  if (z == data.size() && n > 0 && (n >= 8 || n < 3)) return n;
  return n >= 8 ? n & ~size_t{3} : 0;
}

// One instruction: its text and length, as objdump shows a truncated one (a lone prefix's name
// or ".byte") or an invalid one.
std::pair<std::string, size_t> listing_insn(std::span<const u8> rest, bool code32, u32 addr) {
  DecodedInsn d;
  DecodeStatus s = decode(rest, code32, kAllFeatures, d);
  if (s == DecodeStatus::kOk) return {disassemble(d, addr), d.len};
  if (s == DecodeStatus::kTruncated) {
    std::string_view lone = lone_prefix_name(rest[0], code32);
    if (!lone.empty()) return {std::string(lone), 1};
    return {fmt::format(".byte 0x{:x}", rest[0]), 1};
  }
  return {"(bad)", std::clamp<size_t>(d.len, 1, rest.size())};
}

}  // namespace

std::string objdump_listing(std::span<const u8> data, const ListingOptions& opt) {
  constexpr size_t kPerLine = 7;
  std::string out;
  u64 end = opt.base + data.size();
  int width = address_width(end);
  if (opt.header) {
    out += fmt::format("\n{}:     file format binary\n\n\nDisassembly of section .data:\n\n",
                       opt.file);
    out += fmt::format("{:08x} <.data{}>:\n", static_cast<u32>(opt.base + opt.start),
                       opt.start ? fmt::format("+0x{:x}", opt.start) : std::string());
  }
  size_t pos = opt.start;
  for (u64 n = 0; pos < data.size() && n < opt.count; ++n) {
    if (size_t z = zeros_to_skip(data, pos)) {
      out += "\t...\n";
      pos += z;
      continue;
    }
    u32 addr = static_cast<u32>(opt.base + pos);
    auto [text, len] = listing_insn(data.subspan(pos), opt.code32, addr);
    for (size_t k = 0; k < len; k += kPerLine) {
      std::string bytes;
      for (size_t i = k; i < std::min(len, k + kPerLine); ++i)
        bytes += fmt::format("{:02x} ", data[pos + i]);
      if (k == 0) {
        out += fmt::format("{:>{}x}:\t{:<21}\t{}\n", addr, width, bytes, text);
      } else {
        out += fmt::format("{:>{}x}:\t{}\n", addr + k, width, bytes);
      }
    }
    pos += len;
  }
  return out;
}

}  // namespace vtsim::ia32
