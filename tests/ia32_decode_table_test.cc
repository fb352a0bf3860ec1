// Consistency of the IA-32 decode table: no two rows claim the same encoding, the rows of one
// opcode agree on the ModRM byte, every row has both handlers, and LOCK goes only with a memory
// destination (SDM Vol. 2A 2.1.2 and the LOCK page).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "cpu/ia32/decoder.h"

namespace vtsim::ia32 {
namespace {

std::string name(const Row& r) {
  return fmt::format("{} {}{:02X}{}{}{}", r.mnemonic, r.map == OpMap::k0F ? "0F " : "", r.opcode,
                     r.reg >= 0 ? fmt::format(" /{}", r.reg) : "",
                     r.rm >= 0 ? fmt::format(" rm={}", r.rm) : "",
                     r.mod == ModCon::kMem ? " mem" : r.mod == ModCon::kReg ? " reg" : "");
}

// The mandatory-prefix states the decoder distinguishes: the last of 66/F2/F3, or none.
constexpr Mandatory kPrefixStates[] = {Mandatory::kNone, Mandatory::k66, Mandatory::kF3,
                                       Mandatory::kF2};

// Does row r accept this ModRM byte with this last mandatory-class prefix? Mirrors the
// decoder's rules: the reg, mod and rm constraints, and a mandatory prefix that must be the one.
bool accepts(const Row& r, u8 modrm, Mandatory last) {
  u8 mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
  if (r.reg >= 0 && r.reg != reg) return false;
  if (r.mod == ModCon::kMem && mod == 3) return false;
  if (r.mod == ModCon::kReg && mod != 3) return false;
  if (r.rm >= 0 && r.rm != rm) return false;
  return r.prefix == Mandatory::kNone || r.prefix == last;
}

// How specific a row is; the decoder picks the most specific matching row.
int specificity(const Row& r) {
  return (r.prefix != Mandatory::kNone ? 2 : 0) + (r.rm >= 0 ? 1 : 0);
}

// Pairs of rows that may share an encoding on purpose, each with the reason.
struct AllowedOverlap {
  std::string_view a, b;  // name() prefixes of the two rows
  std::string_view reason;
};
// None so far; grow the array with each entry.
constexpr std::array<AllowedOverlap, 0> kAllowedOverlaps{};

bool overlap_allowed(const Row& a, const Row& b) {
  for (const AllowedOverlap& o : kAllowedOverlaps) {
    if ((name(a).starts_with(o.a) && name(b).starts_with(o.b)) ||
        (name(a).starts_with(o.b) && name(b).starts_with(o.a)))
      return true;
  }
  return false;
}

// For every opcode, ModRM byte and prefix state, the most specific matching rows must be one.
TEST(Ia32DecodeTable, NoTwoRowsClaimTheSameEncoding) {
  const DecodeTable& t = DecodeTable::instance();
  std::set<std::string> reported;
  for (OpMap map : {OpMap::kOneByte, OpMap::k0F}) {
    for (unsigned op = 0; op < 256; ++op) {
      auto cands = t.candidates(map, static_cast<u8>(op));
      if (cands.size() < 2) continue;
      bool modrm = cands.front()->has_modrm();
      for (unsigned m = 0; m < (modrm ? 256u : 1u); ++m) {
        u8 modrm_byte = modrm ? static_cast<u8>(m) : 0xC0;
        for (Mandatory last : kPrefixStates) {
          std::vector<const Row*> best;
          int best_score = -1;
          for (const Row* r : cands) {
            if (!accepts(*r, modrm_byte, last)) continue;
            int s = specificity(*r);
            if (s > best_score) best.clear(), best_score = s;
            if (s == best_score) best.push_back(r);
          }
          for (size_t i = 1; i < best.size(); ++i) {
            if (overlap_allowed(*best[0], *best[i])) continue;
            std::string pair = name(*best[0]) + "  <->  " + name(*best[i]);
            if (reported.insert(pair).second) ADD_FAILURE() << "rows overlap: " << pair;
          }
        }
      }
    }
  }
}

TEST(Ia32DecodeTable, RowsOfOneOpcodeAgreeOnModrm) {
  const DecodeTable& t = DecodeTable::instance();
  for (OpMap map : {OpMap::kOneByte, OpMap::k0F}) {
    for (unsigned op = 0; op < 256; ++op) {
      auto cands = t.candidates(map, static_cast<u8>(op));
      for (const Row* r : cands)
        EXPECT_EQ(r->has_modrm(), cands.front()->has_modrm())
            << name(*r) << " vs " << name(*cands.front());
    }
  }
}

TEST(Ia32DecodeTable, EveryRowHasBothHandlers) {
  for (const Row* r : DecodeTable::instance().rows()) {
    EXPECT_NE(r->h16, nullptr) << name(*r);
    EXPECT_NE(r->h32, nullptr) << name(*r);
  }
}

bool memory_capable_destination(const Row& r) {
  switch (r.ops[0]) {
    case Opnd::kEb: case Opnd::kEw: case Opnd::kEd: case Opnd::kEv: case Opnd::kM:
    case Opnd::kMb: case Opnd::kMw: case Opnd::kMd: case Opnd::kMq:
      return r.mod != ModCon::kReg;
    default:
      return false;
  }
}

TEST(Ia32DecodeTable, LockableRowsHaveAMemoryDestination) {
  for (const Row* r : DecodeTable::instance().rows()) {
    if (r->attrs & row_attr::kLock) {
      EXPECT_TRUE(memory_capable_destination(*r)) << name(*r);
    }
  }
}

// A "{cc}" family (one row .plus_r(16) or sixteen rows) covers one aligned block of sixteen
// opcodes: the condition is the opcode's low nibble (SDM Vol. 2D B.1.4.7).
TEST(Ia32DecodeTable, ConditionFamiliesCoverSixteenOpcodes) {
  std::map<std::string, std::set<unsigned>> families;
  for (const Row* r : DecodeTable::instance().rows()) {
    if (r->mnemonic.find("{cc}") == std::string_view::npos) continue;
    std::string key = fmt::format("{} {}", r->mnemonic, r->map == OpMap::k0F ? "0F" : "");
    for (unsigned k = 0; k < r->count; ++k) families[key].insert(r->opcode + k);
  }
  for (auto& [key, ops] : families) {
    EXPECT_EQ(ops.size(), 16u) << key;
    EXPECT_EQ(*ops.begin() & 0xF, 0u) << key;
    EXPECT_EQ(*ops.rbegin() - *ops.begin(), 15u) << key;
  }
}

// A row's name is one objdump name or two split by operand size, never empty.
TEST(Ia32DecodeTable, MnemonicsAreWellFormed) {
  for (const Row* r : DecodeTable::instance().rows()) {
    std::string_view m = r->mnemonic;
    EXPECT_FALSE(m.empty()) << name(*r);
    EXPECT_LE(std::count(m.begin(), m.end(), '|'), 1) << name(*r);
    EXPECT_EQ(m.find(' '), std::string_view::npos) << name(*r);
    EXPECT_FALSE(m.starts_with('|') || m.ends_with('|')) << name(*r);
  }
}

}  // namespace
}  // namespace vtsim::ia32
