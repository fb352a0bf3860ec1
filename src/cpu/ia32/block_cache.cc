#include "cpu/ia32/block_cache.h"

namespace vtsim::ia32 {

const Block* BlockCache::insert(std::unique_ptr<Block> b) {
  const Block* raw = b.get();
  for (u64 p = b->first_page; p <= b->last_page; ++p) pages_[p].push_back(b->key);
  map_[b->key] = std::move(b);
  return raw;
}

void BlockCache::invalidate_page(u64 page) {
  auto it = pages_.find(page);
  if (it == pages_.end()) return;
  std::vector<u64> keys = std::move(it->second);
  pages_.erase(it);
  for (u64 k : keys) {
    auto b = map_.find(k);
    if (b == map_.end()) continue;
    if (front_slot(k) == b->second.get()) front_slot(k) = nullptr;
    retired_.push_back(std::move(b->second));
    map_.erase(b);
  }
}

void BlockCache::clear() {
  for (auto& [k, b] : map_) retired_.push_back(std::move(b));
  map_.clear();
  pages_.clear();
  front_.fill(nullptr);
}

}  // namespace vtsim::ia32
