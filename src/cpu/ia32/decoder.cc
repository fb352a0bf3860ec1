#include "cpu/ia32/decoder.h"

#include <algorithm>
#include <cstring>

#include "cpu/ia32/state.h"

namespace vtsim::ia32 {
namespace {

bool is_modrm_operand(Opnd o) {
  switch (o) {
    case Opnd::kEb: case Opnd::kEw: case Opnd::kEd: case Opnd::kEv:
    case Opnd::kGb: case Opnd::kGw: case Opnd::kGd: case Opnd::kGv:
    case Opnd::kM: case Opnd::kMw: case Opnd::kMd: case Opnd::kMq: case Opnd::kMp:
    case Opnd::kMa: case Opnd::kMs: case Opnd::kRd: case Opnd::kCd: case Opnd::kDd:
    case Opnd::kSw: case Opnd::kRvMw: case Opnd::kMb:
      return true;
    default:
      return false;
  }
}

// A cursor over the instruction bytes that reports running out instead of reading past them.
struct Reader {
  std::span<const u8> b;
  unsigned pos = 0;
  bool truncated = false;

  u32 take(unsigned n) {
    if (pos + n > b.size()) {
      truncated = true;
      pos += n;
      return 0;
    }
    u32 v = 0;
    for (unsigned i = 0; i < n; ++i) v |= u32{b[pos + i]} << (8 * i);
    pos += n;
    return v;
  }
};

u32 sign_extend(u32 v, unsigned bytes) {
  if (bytes == 1) return static_cast<u32>(static_cast<i32>(static_cast<i8>(v)));
  if (bytes == 2) return static_cast<u32>(static_cast<i32>(static_cast<i16>(v)));
  return v;
}

// ModRM memory operand, 16-bit addressing (SDM Vol. 2A Table 2-1).
void decode_modrm16(Reader& r, u8 mod, u8 rm, DecodedInsn& d) {
  static constexpr u8 kBase[8] = {kEbx, kEbx, kEbp, kEbp, kEsi, kEdi, kEbp, kEbx};
  static constexpr u8 kIndex[8] = {kEsi, kEdi, kEsi, kEdi, kNoReg, kNoReg, kNoReg, kNoReg};
  d.base = kBase[rm];
  d.index = kIndex[rm];
  if (mod == 0 && rm == 6) {
    d.base = kNoReg;
    d.disp = r.take(2);
  } else if (mod == 1) {
    d.disp = sign_extend(r.take(1), 1);
  } else if (mod == 2) {
    d.disp = r.take(2);
  }
  if (d.base == kEbp && !d.seg_override) d.seg = kSs;
}

// ModRM memory operand, 32-bit addressing with SIB (SDM Vol. 2A Tables 2-2 and 2-3).
void decode_modrm32(Reader& r, u8 mod, u8 rm, DecodedInsn& d) {
  if (rm == 4) {
    u8 sib = static_cast<u8>(r.take(1));
    d.scale = sib >> 6;
    u8 idx = (sib >> 3) & 7;
    d.index = idx == 4 ? u8{kNoReg} : idx;
    d.base = sib & 7;
    if (d.base == kEbp && mod == 0) {
      d.base = kNoReg;
      d.disp = r.take(4);
    }
  } else if (mod == 0 && rm == 5) {
    d.base = kNoReg;
    d.disp = r.take(4);
  } else {
    d.base = rm;
  }
  if (mod == 1) d.disp = sign_extend(r.take(1), 1);
  else if (mod == 2) d.disp = r.take(4);
  if ((d.base == kEbp || d.base == kEsp) && !d.seg_override) d.seg = kSs;
}

bool prefix_matches(const Row& row, u8 mandatory) {
  switch (row.prefix) {
    case Mandatory::kNone: return true;
    case Mandatory::k66: return mandatory == 0x66;
    case Mandatory::kF3: return mandatory == 0xF3;
    case Mandatory::kF2: return mandatory == 0xF2;
  }
  return false;
}

// Picks the row for this ModRM and prefix state; rows with a mandatory prefix win over rows
// without, and rows with an rm extension over rows without.
const Row* select_row(std::span<const Row* const> cands, u8 modrm, u8 mandatory) {
  const Row* best = nullptr;
  int best_score = -1;
  u8 mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
  for (const Row* row : cands) {
    if (row->reg >= 0 && row->reg != reg) continue;
    if (row->mod == ModCon::kMem && mod == 3) continue;
    if (row->mod == ModCon::kReg && mod != 3) continue;
    if (row->rm >= 0 && row->rm != rm) continue;
    if (!prefix_matches(*row, mandatory)) continue;
    int score = (row->prefix != Mandatory::kNone ? 2 : 0) + (row->rm >= 0 ? 1 : 0);
    if (score > best_score) best = row, best_score = score;
  }
  return best;
}

u32 read_immediate(Reader& r, Opnd o, bool o32) {
  unsigned n = immediate_size(o, o32);
  u32 v = r.take(n);
  if (o == Opnd::kIbs || o == Opnd::kJb) v = sign_extend(v, 1);
  if (o == Opnd::kJz && !o32) v = sign_extend(v, 2);
  return v;
}

// Reads the immediates, offsets and far pointers that follow ModRM.
void decode_trailing(Reader& r, const Row& row, DecodedInsn& d) {
  bool first = true;
  for (Opnd o : row.ops) {
    switch (o) {
      case Opnd::kIb: case Opnd::kIbs: case Opnd::kIw: case Opnd::kIz:
      case Opnd::kJb: case Opnd::kJz:
        if (first) d.imm = read_immediate(r, o, d.o32);
        else d.imm2 = static_cast<u16>(read_immediate(r, o, d.o32));  // ENTER Iw, Ib
        first = false;
        break;
      case Opnd::kAp:
        d.disp = r.take(d.o32 ? 4 : 2);
        d.imm2 = static_cast<u16>(r.take(2));
        break;
      case Opnd::kOb: case Opnd::kOv:
        d.disp = r.take(d.a32 ? 4 : 2);
        d.base = d.index = kNoReg;
        d.mem = true;
        break;
      default:
        break;
    }
  }
}

}  // namespace

bool Row::has_modrm() const {
  return reg >= 0 || std::any_of(ops.begin(), ops.end(), is_modrm_operand);
}

unsigned immediate_size(Opnd o, bool o32) {
  switch (o) {
    case Opnd::kIb: case Opnd::kIbs: case Opnd::kJb: return 1;
    case Opnd::kIw: return 2;
    case Opnd::kIz: case Opnd::kJz: return o32 ? 4 : 2;
    default: return 0;
  }
}

DecodeTable::DecodeTable() {
  for (auto group : {alu_rows(), move_rows(), control_rows(), string_rows(), system_rows(),
                     misc_rows(), shift_rows(), muldiv_rows(), bcd_rows(), bits_rows(),
                     stack_rows(), protection_rows()}) {
    for (const Row& row : group) {
      all_.push_back(&row);
      for (unsigned k = 0; k < row.count; ++k)
        slots_[static_cast<unsigned>(row.map)][row.opcode + k].push_back(&row);
    }
  }
}

const DecodeTable& DecodeTable::instance() {
  static const DecodeTable kTable;
  return kTable;
}

DecodeStatus decode(std::span<const u8> bytes, bool code32, FeatureMask features,
                    DecodedInsn& d) {
  d = DecodedInsn{};
  Reader r{bytes.first(std::min<size_t>(bytes.size(), 15))};
  bool o32 = code32, a32 = code32;
  bool has66 = false;
  u8 opcode = 0;
  // Prefixes (SDM Vol. 2A 2.1.1), any order, any number until the length limit.
  for (;;) {
    opcode = static_cast<u8>(r.take(1));
    if (r.truncated) return bytes.size() >= 15 ? DecodeStatus::kTooLong : DecodeStatus::kTruncated;
    switch (opcode) {
      case 0x66: o32 = !code32; has66 = true; continue;
      case 0x67: a32 = !code32; continue;
      case 0xF0: d.lock = true; continue;
      case 0xF2: case 0xF3: d.rep = opcode; continue;
      case 0x26: d.seg = kEs; d.seg_override = true; continue;
      case 0x2E: d.seg = kCs; d.seg_override = true; continue;
      case 0x36: d.seg = kSs; d.seg_override = true; continue;
      case 0x3E: d.seg = kDs; d.seg_override = true; continue;
      case 0x64: d.seg = kFs; d.seg_override = true; continue;
      case 0x65: d.seg = kGs; d.seg_override = true; continue;
      default: break;
    }
    break;
  }
  d.o32 = o32;
  d.a32 = a32;
  OpMap map = OpMap::kOneByte;
  if (opcode == 0x0F) {
    map = OpMap::k0F;
    opcode = static_cast<u8>(r.take(1));
  }
  auto fail = [&](DecodeStatus s) {
    d.len = static_cast<u8>(std::min<unsigned>(r.pos, 15));
    if (r.truncated) return r.pos > 15 || bytes.size() >= 15 ? DecodeStatus::kTooLong
                                                             : DecodeStatus::kTruncated;
    return s;
  };
  auto cands = DecodeTable::instance().candidates(map, opcode);
  if (cands.empty() || r.truncated) return fail(DecodeStatus::kInvalid);
  bool modrm_needed = cands.front()->has_modrm();
  u8 modrm = modrm_needed ? static_cast<u8>(r.take(1)) : 0;
  if (r.truncated) return fail(DecodeStatus::kInvalid);
  // The opcode-extending prefix: the last of F2/F3 if any, else 66 (SDM Vol. 2A 2.1.2).
  u8 mandatory = d.rep ? d.rep : has66 ? 0x66 : 0;
  const Row* row = select_row(cands, modrm_needed ? modrm : 0xC0, mandatory);
  if (!row || !(features & feature_bit(row->feature))) return fail(DecodeStatus::kInvalid);
  if (row->prefix == Mandatory::k66) d.o32 = code32;  // consumed as an opcode extension
  if (row->prefix == Mandatory::kF3 || row->prefix == Mandatory::kF2) d.rep = 0;
  d.row = row;
  d.opcode = opcode;
  // +r forms (no ModRM) name the register in the opcode; otherwise ModRM.reg does.
  d.reg = row->count > 1 && !modrm_needed ? (opcode & 7) : (modrm >> 3) & 7;
  if (modrm_needed) {
    u8 mod = modrm >> 6, rm = modrm & 7;
    // MOV to/from CRn/DRn ignore the mod bits: always a register (SDM Vol. 2B MOV CR, MOV DR).
    bool reg_form = mod == 3 || std::find(row->ops.begin(), row->ops.end(), Opnd::kRd) !=
                                    row->ops.end();
    if (reg_form) {
      d.rm = rm;
    } else {
      d.mem = true;
      if (d.a32) decode_modrm32(r, mod, rm, d);
      else decode_modrm16(r, mod, rm, d);
    }
  }
  decode_trailing(r, *row, d);
  if (r.truncated || r.pos > 15) return fail(DecodeStatus::kInvalid);
  // LOCK is allowed only on the listed read-modify-write forms with a memory destination.
  if (d.lock && (!(row->attrs & row_attr::kLock) || !d.mem)) return fail(DecodeStatus::kInvalid);
  d.len = static_cast<u8>(r.pos);
  std::memcpy(d.bytes, bytes.data(), d.len);
  d.fn = d.o32 ? row->h32 : row->h16;
  return DecodeStatus::kOk;
}

}  // namespace vtsim::ia32
