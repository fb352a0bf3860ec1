#include "trace/events.h"

#include <array>

namespace vtsim::trace {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(Kind::kCount)> kKindNames = {
    "retire", "memory", "exception", "interrupt", "io", "post", "mode", "note"};
}  // namespace

std::string_view kind_name(Kind k) {
  auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : std::string_view("unknown");
}

}  // namespace vtsim::trace
