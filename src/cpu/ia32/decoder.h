// The IA-32 decoder: prefixes, opcode maps, ModRM/SIB, displacements and immediates
// (SDM Vol. 2A ch. 2), driven entirely by the rows of the decode table.
#pragma once
#include <span>
#include <vector>

#include "cpu/ia32/decoded.h"

namespace vtsim::ia32 {

enum class DecodeStatus : u8 {
  kOk,
  kTruncated,  // the bytes ran out before the instruction ended
  kInvalid,    // no row matches, or a prefix is not allowed: #UD
  kTooLong,    // more than 15 bytes: #GP(0) (SDM Vol. 2A 2.3.11)
};

// Bit i set: the model has Feature i.
using FeatureMask = u32;
constexpr FeatureMask feature_bit(Feature f) { return FeatureMask{1} << static_cast<unsigned>(f); }
constexpr FeatureMask kAllFeatures = ~FeatureMask{0};

// All rows of all groups, and the candidate rows of each opcode, built once.
class DecodeTable {
 public:
  static const DecodeTable& instance();
  [[nodiscard]] std::span<const Row* const> candidates(OpMap map, u8 opcode) const {
    return slots_[static_cast<unsigned>(map)][opcode];
  }
  [[nodiscard]] std::span<const Row* const> rows() const { return all_; }

 private:
  DecodeTable();
  std::vector<const Row*> all_;
  std::vector<const Row*> slots_[2][256];
};

// Decodes one instruction from bytes. On kOk, out is complete (handler chosen for the operand
// size); on kInvalid, out.len covers the bytes consumed so far.
DecodeStatus decode(std::span<const u8> bytes, bool code32, FeatureMask features,
                    DecodedInsn& out);

// The number of bytes an immediate operand code takes at the given operand size.
unsigned immediate_size(Opnd o, bool o32);

}  // namespace vtsim::ia32
