// The disassembler against GNU objdump (-M intel, -m i386 and -m i8086): every decode row in
// representative encodings, 100,000 random byte strings in both modes, and `vtsim disasm`'s
// listing of NASM-assembled files. objdump runs a fixed number of times (once per mode for rows
// and random strings together, once per listing); without objdump the comparisons are skipped.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <random>
#include <set>

#include "cpu/ia32/decoder.h"
#include "cpu/ia32/disasm.h"
#include "objdump_driver.h"

namespace vtsim::ia32 {
namespace {

using vtsim::testing::Disasm;
using vtsim::testing::ObjdumpBatch;
using Bytes = std::vector<u8>;

constexpr size_t kRandomStrings = 100000;
constexpr size_t kRandomLen = 15;
constexpr u32 kSeed = 0x1A32D15A;
// Every in-scope opcode has its rows: the coverage test asserts no table gaps.
constexpr bool kTableComplete = true;

std::string hex_bytes(std::span<const u8> b) {
  std::string s;
  for (u8 x : b) s += fmt::format("{}{:02x}", s.empty() ? "" : " ", x);
  return s;
}

Disasm vtsim_disasm(std::span<const u8> bytes, bool code32, u32 addr,
                    const Row** row = nullptr) {
  DecodedInsn d;
  if (decode(bytes, code32, kAllFeatures, d) != DecodeStatus::kOk) return {false, "", d.len};
  if (row) *row = d.row;
  return {true, disassemble(d, addr), d.len};
}

bool is_prefix_byte(u8 b) {
  switch (b) {
    case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65: case 0x66: case 0x67:
    case 0xF0: case 0xF2: case 0xF3:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Representative encodings of each row.

// ModRM, SIB and displacement bytes of the memory forms, with reg in bits 5:3.
std::vector<Bytes> memory_forms(bool a32, u8 reg) {
  u8 r = static_cast<u8>(reg << 3);
  if (a32) {
    return {{static_cast<u8>(0x05 | r), 0x78, 0x56, 0x34, 0x12},        // ds:0x12345678
            {static_cast<u8>(0x44 | r), 0xB3, 0x10},                    // [ebx+esi*4+0x10]
            {static_cast<u8>(0x44 | r), 0x24, 0xF0},                    // [esp-0x10]
            {static_cast<u8>(0x85 | r), 0x00, 0x01, 0x00, 0x80},        // [ebp-0x7fffff00]
            {static_cast<u8>(0x04 | r), 0xCD, 0x00, 0x10, 0x00, 0x00},  // [ecx*8+0x1000]
            {static_cast<u8>(0x00 | r)}};                               // [eax]
  }
  return {{static_cast<u8>(0x83 | r), 0x34, 0x12},  // [bp+di+0x1234]
          {static_cast<u8>(0x82 | r), 0x00, 0xFF},  // [bp+si-0x100]
          {static_cast<u8>(0x00 | r)},              // [bx+si]
          {static_cast<u8>(0x06 | r), 0x78, 0x56},  // ds:0x5678
          {static_cast<u8>(0x46 | r), 0xFE}};       // [bp-0x2]
}

struct Form {
  Bytes modrm;  // ModRM and what follows it before the immediates
  bool mem;
  bool other_asize;  // needs a 67 prefix
};

std::vector<Form> modrm_forms(const Row& r, bool code32) {
  if (!r.has_modrm()) return {{{}, false, false}};
  std::vector<Form> out;
  u8 reg = static_cast<u8>(r.reg >= 0 ? r.reg : 5);
  if (r.mod != ModCon::kMem)
    out.push_back({{static_cast<u8>(0xC0 | reg << 3 | (r.rm >= 0 ? r.rm : 2))}, false, false});
  if (r.mod == ModCon::kReg) return out;
  for (bool a32 : {code32, !code32})
    for (Bytes& m : memory_forms(a32, reg)) out.push_back({m, true, a32 != code32});
  return out;
}

// The prefix sets tried with a form: none, operand size, segment overrides, REP/REPNE, and
// LOCK where the row allows it; 67 goes with the other address size's memory forms.
std::vector<Bytes> prefix_sets(const Row& r, const Form& f) {
  std::vector<Bytes> out = {{}, {0x66}, {0x26}, {0x64}, {0x2E}, {0x3E}, {0xF3}, {0xF2},
                            {0x66, 0x67}, {0x26, 0x2E}};
  if (!r.has_modrm()) out.push_back({0x67});
  if ((r.attrs & row_attr::kLock) && f.mem) {
    for (Bytes b : {Bytes{0xF0}, Bytes{0xF0, 0xF2}, Bytes{0xF3, 0xF0}, Bytes{0x66, 0xF0}})
      out.push_back(b);
  }
  if (r.attrs & row_attr::kRep)
    for (Bytes b : {Bytes{0xF3, 0x66}, Bytes{0xF2, 0x67}, Bytes{0xF3, 0xF2}}) out.push_back(b);
  if (f.other_asize)
    for (Bytes& b : out) b.insert(b.begin(), 0x67);
  return out;
}

u8 mandatory_byte(Mandatory m) {
  switch (m) {
    case Mandatory::k66: return 0x66;
    case Mandatory::kF3: return 0xF3;
    case Mandatory::kF2: return 0xF2;
    case Mandatory::kNone: break;
  }
  return 0;
}

// Encodings of row r that vtsim decodes to r in this mode, each trimmed to its length.
std::vector<Bytes> row_encodings(const Row& r, bool code32) {
  static const Bytes kTails[] = {{0xF0, 0x87, 0x65, 0x43, 0x21, 0x0F, 0xED, 0xCB},
                                 {0x7F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06}};
  std::vector<Bytes> out;
  std::set<std::string> seen;  // the encodings so far, as strings of bytes
  for (unsigned k = 0; k < r.count; ++k) {
    for (const Form& f : modrm_forms(r, code32)) {
      for (const Bytes& pre : prefix_sets(r, f)) {
        for (const Bytes& tail : kTails) {
          if (&tail != &kTails[0] && !pre.empty()) continue;
          Bytes b = pre;
          if (r.prefix != Mandatory::kNone) b.push_back(mandatory_byte(r.prefix));
          if (r.map == OpMap::k0F) b.push_back(0x0F);
          b.push_back(static_cast<u8>(r.opcode + k));
          b.insert(b.end(), f.modrm.begin(), f.modrm.end());
          b.insert(b.end(), tail.begin(), tail.end());
          const Row* got = nullptr;
          Disasm v = vtsim_disasm(b, code32, 0, &got);
          if (!v.ok || got != &r) continue;
          b.resize(v.len);
          if (seen.insert(std::string(b.begin(), b.end())).second) out.push_back(b);
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Random byte strings: prefixes, then mostly opcodes the table knows, then random bytes.

std::vector<Bytes> random_strings(size_t n, u32 seed) {
  std::vector<u8> one, two;
  const DecodeTable& t = DecodeTable::instance();
  for (unsigned i = 0; i < 256; ++i) {
    u8 op = static_cast<u8>(i);
    if (!t.candidates(OpMap::kOneByte, op).empty()) one.push_back(op);
    if (!t.candidates(OpMap::k0F, op).empty()) two.push_back(op);
  }
  static constexpr u8 kPre[] = {0x66, 0x66, 0x67, 0xF3, 0xF2, 0xF0, 0x26, 0x2E, 0x36, 0x3E,
                                0x64, 0x65};
  std::mt19937 rng(seed);  // raw engine output only: the same strings with every library
  auto pick = [&](size_t k) { return static_cast<size_t>(rng() % k); };
  std::vector<Bytes> out(n, Bytes(kRandomLen));
  for (Bytes& s : out) {
    for (u8& b : s) b = static_cast<u8>(rng());
    size_t r = pick(100), np = r < 60 ? 0 : r < 85 ? 1 : r < 95 ? 2 : 3 + pick(2);
    size_t i = 0;
    for (; i < np; ++i) s[i] = kPre[pick(sizeof kPre)];
    r = pick(100);
    if (r < 20) {
      s[i++] = 0x0F;
      if (pick(100) < 75 && !two.empty()) s[i] = two[pick(two.size())];
    } else if (r < 85 && !one.empty()) {
      s[i] = one[pick(one.size())];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Why objdump decodes what vtsim does not: out of scope by opcode, or a gap in the table.

enum class Scope { kIn, kX87, kSimd, kVex, kLater, kUd, kLock };

const char* scope_name(Scope s) {
  switch (s) {
    case Scope::kIn: return "table gap";
    case Scope::kX87: return "not in scope: x87";
    case Scope::kSimd: return "not in scope: MMX/SSE";
    case Scope::kVex: return "not in scope: VEX/EVEX/XOP";
    case Scope::kLater: return "not in scope: later, obsolete, 64-bit-only or other-vendor";
    case Scope::kUd: return "architecturally #UD (objdump names it)";
    case Scope::kLock: return "LOCK on a form that does not allow it: #UD (SDM Vol. 2A LOCK)";
  }
  return "";
}

// Where the opcode starts, and the last 66/F2/F3 before it.
struct OpcodeAt {
  size_t pos = 0;
  u8 last_simd_prefix = 0;
};

OpcodeAt find_opcode(std::span<const u8> s) {
  OpcodeAt o;
  while (o.pos < s.size() && is_prefix_byte(s[o.pos])) {
    u8 b = s[o.pos++];
    if (b == 0x66 || b == 0xF2 || b == 0xF3) o.last_simd_prefix = b;
  }
  return o;
}

bool in_ranges(u8 op, std::initializer_list<std::pair<u8, u8>> ranges) {
  for (auto [lo, hi] : ranges)
    if (op >= lo && op <= hi) return true;
  return false;
}

// Group 7 (0F 01): with mod = 3 most ModRM bytes are instructions of their own (SDM Vol. 2D
// Table A-6); SMSW and LMSW take a register there too. Memory /5 is CET's RSTORSSP.
Scope scope_0f01(u8 modrm) {
  u8 reg = (modrm >> 3) & 7;
  if (modrm < 0xC0) return reg == 5 ? Scope::kLater : Scope::kIn;
  if (reg == 4 || reg == 6) return Scope::kIn;
  // VMX (C1-C4) is #UD on models without VMX; its rows come with the VT-x issue.
  if (in_ranges(modrm, {{0xC1, 0xC4}})) return Scope::kLater;
  if (in_ranges(modrm, {{0xC8, 0xC9}})) return Scope::kIn;  // MONITOR/MWAIT
  return Scope::kLater;
}

Scope scope_0f(u8 op, u8 modrm, u8 pre) {
  if (op == 0x01) return scope_0f01(modrm);
  if (op == 0xFF || op == 0xB9) return Scope::kUd;  // UD0, UD1
  // VMREAD/VMWRITE and VMPTRLD/VMPTRST/VMCLEAR/VMXON: VT-x issue (see scope_0f01).
  if (op == 0x78 || op == 0x79) return pre == 0x66 || pre == 0xF2 ? Scope::kSimd : Scope::kLater;
  if (op == 0xC7 && modrm < 0xC0 && ((modrm >> 3) & 7) >= 6) return Scope::kLater;
  if (op == 0x1C && modrm < 0xC0 && ((modrm >> 3) & 7) == 0) return Scope::kLater;  // CLDEMOTE
  if (op == 0xC7 && modrm >= 0xC0) return Scope::kLater;                      // RDRAND, RDSEED
  if (op == 0xC7 && ((modrm >> 3) & 7) >= 3 && ((modrm >> 3) & 7) <= 5) return Scope::kLater;
  if (pre == 0xF3 && (op == 0xB8 || op == 0xBC || op == 0xBD || op == 0x1E)) return Scope::kLater;
  if (in_ranges(op, {{0x10, 0x18}, {0x28, 0x2F}, {0x38, 0x38}, {0x3A, 0x3A}, {0x50, 0x7F},
                     {0xAE, 0xAE}, {0xC2, 0xC6}, {0xD0, 0xFE}, {0x0D, 0x0F}}))
    return Scope::kSimd;
  if (in_ranges(op, {{0x05, 0x05}, {0x07, 0x07}, {0x24, 0x27}, {0x36, 0x36},
                     {0x39, 0x39}, {0x3B, 0x3F}, {0xA6, 0xA7}, {0xB8, 0xB8}, {0x1A, 0x1B}}))
    return Scope::kLater;
  return Scope::kIn;
}

Scope scope_of(std::span<const u8> s) {
  OpcodeAt o = find_opcode(s);
  if (o.pos + 2 >= s.size()) return Scope::kIn;
  u8 op = s[o.pos], next = s[o.pos + 1];
  if (op == 0x0F) return scope_0f(next, s[o.pos + 2], o.last_simd_prefix);
  if ((op >= 0xD8 && op <= 0xDF) || (op == 0x9B && next >= 0xD8 && next <= 0xDF))
    return Scope::kX87;  // objdump folds a preceding FWAIT into the x87 instruction
  if ((op == 0xC4 || op == 0xC5 || op == 0x62) && next >= 0xC0) return Scope::kVex;
  if (op == 0x8F && ((next >> 3) & 7) != 0) return Scope::kVex;
  if ((op == 0xC6 || op == 0xC7) && next == 0xF8) return Scope::kLater;  // XABORT, XBEGIN (TSX)
  return Scope::kIn;
}

// vtsim rejects it only because of a LOCK prefix the row does not allow.
bool lock_is_the_reason(std::span<const u8> s, bool code32) {
  OpcodeAt o = find_opcode(s);
  Bytes b;
  for (size_t i = 0; i < s.size(); ++i)
    if (i >= o.pos || s[i] != 0xF0) b.push_back(s[i]);
  return b.size() != s.size() && vtsim_disasm(b, code32, 0).ok;
}

// objdump's text without the prefix names in front of the mnemonic.
std::string without_prefix_names(std::string text) {
  static constexpr std::string_view kNames[] = {
      "lock ", "repz ", "repnz ", "rep ", "data16 ", "data32 ", "addr16 ", "addr32 ", "es ",
      "cs ", "ss ", "ds ", "fs ", "gs ", "bnd ", "notrack ", "xacquire ", "xrelease "};
  for (bool again = true; again;) {
    again = false;
    for (std::string_view p : kNames)
      if (text.starts_with(p)) text.erase(0, p.size()), again = true;
  }
  return text;
}

// objdump text that can only be x87, MMX/SSE or AVX.
bool looks_x87_or_simd(const std::string& objdump_text) {
  std::string t = without_prefix_names(objdump_text);
  for (const char* reg : {"st(", "st,"})
    if (t.find(reg) != std::string::npos) return true;
  // MMX/XMM registers: "mm" followed by a digit ("vmmcall" is not one).
  for (size_t p = t.find("mm"); p != std::string::npos; p = t.find("mm", p + 1))
    if (p + 2 < t.size() && t[p + 2] >= '0' && t[p + 2] <= '7') return true;
  return t.size() > 1 && t[0] == 'f' && t != "fwait";
}

// ---------------------------------------------------------------------------------------------
// Differences objdump shows that are not vtsim's to fix, or rows still to be corrected by
// their owners. Each needs a reason; the test prints the ones that no longer match anything.

struct Allowed {
  std::string_view reason;
  bool (*match)(const Disasm& vt, const Disasm& ob);
};

bool has(const Disasm& x, std::string_view s) { return x.text.find(s) != std::string::npos; }

constexpr Allowed kAllowed[] = {
    {"objdump names a 66 prefix data16/data32 on the 0F 1C/1E hint NOPs when F2/F3 is present "
     "too (its CLDEMOTE/CET prefix tables); the text is otherwise the same and the CPU runs a NOP",
     [](const Disasm& vt, const Disasm& ob) {
       return has(vt, "nop") && (has(ob, "data16 ") || has(ob, "data32 ")) &&
              without_prefix_names(vt.text) == without_prefix_names(ob.text);
     }},
    {"objdump treats FWAIT (9B) as a prefix of what follows (x87 opcodes are not in scope)",
     [](const Disasm& vt, const Disasm&) {
       return vt.text.ends_with("fwait");
     }},
    {"objdump decodes F3 0F BC/BD as TZCNT/LZCNT (BMI1/ABM, after the modelled CPUs, which run "
     "them as BSF/BSR)",
     [](const Disasm& vt, const Disasm& ob) {
       return (has(ob, "tzcnt") && has(vt, "bsf")) || (has(ob, "lzcnt") && has(vt, "bsr"));
     }},
    {"objdump calls F2 0F BC/BD (bad) (a TZCNT/LZCNT prefix table slot); the CPU ignores the F2",
     [](const Disasm& vt, const Disasm& ob) {
       return has(ob, "(bad)") && has(vt, "repnz") && (has(vt, "bsf") || has(vt, "bsr"));
     }},
    {"objdump decodes F3 0F 09 as WBNOINVD (after the modelled CPUs) and calls 66/F2 0F 09 "
     "(bad); the modelled CPUs run all of them as WBINVD",
     [](const Disasm& vt, const Disasm& ob) {
       return (has(ob, "(bad)") || has(ob, "wbnoinvd")) && has(vt, "wbinvd");
     }},
};

const Allowed* allowed(const Disasm& vt, const Disasm& ob) {
  for (const Allowed& a : kAllowed)
    if (a.match(vt, ob)) return &a;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// The comparison, computed once for all tests.

struct Case {
  Bytes bytes;
  const Row* row;  // the row an encoding was made for; nullptr for random strings
  bool code32;
  Disasm vt, ob;
};

enum class Verdict { kMatch, kBothInvalid, kDiffer, kObjdumpOnly, kVtsimOnly };

Verdict verdict(const Case& c) {
  if (c.vt.ok && c.ob.ok)
    return c.vt.text == c.ob.text && c.vt.len == c.ob.len ? Verdict::kMatch : Verdict::kDiffer;
  if (c.ob.ok) return Verdict::kObjdumpOnly;
  if (c.vt.ok) return Verdict::kVtsimOnly;
  return Verdict::kBothInvalid;
}

// Cases of both modes with what vtsim and objdump made of them. Row encodings and random
// strings are separate corpora, each built once per process with one objdump run per mode
// (the two modes in parallel), so a test that needs one does not pay for the other.
struct Corpus {
  bool available = false;
  std::vector<Case> cases;
  double seconds = 0;
};

std::vector<Case> compare_mode(bool code32, std::vector<Case> cases) {
  ObjdumpBatch batch;
  for (Case& c : cases) batch.add(c.bytes);
  std::vector<Disasm> ob = batch.objdump(code32);
  for (size_t i = 0; i < cases.size(); ++i) {
    cases[i].ob = ob[i];
    cases[i].vt = vtsim_disasm(batch.view(i), code32, static_cast<u32>(batch.start(i)));
  }
  return cases;
}

Corpus build_corpus(std::vector<Case> (*make)(bool code32)) {
  Corpus c;
  if (!vtsim::testing::tool_available("objdump")) return c;
  c.available = true;
  auto t0 = std::chrono::steady_clock::now();
  auto m16 = std::async(std::launch::async, [&] { return compare_mode(false, make(false)); });
  c.cases = compare_mode(true, make(true));
  std::vector<Case> c16 = m16.get();
  c.cases.insert(c.cases.begin(), c16.begin(), c16.end());
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

std::vector<Case> row_cases(bool code32) {
  std::vector<Case> out;
  for (const Row* r : DecodeTable::instance().rows())
    for (Bytes& b : row_encodings(*r, code32)) out.push_back({b, r, code32, {}, {}});
  return out;
}

// VTSIM_DISASM_SEED and VTSIM_DISASM_COUNT explore other strings; the tests use the defaults.
std::vector<Case> random_cases(bool code32) {
  const char* seed = std::getenv("VTSIM_DISASM_SEED");
  const char* count = std::getenv("VTSIM_DISASM_COUNT");
  std::vector<Case> out;
  for (Bytes& s : random_strings(count ? std::stoul(count) : kRandomStrings,
                                 seed ? static_cast<u32>(std::stoul(seed)) : kSeed))
    out.push_back({std::move(s), nullptr, code32, {}, {}});
  return out;
}

const Corpus& row_corpus() {
  static const Corpus kCorpus = build_corpus(row_cases);
  return kCorpus;
}

const Corpus& random_corpus() {
  static const Corpus kCorpus = build_corpus(random_cases);
  return kCorpus;
}

std::string describe(const Case& c) {
  return fmt::format("  [{}] {:<40} vtsim: {:<45} objdump: {}\n", c.code32 ? 32 : 16,
                     hex_bytes(c.bytes), c.vt.ok ? fmt::format("{} ({})", c.vt.text, c.vt.len)
                                                 : "(invalid)",
                     c.ob.ok ? fmt::format("{} ({})", c.ob.text, c.ob.len) : c.ob.text);
}

// Counts (a) and (c), printing the first few of each and the allow-listed ones by reason.
struct Tally {
  size_t match = 0, both_invalid = 0, differ = 0, objdump_only = 0, vtsim_only = 0;
  std::map<std::string_view, size_t> allowed;
};

Tally tally(const std::vector<Case>& cases, std::string& report) {
  Tally t;
  size_t shown_a = 0, shown_c = 0;
  // VTSIM_DISASM_ALL=1 prints every difference instead of the first 40 of each kind.
  size_t limit = std::getenv("VTSIM_DISASM_ALL") ? ~size_t{0} : 40;
  for (const Case& c : cases) {
    Verdict v = verdict(c);
    if ((v == Verdict::kDiffer || v == Verdict::kVtsimOnly) && allowed(c.vt, c.ob)) {
      ++t.allowed[allowed(c.vt, c.ob)->reason];
      continue;
    }
    switch (v) {
      case Verdict::kMatch: ++t.match; break;
      case Verdict::kBothInvalid: ++t.both_invalid; break;
      case Verdict::kObjdumpOnly: ++t.objdump_only; break;
      case Verdict::kDiffer:
        if (shown_a++ < limit) report += "(a) " + describe(c);
        ++t.differ;
        break;
      case Verdict::kVtsimOnly:
        if (shown_c++ < limit) report += "(c) " + describe(c);
        ++t.vtsim_only;
        break;
    }
  }
  for (auto& [reason, n] : t.allowed) report += fmt::format("allowed x{}: {}\n", n, reason);
  for (const Allowed& a : kAllowed)
    if (!t.allowed.count(a.reason))
      report += fmt::format("allow-list entry not needed here: {}\n", a.reason);
  return t;
}

TEST(Ia32DisasmRows, EveryRowMatchesObjdump) {
  const Corpus& c = row_corpus();
  if (!c.available) GTEST_SKIP() << "objdump not found: disassembly comparisons skipped";
  std::string report;
  Tally t = tally(c.cases, report);
  std::set<const Row*> seen;
  for (const Case& k : c.cases) seen.insert(k.row);
  // The expected text is binutils 2.40's; other versions may print some encodings differently.
  std::string version = vtsim::testing::run_command("objdump --version");
  std::printf("reference: %s", version.substr(0, version.find('\n') + 1).c_str());
  std::printf("rows: %zu of %zu checked, %zu encodings (16+32-bit), %zu match, (a) %zu differ, "
              "(c) %zu objdump (bad); %.1f s\n%s",
              seen.size(), DecodeTable::instance().rows().size(), c.cases.size(), t.match,
              t.differ, t.vtsim_only, c.seconds, report.c_str());
  EXPECT_EQ(t.differ, 0u);
  EXPECT_EQ(t.vtsim_only, 0u);
  // Every row is reachable: some encoding decodes to it in some mode.
  for (const Row* r : DecodeTable::instance().rows())
    EXPECT_TRUE(seen.count(r)) << "no encoding decodes to row " << r->mnemonic << " "
                               << (r->map == OpMap::k0F ? "0F " : "")
                               << fmt::format("{:02X}", r->opcode) << " /" << int{r->reg};
}

TEST(Ia32DisasmRandom, DecodedStringsMatchObjdump) {
  const Corpus& c = random_corpus();
  if (!c.available) GTEST_SKIP() << "objdump not found: disassembly comparisons skipped";
  std::string report;
  Tally t = tally(c.cases, report);
  std::printf("random: %zu strings x 2 modes = %zu checked: %zu match, %zu both invalid, "
              "(a) %zu vtsim decodes but differs, (b) %zu objdump decodes but vtsim invalid, "
              "(c) %zu vtsim decodes but objdump (bad); %.1f s\n%s",
              c.cases.size() / 2, c.cases.size(), t.match, t.both_invalid, t.differ,
              t.objdump_only, t.vtsim_only, c.seconds, report.c_str());
  EXPECT_EQ(t.differ, 0u);
  EXPECT_EQ(t.vtsim_only, 0u);
}

std::string opcode_key(std::span<const u8> s, const std::string& objdump_text) {
  OpcodeAt o = find_opcode(s);
  if (o.pos + 1 >= s.size()) return "prefixes only";
  std::string key = s[o.pos] == 0x0F ? fmt::format("0F {:02X}", s[o.pos + 1])
                                     : fmt::format("{:02X}", s[o.pos]);
  std::string text = without_prefix_names(objdump_text);
  return key + " " + text.substr(0, text.find(' '));
}

// (b) by reason. Asserts only that the by-opcode scope is right: x87, MMX/SSE and AVX text is
// never counted as a table gap, and what is classed x87 is x87 to objdump too. The count of
// gaps is asserted once the table is complete.
TEST(Ia32DisasmRandom, TableCoversEveryInScopeOpcode) {
  const Corpus& c = random_corpus();
  if (!c.available) GTEST_SKIP() << "objdump not found: disassembly comparisons skipped";
  std::map<Scope, size_t> by_scope;
  std::map<std::string, size_t> gaps;
  for (const Case& k : c.cases) {
    if (verdict(k) != Verdict::kObjdumpOnly) continue;
    Scope s = scope_of(k.bytes);
    if (s == Scope::kIn && lock_is_the_reason(k.bytes, k.code32)) s = Scope::kLock;
    ++by_scope[s];
    if (looks_x87_or_simd(k.ob.text)) {
      EXPECT_TRUE(s == Scope::kX87 || s == Scope::kSimd || s == Scope::kVex) << describe(k);
    }
    if (s == Scope::kX87) {
      EXPECT_TRUE(looks_x87_or_simd(k.ob.text)) << describe(k);
    }
    if (s == Scope::kIn) ++gaps[opcode_key(k.bytes, k.ob.text)];
  }
  std::printf("(b) objdump decodes, vtsim invalid, by reason:\n");
  for (auto& [s, n] : by_scope) std::printf("  %7zu  %s\n", n, scope_name(s));
  std::printf("(b) table gaps by opcode and objdump mnemonic (%zu):\n", gaps.size());
  for (auto& [key, n] : gaps) std::printf("  %7zu  %s\n", n, key.c_str());
  if (kTableComplete) {
    EXPECT_EQ(by_scope[Scope::kIn], 0u);
  }
}

// ---------------------------------------------------------------------------------------------
// Fixed cases: objdump's text for a few encodings, checked without running objdump.

struct Fixed {
  bool code32;
  Bytes bytes;
  std::string_view text;
};

TEST(Ia32DisasmFixed, KnownObjdumpText) {
  const Fixed kCases[] = {
      {true, {0x89, 0xD8}, "mov    eax,ebx"},
      {true, {0xC7, 0x84, 0x88, 0x78, 0x56, 0x34, 0x12, 0x01, 0, 0, 0},
       "mov    DWORD PTR [eax+ecx*4+0x12345678],0x1"},
      {true, {0x26, 0x89, 0xD8}, "es mov eax,ebx"},
      {true, {0x66, 0x66, 0x89, 0xD8}, "data16 mov ax,bx"},
      {true, {0x26, 0x2E, 0x89, 0x00}, "es mov DWORD PTR cs:[eax],eax"},
      {true, {0x3E, 0x75, 0x00}, "ds jne 0x3"},
      {true, {0xEA, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12}, "jmp    0x1234:0x12345678"},
      {true, {0x64, 0xA1, 0, 0, 0, 0}, "mov    eax,fs:0x0"},
      {true, {0x8B, 0x04, 0x25, 0, 0, 0, 0}, "mov    eax,DWORD PTR [eiz*1+0x0]"},
      {true, {0x8B, 0x40, 0xF0}, "mov    eax,DWORD PTR [eax-0x10]"},
      {true, {0x83, 0xC0, 0xFF}, "add    eax,0xffffffff"},
      {true, {0xEB, 0x80}, "jmp    0xffffff82"},
      {true, {0x66, 0xE9, 0x00, 0x00}, "jmpw   0x4"},
      {true, {0x67, 0xE3, 0x00}, "jcxz   0x3"},
      {true, {0x66, 0xE3, 0x00}, "data16 jecxz 0x3"},
      {true, {0xF2, 0xE9, 0, 0, 0, 0}, "bnd jmp 0x6"},
      {true, {0x3E, 0xFF, 0xE0}, "notrack jmp eax"},
      {true, {0xF0, 0xF2, 0x01, 0x00}, "lock xacquire add DWORD PTR [eax],eax"},
      {true, {0x0F, 0x20, 0x05}, "mov    ebp,cr0"},
      {true, {0x66, 0x90}, "xchg   ax,ax"},
      {true, {0x0F, 0x01, 0x00}, "sgdtd  [eax]"},
      {true, {0x8C, 0x18}, "mov    WORD PTR [eax],ds"},
      {true, {0x66, 0x8C, 0xD8}, "mov    ax,ds"},
      {true, {0xC3}, "ret"},
      {false, {0x8B, 0x42, 0xFE}, "mov    ax,WORD PTR [bp+si-0x2]"},
      {false, {0x8B, 0x06, 0x00, 0xFF}, "mov    ax,WORD PTR ds:0xff00"},
      {false, {0xE9, 0x00, 0x80}, "jmp    0x8003"},
      {false, {0x66, 0x6A, 0xFF}, "pushd  0xffffffff"},
      {false, {0x66, 0xCF}, "iretd"},
      {false, {0x66, 0x8C, 0x18}, "data32 mov WORD PTR [bx+si],ds"},
      {false, {0x67, 0x8B, 0x04, 0x24}, "mov    ax,WORD PTR [esp]"},
  };
  for (const Fixed& f : kCases) {
    Bytes b = f.bytes;
    b.resize(b.size() + 8, 0x90);
    EXPECT_EQ(vtsim_disasm(b, f.code32, 0).text, f.text) << hex_bytes(f.bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// `vtsim disasm` (objdump_listing) against objdump over NASM-assembled files.

constexpr const char* kListing32 = R"(bits 32
start:
  mov eax, ebx
  add dword [ebx+esi*4+0x10], 0x12345678
  sub byte [0x1234], 5
  cmp ecx, -1
  lock xor [edi], eax
  test al, 0x80
  inc dword [ebp-8]
  lea esi, [eax*2+ecx]
  movzx eax, byte [esi]
  movsx edx, word [es:edi+4]
  push dword [fs:0x30]
  pop edi
  push 0x12345678
  push -2
  xchg eax, ecx
  cwde
  cdq
  jz start
  jnz near start
  call start
  jmp 0x08:0x1000
  ret 8
  int 0x80
  in al, dx
  out 0x80, eax
  cpuid
  rdtsc
  lgdt [eax]
  mov cr0, eax
  mov eax, cr3
  mov [ds:0x5678], al
  mov eax, [gs:0x10]
  cli
  hlt
  times 12 db 0
  nop
  mov dword [eax+ecx*8+0x12345678], 0x9abcdef0
  db 0, 0
)";

constexpr const char* kListing16 = R"(bits 16
  mov ax, bx
  mov [bp+di+0x1234], dx
  add word [bx+si-2], 0x100
  mov eax, [ebx+4]
  push dword 1
  pushf
  iret
  jmp short $
  jmp 0xf000:0xfff0
  mov ds, ax
  mov [0x4000], ax
  retf
  db 0x66
)";

void expect_listing_matches(const char* source, bool code32, u64 base) {
  vtsim::testing::TempFile asm_file(".asm"), bin(".bin");
  asm_file.write(std::string(source));
  std::string err = vtsim::testing::run_command("nasm -f bin -o " + bin.path() + " " +
                                                asm_file.path() + " 2>&1");
  ASSERT_TRUE(err.empty()) << err;
  Bytes data = bin.read();
  ASSERT_FALSE(data.empty());
  ListingOptions opt;
  opt.file = bin.path();
  opt.code32 = code32;
  opt.base = base;
  std::string mine = objdump_listing(data, opt);
  std::string theirs = vtsim::testing::run_command(
      fmt::format("objdump -D -b binary -M intel -m {} --adjust-vma=0x{:x} {}",
                  code32 ? "i386" : "i8086", base, bin.path()));
  // Line by line, so a failure names the first line that differs.
  size_t a = 0, b = 0, line = 1;
  while (a < mine.size() || b < theirs.size()) {
    size_t ea = mine.find('\n', a), eb = theirs.find('\n', b);
    std::string la = mine.substr(a, ea - a), lb = theirs.substr(b, eb - b);
    EXPECT_EQ(la, lb) << "line " << line;
    if (la != lb) break;
    a = ea == std::string::npos ? mine.size() : ea + 1;
    b = eb == std::string::npos ? theirs.size() : eb + 1;
    ++line;
  }
  EXPECT_GT(line, 10u);
}

TEST(Ia32DisasmListing, NasmFileMatchesObjdumpLineByLine) {
  if (!vtsim::testing::tool_available("objdump")) GTEST_SKIP() << "objdump not found";
  if (!vtsim::testing::tool_available("nasm")) GTEST_SKIP() << "nasm not found";
  expect_listing_matches(kListing32, true, 0);
  expect_listing_matches(kListing16, false, 0x7C00);
}

}  // namespace
}  // namespace vtsim::ia32
