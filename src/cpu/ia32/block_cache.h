// Decoded straight-line blocks of IA-32 code, found by physical address and decode mode, and
// dropped when the guest writes a page they were decoded from (self-modifying code).
#pragma once
#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

#include "cpu/ia32/decoded.h"

namespace vtsim::ia32 {

struct Block {
  u64 key = 0;          // BlockCache::key(physical address, code32)
  u64 first_page = 0;   // physical page numbers the bytes lie in
  u64 last_page = 0;
  u32 bytes = 0;        // total length of the instructions
  std::vector<DecodedInsn> insns;
};

class BlockCache {
 public:
  static u64 key(u64 pa, bool code32) { return pa | (u64{code32} << 63); }

  const Block* find(u64 k) {
    const Block*& slot = front_slot(k);
    if (slot && slot->key == k) [[likely]] return slot;
    auto it = map_.find(k);
    if (it == map_.end()) return nullptr;
    slot = it->second.get();
    return slot;
  }
  const Block* insert(std::unique_ptr<Block> b);
  [[nodiscard]] bool is_code_page(u64 page) const { return pages_.count(page) != 0; }
  // Drops every block with bytes in the page. Blocks are freed at the next release_retired(),
  // so the block being executed stays valid until it ends.
  void invalidate_page(u64 page);
  void clear();
  void release_retired() { retired_.clear(); }
  [[nodiscard]] size_t size() const { return map_.size(); }

 private:
  static constexpr size_t kFront = 4096;
  const Block*& front_slot(u64 k) { return front_[(k ^ (k >> 12)) & (kFront - 1)]; }
  std::array<const Block*, kFront> front_{};
  std::unordered_map<u64, std::unique_ptr<Block>> map_;
  std::unordered_map<u64, std::vector<u64>> pages_;  // page -> keys of blocks touching it
  std::vector<std::unique_ptr<Block>> retired_;
};

}  // namespace vtsim::ia32
